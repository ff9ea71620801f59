/**
 * @jest-environment node
 */
/*
 * Orders posted, one of them cancelled after posting, then two settlement files through Load CSV and
 * Post: 03-09 settles the worked example's order with a GMV Payment for TikTok Ads that leaves the day
 * negative (its adjustment credit note knocks off the invoice, a refund pays out the rest); 03-16 settles
 * the refund, a second order and two reimbursements (an adjustment invoice). What the Dashboard, the
 * Sales Invoices sheet and TIKTOK.SETTLED say afterwards.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { dayStartEpoch } from "../../../src/core/dates/business-date";
import { createMemoryWorkbook, type MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { settledOf } from "../../../src/functions/ledger-functions";
import { openLedger, type Ledger } from "../../../src/ledger";
import { SALES_INVOICES_SHEET } from "../../../src/taskpane/flows/books-flow";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { computeDashboard } from "../../../src/taskpane/flows/dashboard-flow";
import { loadSettlement, postPayments } from "../../../src/taskpane/flows/payment-flow";
import { NOW, orderLike, SHOP, WORKED_ORDER_ID } from "../../ledger/helpers";
import {
  adjustmentRow,
  bytesOf,
  postWorkedInvoices,
  SECOND_ORDER_ID,
  SECOND_ORDER_ROW,
  WORKED_ORDER_ROW,
  WORKED_REFUND_ROW,
} from "../../ledger/worked-settlement";
import { linkedTestStore } from "../../fixtures/linked-store";

const CANCELLED_ID = "579912345678900200";

const FILE_0309 = [
  WORKED_ORDER_ROW,
  adjustmentRow("7401000000000000001", "GMV Payment for TikTok Ads", "-60.00", "2026/03/09"),
];
const FILE_0316 = [
  WORKED_REFUND_ROW,
  SECOND_ORDER_ROW,
  adjustmentRow("7401000000000000002", "Logistics reimbursement", "6.80"),
  adjustmentRow("7401000000000000003", "Platform reimbursement", "19.40"),
];

let ledger: Ledger;
let workbook: MemoryWorkbook;
let ctx: AppContext;

beforeAll(async () => {
  ledger = await openLedger({ factory: new IDBFactory(), now: () => NOW });
  workbook = createMemoryWorkbook();
  ctx = {
    ledger,
    workbook,
    linkBaseUrl: "http://127.0.0.1:9",
    inExcel: false,
    now: () => dayStartEpoch("2026-03-16") + 12 * 3600,
  };
  await ledger.saveLinkedStore(linkedTestStore(SHOP, NOW));
  // IV-00001 the worked example (62.11, 03-01), IV-00002 the second order (100.00, 03-02).
  await postWorkedInvoices(ledger);
  // IV-00003: an order like the worked example, posted on 03-01 and cancelled on TikTok two days later.
  const cancelled = orderLike(CANCELLED_ID, 1);
  await ledger.saveFetchedOrders(SHOP, [cancelled]);
  expect((await ledger.postOrder(SHOP, CANCELLED_ID)).invoiceNo).toBe("IV-00003");
  await ledger.saveFetchedOrders(SHOP, [
    { ...cancelled, status: "CANCELLED", cancel_time: cancelled.create_time + 2 * 86400 },
  ]);
  expect((await ledger.postOrder(SHOP, CANCELLED_ID)).creditNoteNo).toBe("CN-00001");

  for (const [name, rows] of [
    ["0309.csv", FILE_0309],
    ["0316.csv", FILE_0316],
  ] as const)
    await postPayments(ctx, await loadSettlement(ctx, [{ name, bytes: bytesOf([...rows]) }]));
});
afterAll(() => ledger.close());

test("the payment runs post what the scenario says", async () => {
  expect((await ledger.listCreditNotes()).map((n) => [n.docNo, n.date, n.description, n.total])).toEqual([
    ["CN-00001", "2026-03-03", `TikTok order ${CANCELLED_ID} cancelled after posting (reverses IV-00003)`, 6211],
    ["CN-00002", "2026-03-09", "TikTok Adjustment", 6000],
    ["CN-00003", "2026-03-16", `TikTok refund ${WORKED_ORDER_ID}`, 1617],
  ]);
  expect((await ledger.listRefunds()).map((r) => [r.docNo, r.date, r.amount])).toEqual([["RF-00001", "2026-03-09", 651]]);
  expect((await ledger.listPayments()).map((p) => [p.docNo, p.date, p.amount])).toEqual([
    ["OR-00001", "2026-03-16", 11003],
  ]);
  expect((await ledger.listKnockOffs("IV-00001")).map((k) => [k.paymentNo, k.amount])).toEqual([["CN-00002", 5349]]);
});

describe("the Dashboard's sales", () => {
  test("are the sales accounts' movements: goods less seller discounts and returns, without cancelled orders, adjustments or fees", async () => {
    const figures = await computeDashboard(ctx, 16);
    const byDate = Object.fromEntries(figures.daily.filter((d) => d.sales !== 0).map((d) => [d.date, d.sales]));
    expect(byDate).toEqual({
      "2026-03-01": 6211, // IV-00001: 64.70 goods − 2.59 seller discount; IV-00003 was never a sale
      "2026-03-02": 10000, // IV-00002
      "2026-03-16": -1290, // CN-00003: the cap returned; the reimbursements' IV-00004 is not a sale
    });
    expect(figures.totals.sales).toBe(14921);
  });

  test("tie to the trial balance's Sales, Sales Returns and Sales Adjustment accounts", async () => {
    const income = new Set((await ledger.listAccounts()).filter((a) => a.type === "income").map((a) => a.code));
    const sales = (await ledger.trialBalance())
      .filter((l) => income.has(l.account))
      .reduce((a, l) => a + l.credit - l.debit, 0);
    expect(sales).toBe(14921);
    expect((await computeDashboard(ctx, 16)).totals.sales).toBe(sales);
  });
});

describe("an invoice settled through a day's payment run", () => {
  const status = () =>
    Object.fromEntries(
      workbook.sheets.get(SALES_INVOICES_SHEET)!.rows.map((r) => [r[0], [r[5], r[7], r[8]]]),
    );

  test("reads Paid in Sales Invoices, even when the day's adjustment credit note knocked it off; a cancelled order's reads Credited", () => {
    expect(status()).toEqual({
      "IV-00001": [53.49, 0, "Paid"],
      "IV-00002": [100, 0, "Paid"],
      "IV-00003": [62.11, 0, "Credited"],
      "IV-00004": [26.2, 0, "Paid"],
    });
  });

  test("is TIKTOK.SETTLED TRUE whatever knocked it off; the cancelled order, never settled, FALSE", async () => {
    expect(await settledOf(ledger, WORKED_ORDER_ID)).toBe(true);
    expect(await settledOf(ledger, SECOND_ORDER_ID)).toBe(true);
    expect(await settledOf(ledger, CANCELLED_ID)).toBe(false);
  });
});
