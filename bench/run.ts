/**
 * `npm run bench`: measures the main job at scale. Figures are counts and ratios measured side by side in
 * one run, since the machine is shared and noisy. Prints a table and writes bench/results.json.
 */
import fs from "node:fs";
import path from "node:path";
import type { BenchResult } from "./measure";
import { benchFetch } from "./cases/fetch";
import { benchPostOrders } from "./cases/post-orders";
import { benchExcelWrites } from "./cases/excel-writes";
import { benchTaskPane } from "./cases/task-pane";

const ROOT = path.resolve(__dirname, "..");
const quick = process.argv.includes("--quick");
const ORDERS = quick ? 1000 : 10_000;

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  const step = async (name: string, work: () => Promise<BenchResult | BenchResult[]>) => {
    process.stderr.write(`… ${name}\n`);
    try {
      const r = await work();
      results.push(...(Array.isArray(r) ? r : [r]));
    } catch (error) {
      results.push({ case: name, figure: "failed", value: NaN, details: { error: String(error) } });
    }
  };
  await step("fetch", () => benchFetch(ORDERS, 30));
  await step("post-orders-node", () => benchPostOrders(ORDERS));
  await step("excel-writes", () => benchExcelWrites(20_000));
  await step("task-pane", () => benchTaskPane(path.join(ROOT, "dist")));

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
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify({ when: new Date().toISOString(), quick, results }, null, 2) + "\n");
}

void main();
