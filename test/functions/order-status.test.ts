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

import { ORDER_ID_NOT_TEXT, orderStatusValue, streamOrderStatus, type OrderStatusLedger } from "../../src/functions/order-status";

const ORDER = "579912345678901234";

function fakeLedger(statuses: Record<string, string>) {
  const listeners = new Set<() => void>();
  const ledger: OrderStatusLedger = {
    async getFetchedOrder(id) {
      return statuses[id] ? { status: statuses[id] } : undefined;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return { ledger, listeners, change: () => listeners.forEach((l) => l()) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeInvocation() {
  const results: unknown[] = [];
  const invocation: { setResult: (v: unknown) => void; onCanceled?: () => void } = { setResult: (v) => results.push(v) };
  return { invocation, results };
}

describe("ORDERSTATUS values", () => {
  test("a fetched order gives its TikTok status", async () => {
    expect(await orderStatusValue(fakeLedger({ [ORDER]: "DELIVERED" }).ledger, ORDER)).toBe("DELIVERED");
  });

  test("surrounding spaces are ignored", async () => {
    expect(await orderStatusValue(fakeLedger({ [ORDER]: "DELIVERED" }).ledger, ` ${ORDER} `)).toBe("DELIVERED");
  });

  test("an unknown order gives #N/A naming the ID", async () => {
    expect(await orderStatusValue(fakeLedger({}).ledger, ORDER)).toEqual(new StubError("#N/A", `No fetched order ${ORDER}`));
  });

  test.each([[5.78e17], ["5.78E+17"], ["ABC"], [""], [true]])("%j gives #VALUE! asking for text", async (raw) => {
    expect(await orderStatusValue(fakeLedger({ [ORDER]: "DELIVERED" }).ledger, raw)).toEqual(new StubError("#VALUE!", ORDER_ID_NOT_TEXT));
  });
});

describe("ORDERSTATUS streaming", () => {
  test("sets the status, refreshes after a ledger change, and stops listening when canceled", async () => {
    const statuses: Record<string, string> = {};
    const { ledger, listeners, change } = fakeLedger(statuses);
    const { invocation, results } = fakeInvocation();
    streamOrderStatus(async () => ledger, ORDER, invocation);
    await settle();
    expect(results).toEqual([new StubError("#N/A", `No fetched order ${ORDER}`)]);

    statuses[ORDER] = "AWAITING_SHIPMENT";
    change();
    await settle();
    change(); // nothing new: the cell is not set again
    await settle();
    statuses[ORDER] = "DELIVERED";
    change();
    await settle();
    expect(results.slice(1)).toEqual(["AWAITING_SHIPMENT", "DELIVERED"]);

    invocation.onCanceled!();
    expect(listeners.size).toBe(0);
    statuses[ORDER] = "COMPLETED";
    change();
    await settle();
    expect(results).toHaveLength(3);
  });

  test("a number argument gives #VALUE! without reading the books", async () => {
    const getLedger = jest.fn();
    const { invocation, results } = fakeInvocation();
    streamOrderStatus(getLedger, 5.78e17, invocation);
    await settle();
    expect(results).toEqual([new StubError("#VALUE!", ORDER_ID_NOT_TEXT)]);
    expect(getLedger).not.toHaveBeenCalled();
  });

  test("canceled before the books opened: nothing is set and nothing subscribes", async () => {
    const { ledger, listeners } = fakeLedger({ [ORDER]: "DELIVERED" });
    const { invocation, results } = fakeInvocation();
    streamOrderStatus(async () => ledger, ORDER, invocation);
    invocation.onCanceled!();
    await settle();
    expect(results).toEqual([]);
    expect(listeners.size).toBe(0);
  });

  test("books that cannot be opened give #N/A with the reason", async () => {
    const { invocation, results } = fakeInvocation();
    streamOrderStatus(async () => Promise.reject(new Error("IndexedDB is unavailable")), ORDER, invocation);
    await settle();
    expect(results).toEqual([new StubError("#N/A", "The books could not be read: IndexedDB is unavailable")]);
  });
});
