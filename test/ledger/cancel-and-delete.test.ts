import type { Order } from "../../src/core/tiktok/types";
import type { Ledger } from "../../src/ledger";
import {
  addProducts,
  freshLedger,
  lineSummary,
  NOW,
  orderLike,
  SHOP,
  WORKED_ORDER_ID,
  workedExampleOrder,
} from "./helpers";

let ledger: Ledger;

/** 2026-03-03 10:00 in Kuala Lumpur. */
const CANCEL_TIME = 1772503200;

function cancelled(order: Order = workedExampleOrder()): Order {
  return { ...order, status: "CANCELLED", cancel_time: CANCEL_TIME, cancel_reason: "Buyer changed mind" };
}

beforeEach(async () => {
  ({ ledger } = await freshLedger());
  await addProducts(ledger);
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  await ledger.postOrder(SHOP, WORKED_ORDER_ID);
});
afterEach(() => ledger.close());

describe("an order TikTok cancelled after its invoice was posted", () => {
  beforeEach(() => ledger.saveFetchedOrders(SHOP, [cancelled()]));

  test("Post raises CN-00001 on the cancellation date, reversing IV-00001 line for line", async () => {
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Success",
      invoiceNo: "IV-00001",
      creditNoteNo: "CN-00001",
      problems: [],
    });
    const note = await ledger.getCreditNote("CN-00001");
    expect(note).toMatchObject({
      sourceKey: `tiktok:${SHOP}:order:${WORKED_ORDER_ID}:cancelled`,
      orderId: WORKED_ORDER_ID,
      invoiceNo: "IV-00001",
      date: "2026-03-03",
      total: 6211,
      version: 1,
      postedAt: NOW,
      description: `TikTok order ${WORKED_ORDER_ID} cancelled after posting (reverses IV-00001)`,
    });
    expect(lineSummary(note!.lines)).toEqual([
      ["TEE-BLK-M", 5180, "500-000"],
      ["CAP-RED", 1290, "500-000"],
      ["TT-DISCOUNT", -259, "520-TT2"],
    ]);
    expect((await ledger.getJournal("CN-00001"))?.lines).toEqual([
      { account: "500-000", debit: 6470, credit: 0 },
      { account: "300-000", debit: 0, credit: 6211 },
      { account: "520-TT2", debit: 0, credit: 259 },
    ]);
  });

  test("the credit note knocks off the invoice: both are settled and every account is back to zero", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(await ledger.outstanding("IV-00001")).toBe(0);
    expect(await ledger.outstanding("CN-00001")).toBe(0);
    expect(await ledger.trialBalance()).toEqual([]);
    expect((await ledger.getFetchedOrder(WORKED_ORDER_ID))?.creditNoteNo).toBe("CN-00001");
  });

  test("posting it again says Posted and raises nothing", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Posted",
      invoiceNo: "IV-00001",
      creditNoteNo: "CN-00001",
      problems: [],
    });
    expect(await ledger.listCreditNotes()).toHaveLength(1);
  });

  test("two simultaneous posts raise one credit note", async () => {
    const results = await Promise.all([
      ledger.postOrder(SHOP, WORKED_ORDER_ID),
      ledger.postOrder(SHOP, WORKED_ORDER_ID),
    ]);
    expect(results.map((r) => [r.status, r.creditNoteNo]).sort()).toEqual([
      ["Posted", "CN-00001"],
      ["Success", "CN-00001"],
    ]);
    expect(await ledger.listCreditNotes(WORKED_ORDER_ID)).toHaveLength(1);
  });

  test("a cancellation without a cancel time is dated the day it is posted", async () => {
    const { cancel_time: _c, ...order } = cancelled();
    await ledger.saveFetchedOrders(SHOP, [order as Order]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect((await ledger.getCreditNote("CN-00001"))?.date).toBe("2026-03-02");
  });

  test("the invoice cannot be deleted while the credit note knocks it off; deleting the note reopens it", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await expect(ledger.deleteInvoice("IV-00001")).rejects.toMatchObject({
      code: "INVOICE_PAID",
      message: "Invoice IV-00001 is knocked off by CN-00001: delete CN-00001 first.",
    });
    await ledger.deleteCreditNote("CN-00001");
    expect(await ledger.outstanding("IV-00001")).toBe(6211);
    expect(await ledger.listKnockOffs()).toEqual([]);
    expect((await ledger.getFetchedOrder(WORKED_ORDER_ID))?.creditNoteNo).toBeUndefined();
    expect((await ledger.postOrder(SHOP, WORKED_ORDER_ID)).creditNoteNo).toBe("CN-00002");
  });

  test("an order cancelled before it was posted has nothing to invoice", async () => {
    const order = cancelled(orderLike("579912345678907777", 2));
    order.line_items = order.line_items.map((li) => ({ ...li, display_status: "CANCELLED" }));
    await ledger.saveFetchedOrders(SHOP, [order]);
    expect(await ledger.postOrder(SHOP, "579912345678907777")).toMatchObject({
      status: "Failed",
      reason: "Nothing To Invoice",
    });
  });
});

