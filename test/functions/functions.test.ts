import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { SHOP, TEE_SKU, workedExampleOrder, POSTED } from "./books";

type Module = typeof import("../../src/functions/functions");
type LedgerModule = typeof import("../../src/ledger");

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries an assertion until it holds: cells refresh a little after the books change, later on a busy machine. */
async function eventually(assertion: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await wait(25);
    }
  }
}

function cell() {
  const results: unknown[] = [];
  const invocation = {
    setResult: (v: unknown) => results.push(v),
    onCanceled: undefined as (() => void) | undefined,
  };
  return {
    invocation: invocation as never,
    results,
    last: () => results[results.length - 1],
    cancel: () => invocation.onCanceled?.(),
  };
}

let functions: Module;
let ledgerModule: LedgerModule;

beforeEach(async () => {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
  (globalThis as Record<string, unknown>).indexedDB = new IDBFactory();
  await jest.isolateModulesAsync(async () => {
    functions = await import("../../src/functions/functions");
    ledgerModule = await import("../../src/ledger");
  });
});
afterEach(() => ledgerModule.resetSharedLedgerForTests());

test("the cells of every function follow the books through fetch, post and delete without recalculation", async () => {
  const ledger = await ledgerModule.getSharedLedger();
  await ledger.putStockItem({
    code: "TEE-BLK-M",
    description: "Tee",
    group: "TIKTOK",
    salesAccount: "500-000",
    isFee: false,
    altCodes: [],
  });
  await ledger.putStockItem({
    code: "CAP-RED",
    description: "Cap",
    group: "TIKTOK",
    salesAccount: "500-000",
    isFee: false,
    altCodes: [],
  });

  const cells = {
    status: cell(),
    post: cell(),
    invoice: cell(),
    outstanding: cell(),
    settled: cell(),
    balance: cell(),
    item: cell(),
  };
  functions.orderStatus(POSTED, cells.status.invocation);
  functions.postStatus(POSTED, cells.post.invocation);
  functions.invoiceNo(POSTED, cells.invoice.invocation);
  functions.outstanding(POSTED, cells.outstanding.invocation);
  functions.settled(POSTED, cells.settled.invocation);
  functions.balance("300-000", undefined, cells.balance.invocation);
  functions.itemCode(TEE_SKU, cells.item.invocation);
  const unknown = { code: "#N/A", message: `No order ${POSTED} in the books: fetch it on the Orders tab.` };
  await eventually(() => {
    expect(cells.status.last()).toMatchObject(unknown);
    expect(cells.post.last()).toMatchObject(unknown);
    expect(cells.balance.last()).toBe(0);
    expect(cells.item.last()).toMatchObject({ code: "#N/A" });
  });

  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(POSTED)]);
  await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "CAP-RED");
  await eventually(() => {
    expect(cells.status.last()).toBe("DELIVERED");
    expect(cells.post.last()).toBe("Not Posted");
    expect(cells.settled.last()).toBe(false);
    expect(cells.item.last()).toBe("CAP-RED");
  });

  await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-BLK-M");
  expect((await ledger.postOrder(SHOP, POSTED)).status).toBe("Success");
  await eventually(() => {
    expect([
      cells.post.last(),
      cells.invoice.last(),
      cells.outstanding.last(),
      cells.balance.last(),
      cells.item.last(),
    ]).toEqual(["Posted", "IV-00001", 62.11, 62.11, "TEE-BLK-M"]);
  });

  await ledger.deleteInvoice("IV-00001");
  await eventually(() => {
    expect([cells.post.last(), cells.balance.last()]).toEqual(["Not Posted", 0]);
    expect(cells.invoice.last()).toMatchObject({
      code: "#N/A",
      message: `Order ${POSTED} has no invoice yet: tick it in TikTok Orders and Post.`,
    });
  });

  for (const c of Object.values(cells)) c.cancel();
  const counts = Object.values(cells).map((c) => c.results.length);
  await ledger.postOrder(SHOP, POSTED);
  await wait(400);
  expect(Object.values(cells).map((c) => c.results.length)).toEqual(counts);
});

test("cells follow a reverted run and a restored backup", async () => {
  const ledger = await ledgerModule.getSharedLedger();
  await ledger.putStockItem({
    code: "TEE-BLK-M",
    description: "Tee",
    group: "TIKTOK",
    salesAccount: "500-000",
    isFee: false,
    altCodes: [],
  });
  await ledger.putStockItem({
    code: "CAP-RED",
    description: "Cap",
    group: "TIKTOK",
    salesAccount: "500-000",
    isFee: false,
    altCodes: [],
  });
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(POSTED)]);
  const before = await ledger.backup();
  const c = cell();
  functions.postStatus(POSTED, c.invocation);
  await eventually(() => expect(c.last()).toBe("Not Posted"));

  const run = await ledger.beginRun({ kind: "orders", shopId: SHOP, description: "Post orders" });
  expect((await ledger.postOrder(SHOP, POSTED, { runId: run.runId })).status).toBe("Success");
  await eventually(() => {
    expect(c.last()).toBe("Posted");
  });
  await ledger.revertRun(run.runId);
  await eventually(() => {
    expect(c.last()).toBe("Not Posted");
  });

  expect((await ledger.postOrder(SHOP, POSTED)).status).toBe("Success");
  await eventually(() => {
    expect(c.last()).toBe("Posted");
  });
  await ledger.restore(before);
  await eventually(() => {
    expect(c.results).toEqual(["Not Posted", "Posted", "Not Posted", "Posted", "Not Posted"]);
  });
});

test("a number where an order ID belongs gives #VALUE! at once, asking for a text column", async () => {
  const c = cell();
  functions.postStatus(579912345678901234, c.invocation);
  await eventually(() => {
    expect(c.results).toEqual([
      { code: "#VALUE!", message: "Order IDs must be text: format the column as Text and re-enter the ID." },
    ]);
  });
});

test("the preview's formula bar finds every function by its Excel name", () => {
  expect(Object.keys(functions.TIKTOK_FUNCTIONS)).toEqual([
    "ORDERSTATUS",
    "POSTSTATUS",
    "INVOICENO",
    "OUTSTANDING",
    "ITEMCODE",
    "SETTLED",
    "BALANCE",
  ]);
});
