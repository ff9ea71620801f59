class StubError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

import type { Ledger } from "../../src/ledger";
import { functionsReader, streamLedgerValue, type ChangeSource } from "../../src/functions/streaming";

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeSource() {
  const listeners = new Set<() => void>();
  const source: ChangeSource = {
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return { source, listeners, change: () => listeners.forEach((l) => l()) };
}

function fakeInvocation() {
  const results: unknown[] = [];
  const invocation: { setResult: (v: unknown) => void; onCanceled?: () => void } = {
    setResult: (v) => results.push(v),
  };
  return { invocation, results };
}

describe("a streaming cell", () => {
  test("is set now, again after a change only when its answer changed, and never after it is canceled", async () => {
    let answer = "AWAITING_SHIPMENT";
    const { source, listeners, change } = fakeSource();
    const { invocation, results } = fakeInvocation();
    streamLedgerValue(
      async () => source,
      async () => answer,
      invocation,
    );
    await settle();
    change(); // same answer: the cell is not set again
    await settle();
    answer = "DELIVERED";
    change();
    await settle();
    expect(results).toEqual(["AWAITING_SHIPMENT", "DELIVERED"]);

    invocation.onCanceled!();
    expect(listeners.size).toBe(0);
    answer = "COMPLETED";
    change();
    await settle();
    expect(results).toHaveLength(2);
  });

  test("an older answer arriving late never overwrites a newer one", async () => {
    const { source, change } = fakeSource();
    const { invocation, results } = fakeInvocation();
    const delays = [30, 0];
    const answers = ["old", "new"];
    let call = 0;
    streamLedgerValue(
      async () => source,
      () => {
        const n = call++;
        return new Promise((resolve) => setTimeout(() => resolve(answers[n] ?? "later"), delays[n] ?? 0));
      },
      invocation,
    );
    await settle();
    change();
    await settle(50);
    expect(results).toEqual(["new"]);
  });

  test("equal errors are not set twice", async () => {
    const { source, change } = fakeSource();
    const { invocation, results } = fakeInvocation();
    streamLedgerValue(
      async () => source,
      async () => new StubError("#N/A", "No order 1 in the books: fetch it on the Orders tab.") as never,
      invocation,
    );
    await settle();
    change();
    await settle();
    expect(results).toEqual([new StubError("#N/A", "No order 1 in the books: fetch it on the Orders tab.")]);
  });

  test("canceled before the books opened: nothing is set and nothing subscribes", async () => {
    const { source, listeners } = fakeSource();
    const { invocation, results } = fakeInvocation();
    streamLedgerValue(
      async () => source,
      async () => "DELIVERED",
      invocation,
    );
    invocation.onCanceled!();
    await settle();
    expect(results).toEqual([]);
    expect(listeners.size).toBe(0);
  });

  test("books that cannot be opened, or a failed read, give #N/A with the reason", async () => {
    const first = fakeInvocation();
    streamLedgerValue(
      async () => Promise.reject(new Error("IndexedDB is unavailable")),
      async () => "x",
      first.invocation,
    );
    const second = fakeInvocation();
    streamLedgerValue(
      async () => fakeSource().source,
      async () => Promise.reject(new Error("disk full")),
      second.invocation,
    );
    await settle();
    expect(first.results).toEqual([
      new StubError("#N/A", "The books could not be read: IndexedDB is unavailable"),
    ]);
    expect(second.results).toEqual([new StubError("#N/A", "The books could not be read: disk full")]);
  });
});

describe("the functions' view of the ledger", () => {
  function fakeLedger() {
    const { source, listeners, change } = fakeSource();
    const reads = { stockItems: 0, trialBalance: [] as (string | undefined)[] };
    const ledger = {
      onChange: source.onChange,
      listStockItems: async () => {
        reads.stockItems++;
        return [];
      },
      trialBalance: async (asOf?: string) => {
        reads.trialBalance.push(asOf);
        return [];
      },
    } as unknown as Ledger;
    return { ledger, listeners, change, reads };
  }

  test("a burst of changes reaches the cells once, after the books are quiet", async () => {
    const { ledger, change } = fakeLedger();
    const reader = functionsReader(ledger, 20);
    let heard = 0;
    reader.onChange(() => heard++);
    for (let i = 0; i < 50; i++) change();
    expect(heard).toBe(0);
    await settle(40);
    expect(heard).toBe(1);
  });

  test("whole-book reads are shared by all cells until the next change", async () => {
    const { ledger, change, reads } = fakeLedger();
    const reader = functionsReader(ledger, 0);
    reader.onChange(() => undefined);
    await Promise.all([
      reader.listStockItems(),
      reader.listStockItems(),
      reader.trialBalance("2026-03-01"),
      reader.trialBalance("2026-03-01"),
    ]);
    await reader.trialBalance();
    expect(reads).toEqual({ stockItems: 1, trialBalance: ["2026-03-01", undefined] });
    change();
    await reader.listStockItems();
    expect(reads.stockItems).toBe(2);
  });

  test("with no cell watching, it stops listening and keeps nothing", async () => {
    const { ledger, listeners, reads } = fakeLedger();
    const reader = functionsReader(ledger, 0);
    const stop = reader.onChange(() => undefined);
    expect(listeners.size).toBe(1);
    stop();
    expect(listeners.size).toBe(0);
    await reader.listStockItems();
    await reader.listStockItems();
    expect(reads.stockItems).toBe(2);
  });
});