describe("deleting an invoice", () => {
  test("keeps its last version, frees its order to be posted again under a new number", async () => {
    await ledger.deleteInvoice("IV-00001");
    expect(await ledger.listInvoices()).toEqual([]);
    expect(await ledger.getJournal("IV-00001")).toBeUndefined();
    const kept = await ledger.listDocumentVersions("IV-00001");
    expect(kept.map((v) => [v.docNo, v.version, v.kind, v.deletedAt])).toEqual([
      ["IV-00001", 1, "invoice", NOW],
    ]);
    expect(await ledger.getFetchedOrder(WORKED_ORDER_ID)).not.toHaveProperty("invoiceNo");
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toMatchObject({
      status: "Success",
      invoiceNo: "IV-00002",
    });
    expect(await ledger.trialBalance()).toHaveLength(3);
  });

  test("a number that is not an invoice's is refused", async () => {
    await expect(ledger.deleteInvoice("OR-00001")).rejects.toThrow(
      "OR-00001 is not an invoice number (IV-…).",
    );
    await expect(ledger.deleteInvoice("IV-00009")).rejects.toThrow("Invoice IV-00009 does not exist.");
  });

  test("an invoice a refund credit note refers to is kept until that note goes", async () => {
    const invoice = (await ledger.getInvoice("IV-00001"))!;
    await ledger.commit({
      create: [
        {
          kind: "creditNote",
          draft: {
            ...invoice,
            sourceKey: "refund-1",
            invoiceNo: "IV-00001",
            lines: [invoice.lines[1]],
            total: invoice.lines[1].amount,
          },
        },
      ],
    });
    await expect(ledger.deleteInvoice("IV-00001")).rejects.toMatchObject({
      code: "INVOICE_CREDITED",
      message: "IV-00001 is credited by CN-00001: delete the credit note first.",
    });
  });
});

describe("posting runs", () => {
  test("orders posted under a run are recorded in it and reverted with it", async () => {
    const order = orderLike("579912345678908888", 1);
    await ledger.saveFetchedOrders(SHOP, [order]);
    const run = await ledger.beginRun({ kind: "orders", shopId: SHOP, description: "Post 1 order" });
    expect(run.runId).toBe("RUN-00001");
    await ledger.postOrder(SHOP, order.id, { runId: run.runId });
    expect((await ledger.getRun(run.runId))?.created).toEqual([{ kind: "invoice", docNo: "IV-00002" }]);
    await ledger.revertRun(run.runId);
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001"]);
    expect(await ledger.getFetchedOrder(order.id)).not.toHaveProperty("postStatus");
    await expect(ledger.postOrder(SHOP, order.id, { runId: run.runId })).rejects.toMatchObject({
      code: "RUN_REVERTED",
    });
    expect(await ledger.postOrder(SHOP, order.id)).toMatchObject({
      status: "Success",
      invoiceNo: "IV-00003",
    });
  });

  test("an unknown run cannot be reverted", async () => {
    await expect(ledger.revertRun("RUN-00042")).rejects.toThrow("There is no run RUN-00042.");
  });
});
