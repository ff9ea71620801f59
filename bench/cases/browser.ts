/**
 * The cases run in headless Chromium, on the code as webpack ships it: posting orders on the page's real
 * IndexedDB against a raw bulk put of the same records, and the settlement import against a bare
 * papaparse parse of the same text.
 */
import type { BenchPage } from "../browser/session";
import type { PostOrdersFigures } from "../post-orders-core";
import { median, round, type BenchResult } from "../measure";
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
  const importMs = median(f.importMs);
  const papaMs = median(f.papaparseMs);
  const rate = rows / (importMs / 1000);
  const baseRate = rows / (papaMs / 1000);
  return {
    case: "import-browser",
    figure: "settlement rows per second (importSettlement, Chromium)",
    value: Math.round(rate),
    baseline: { figure: "bare papaparse parse of the same text, rows per second", value: Math.round(baseRate) },
    ratio: round(rate / baseRate, 3),
    target: "ratio ≥ 0.5",
    met: f.accepted && f.rows === rows && rate / baseRate >= 0.5,
    details: { rows, rowsRead: f.rows, accepted: f.accepted, importMs: f.importMs.map((m) => round(m)), papaparseMs: f.papaparseMs.map((m) => round(m)) },
  };
}
