/**
 * @jest-environment node
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { UsageError } from "../../src/cli/args";
import { demoHeapBound, demoHeapMb, runBoundedDemo } from "../../src/cli/demo-bounded";

const BIN = path.resolve(__dirname, "..", "..", "bin", "shopbooks.js");

describe("the demo in its bounded worker", () => {
  test("runs the whole job and prints the reconciled summary", async () => {
    const printed: string[] = [];
    await runBoundedDemo(["--orders", "40", "--json"], { print: (line) => printed.push(line) });
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0])).toEqual({
      orders: 40,
      invoices: 34,
      creditNotes: 4,
      payments: 19,
      refunds: 0,
      settledOrders: 23,
      outstandingOnSettledOrders: "0.00",
      trialBalance: "0.00",
      payoutsMatchFile: true,
    });
  }, 60_000);

  test("a bad option is a usage error, as on the main thread", async () => {
    await expect(runBoundedDemo(["--orderz", "4"], { print: () => undefined })).rejects.toThrow(UsageError);
  }, 60_000);

  test("a bound too small for the run stops it with a message that says how to go on", async () => {
    await expect(runBoundedDemo(["--orders", "400", "--json"], { print: () => undefined, heapMb: 16 })).rejects.toThrow(
      "The demo needed more than the 16 MB of memory it is given for this many orders. Run it with fewer orders (--orders), or with a larger bound: SHOPBOOKS_DEMO_HEAP_MB=32.",
    );
  }, 60_000);

  test("the bound grows with the orders asked", () => {
    expect([demoHeapMb(200), demoHeapMb(10_000), demoHeapMb(50_000)]).toEqual([322, 395, 695]);
    expect([demoHeapBound([]), demoHeapBound(["--orders", "50000", "--json"]), demoHeapBound(["--orders", "x"])]).toEqual([322, 695, 322]);
  });

  test("a run that writes the books to a workbook file has no bound of its own (the file is built in memory)", () => {
    expect(demoHeapBound(["--orders", "30000", "--xlsx", "books.xlsx"])).toBeUndefined();
  });

  test("runs from any folder, not only the project's (its worker loads everything by absolute path)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, "demo", "--orders", "20", "--json"], { cwd: os.tmpdir() });
    expect(JSON.parse(stdout.trim())).toEqual({
      orders: 20,
      invoices: 15,
      creditNotes: 2,
      payments: 12,
      refunds: 2,
      settledOrders: 10,
      outstandingOnSettledOrders: "0.00",
      trialBalance: "0.00",
      payoutsMatchFile: true,
    });
  }, 60_000);
});
