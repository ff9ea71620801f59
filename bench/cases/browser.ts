/**
 * The cases run in headless Chromium, on the code as webpack ships it: posting orders on the page's real
 * IndexedDB against a raw bulk put of the same records, and the settlement import against a bare
 * papaparse parse of the same text.
 */
import type { BenchPage } from "../browser/session";
import type { PostOrdersFigures } from "../post-orders-core";
import type { BenchResult } from "../measure";
import { importResult } from "./import";
import { postOrdersResult } from "./post-orders";

export async function benchPostOrdersBrowser(bench: BenchPage, rounds: number): Promise<BenchResult> {
  const figures: PostOrdersFigures[] = [];
  for (let r = 0; r < rounds; r++)
    figures.push((await bench.page.evaluate((name) => window.benchPostOrders(name), `bench-${r}`)) as PostOrdersFigures);
  const result = postOrdersResult("post-orders-browser", "Chromium IndexedDB", figures);
  result.details = { ...result.details, bundleMs: bench.bundleMs, scriptKb: bench.scriptKb, ...(bench.errors.length ? { errors: bench.errors } : {}) };
  return result;
}

export async function benchImportBrowser(bench: BenchPage, rows: number, rounds: number): Promise<BenchResult> {
  const f = await bench.page.evaluate((n) => window.benchImport(n), rounds);
  if (f.papaparseRecords < rows) throw new Error(`papaparse read ${f.papaparseRecords} records, fewer than ${rows}.`);
  return importResult(
    "import-browser",
    ", Chromium",
    rows,
    { importMs: f.importMs, papaparseMs: f.papaparseMs, accepted: f.accepted && f.rows === rows },
    { rowsRead: f.rows },
  );
}
