/**
 * @jest-environment node
 */
import { UsageError } from "../../src/cli/args";
import { demoHeapMb, runBoundedDemo } from "../../src/cli/demo-bounded";

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
  });
});
