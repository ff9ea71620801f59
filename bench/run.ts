/**
 * `npm run bench` (`-- --quick` for a small smoke pass): measures the main job at scale. Figures are counts
 * and ratios measured side by side in one run, since the machine is shared and noisy. Cases that need a
 * peak memory of their own run in child processes. Prints a table and writes bench/results.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchResult } from "./measure";
import { round } from "./measure";
import { runInChild } from "./child";
import { benchFetch } from "./cases/fetch";
import { benchPostOrders, sandboxOrders } from "./cases/post-orders";
import { benchExcelWrites } from "./cases/excel-writes";
import { benchTaskPane } from "./cases/task-pane";
import { benchImportBrowser, benchPostOrdersBrowser } from "./cases/browser";
import { benchScale } from "./cases/scale";
import { openBenchPage } from "./browser/session";
import { generateSettlement } from "./settlement-data";
import { CHROMIUM_PATH } from "../test/e2e/browser";

const quick = process.argv.includes("--quick");
/** `--only fetch,browser`: run just those steps (results.json is then left as it was). */
const onlyArg = process.argv.find((a) => a.startsWith("--only"));
const only = onlyArg ? new Set((onlyArg.includes("=") ? onlyArg.split("=")[1] : process.argv[process.argv.indexOf(onlyArg) + 1] ?? "").split(",")) : undefined;
const STEPS = ["fetch", "post-orders-node", "excel-writes", "task-pane", "browser", "import", "post-payments", "scale"];
/** The cases of the browser step, each of which `--only` also takes alone (`--only import-browser`). */
const BROWSER_CASES = ["post-orders-browser", "import-browser"];
const browserCases = BROWSER_CASES.filter((name) => !only || only.has("browser") || only.has(name));
const SIZE = quick
  ? { orders: 1000, settlementRows: 5000, paymentRows: 2000, demoOrders: 2000, rounds: 1 }
  : { orders: 10_000, settlementRows: 100_000, paymentRows: 100_000, demoOrders: 50_000, rounds: 3 };
/**
 * Child cases are stopped after this long, so that the whole run stays within 10 minutes on 2 cores even
 * when the machine is busy (a full run takes about 7).
 */
const TIMEOUT_MS = quick ? { import: 60_000, payments: 120_000, scale: 120_000 } : { import: 90_000, payments: 260_000, scale: 180_000 };

async function main(): Promise<void> {
  const started = performance.now();
  const results: BenchResult[] = [];
  if (only) {
    const unknown = [...only].filter((name) => !STEPS.includes(name) && !BROWSER_CASES.includes(name));
    if (unknown.length > 0) throw new Error(`No benchmark step ${unknown.join(", ")}: --only takes a comma-separated list of ${[...STEPS, ...BROWSER_CASES].join(", ")}.`);
  }
  const step = async (name: string, work: () => Promise<BenchResult | BenchResult[]>) => {
    if (only && !only.has(name) && !(name === "browser" && browserCases.length > 0)) return;
    const at = performance.now();
    process.stderr.write(`… ${name}\n`);
    try {
      const r = await work();
      results.push(...(Array.isArray(r) ? r : [r]));
    } catch (error) {
      results.push({ case: name, figure: "failed", value: NaN, details: { error: String(error) } });
    }
    process.stderr.write(`  ${name}: ${round((performance.now() - at) / 1000, 1)} s\n`);
  };

  await step("fetch", () => benchFetch(SIZE.orders, 30));
  const needsOrders = !only || only.has("post-orders-node") || browserCases.includes("post-orders-browser");
  const sandbox = needsOrders ? await sandboxOrders(SIZE.orders, 30) : { shopId: "", orders: [] };
  await step("post-orders-node", () => benchPostOrders(sandbox, SIZE.rounds));
  await step("excel-writes", () => benchExcelWrites(20_000));
  await step("task-pane", () => benchTaskPane());
  if (fs.existsSync(CHROMIUM_PATH)) {
    await step("browser", async () => {
      const settlementCsv = browserCases.includes("import-browser") ? generateSettlement({ rows: SIZE.settlementRows }).text : "";
      const page = await openBenchPage({ orders: sandbox, settlementCsv });
      try {
        const results: BenchResult[] = [];
        if (browserCases.includes("post-orders-browser")) results.push(await benchPostOrdersBrowser(page, SIZE.rounds));
        if (browserCases.includes("import-browser")) results.push(await benchImportBrowser(page, SIZE.settlementRows, 3));
        return results;
      } finally {
        await page.close();
      }
    });
  } else {
    results.push({ case: "browser", figure: "skipped", value: NaN, details: { error: `No Chromium at ${CHROMIUM_PATH}.` } });
  }
  await step("import", () => runInChild("import", { rows: SIZE.settlementRows, rounds: 3 }, { timeoutMs: TIMEOUT_MS.import }));
  await step("post-payments", () => runInChild("payments", { rows: SIZE.paymentRows }, { timeoutMs: TIMEOUT_MS.payments }));
  await step("scale", () => benchScale(SIZE.demoOrders, TIMEOUT_MS.scale));
  const durationS = round((performance.now() - started) / 1000, 1);

  const table = results.map((r) => ({
    case: r.case,
    figure: r.figure,
    value: r.value,
    baseline: r.baseline ? `${r.baseline.value} (${r.baseline.figure})` : "",
    ratio: r.ratio ?? "",
    target: r.target ?? "",
    met: r.met === undefined ? "" : r.met ? "yes" : "NO",
  }));
  console.table(table);
  for (const r of results) if (r.details) console.log(`${r.case}: ${JSON.stringify(r.details)}`);
  console.log(`Whole run: ${durationS} s (${quick ? "quick" : "full"}; ${os.cpus().length} CPUs, Node ${process.version}).`);
  if (only || quick) {
    console.log(`${quick ? "A quick pass" : "Only some steps"} ran: bench/results.json is left as it was.`);
    return;
  }
  const file = { when: new Date().toISOString(), quick, durationS, cpus: os.cpus().length, node: process.version, results };
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(file, null, 2) + "\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
