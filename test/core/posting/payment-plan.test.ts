import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { formatMoney, sen, type Sen } from "../../../src/core/money/money";
import { DEFAULT_FEE_MAP } from "../../../src/core/posting/fee-map";
import { buildCreditNoteJournal, buildInvoiceJournal } from "../../../src/core/posting/journal";
import {
  buildPaymentPlan,
  ORDERS_NOT_SYNCED_MESSAGE,
  type PaymentPlanContext,
  type PlanInvoice,
} from "../../../src/core/posting/payment-plan";
import type { InvoiceLine } from "../../../src/core/posting/types";
import { parseSettlement, postedRowKey, type SettlementRow } from "../../../src/core/settlement";
import { settlementFixture } from "../../fixtures/settlement-fixtures";
import {
  adjustmentRow as adjustment,
  DEDUCTION_ROW,
  HEADER,
  LOGISTICS_ROW,
  myRow,
  WORKED_ORDER_ROW,
  WORKED_REFUND_ROW,
} from "../../fixtures/worked-settlement-rows";

const SHOP = "7000000001";
const ORDER = "579912345678901234";

const ACCOUNTS: Record<string, string> = {
  "TEE-BLK-M": "500-000",
  "CAP-RED": "500-000",
  "TT-DISCOUNT": "520-TT2",
  "TT-SHIPPING": "900-TT1",
  "TT-TRXFEE": "900-TT2",
  "TT-COMMISSION": "900-TT3",
  "TT-AFFILIATE": "900-TT4",
  "TT-SERVICEFEE": "900-TT5",
  "TT-ADJUSTMENT": "900-TT6",
  "TT-RETURN": "510-000",
};
const journalAccounts = {
  arAccount: "300-000",
  accountOfItem: (code: string) => ACCOUNTS[code] ?? "?",
};

const ctx: PaymentPlanContext = {
  shopId: SHOP,
  currency: "MYR",
  feeMap: DEFAULT_FEE_MAP,
  returnsItem: "TT-RETURN",
  discountItem: "TT-DISCOUNT",
  revenueDifferenceItem: "TT-DISCOUNT",
  accountOfItem: (code) => ACCOUNTS[code],
};

/** One row of the Malaysian export: the named cells, every other amount 0. */

const file = (rows: string[][], name = "settled.csv") => {
  const parsed = parseSettlement(Papa.unparse([HEADER, ...rows], { newline: "\n" }), { file: name });
  expect(parsed.problems).toEqual([]);
  return parsed.rows;
};

function order(
  id: string,
  settled: string,
  revenue: string,
  fees: Record<string, string>,
  total: string,
  settlement: string,
): string[] {
  return myRow({
    "Order/adjustment ID": id,
    Type: "Order",
    "Order created time": "2026/03/01",
    "Order settled time": settled,
    Currency: "MYR",
    "Total settlement amount": settlement,
    "Total Revenue": revenue,
    "Subtotal after seller discounts": revenue,
    "Subtotal before discounts": revenue,
    "Total Fees": total,
    "Related order ID": id,
    ...fees,
  });
}

const LOGISTICS = LOGISTICS_ROW;
const DEDUCTION = DEDUCTION_ROW;

/** Two more orders settled 2026-03-16, worth 100.00 together. */
const ORDER_B = order(
  "579900000000000002",
  "2026/03/16",
  "70.00",
  { "Transaction fee": "-1.40", "TikTok Shop commission fee": "-3.60" },
  "-5.00",
  "65.00",
);
const ORDER_C = order(
  "579900000000000003",
  "2026/03/16",
  "38.00",
  { "Transaction fee": "-0.76", "TikTok Shop commission fee": "-2.24" },
  "-3.00",
  "35.00",
);

const IV1_LINES: InvoiceLine[] = [
  { itemCode: "TEE-BLK-M", description: "Tee black M", quantity: 2, unitPrice: sen(2590), amount: sen(5180) },
  { itemCode: "CAP-RED", description: "Cap red", quantity: 1, unitPrice: sen(1290), amount: sen(1290) },
  {
    itemCode: "TT-DISCOUNT",
    description: "Seller discount",
    quantity: 1,
    unitPrice: sen(-259),
    amount: sen(-259),
  },
];

function invoice(
  docNo: string,
  orderId: string,
  totalSen: number,
  extra: Partial<PlanInvoice> = {},
): PlanInvoice {
  return { docNo, orderId, total: sen(totalSen), outstanding: sen(totalSen), lines: [], ...extra };
}

const strip = (lines: InvoiceLine[]) =>
  lines.map((l) => [l.itemCode, l.description, formatMoney(l.amount), l.account]);

describe("the payment plan reproduces WORKED-EXAMPLE §3–6", () => {
  const iv1 = invoice("IV-00001", ORDER, 6211, { lines: IV1_LINES });

  test("§4: the 2026-03-09 run adds the fee lines to IV-00001 (53.49) and pays it with OR for 53.49", () => {
    const rows = file([WORKED_ORDER_ROW]);
    const plan = buildPaymentPlan({ rows, invoices: new Map([[ORDER, iv1]]), postedKeys: [] }, ctx);
    expect(plan.problems).toEqual([]);
    expect(plan.blocked).toBe(false);
    expect(plan.rows.map((r) => [r.status, r.invoiceNo])).toEqual([["To post", "IV-00001"]]);
    expect(plan.dates).toHaveLength(1);
    const day = plan.dates[0];
    expect(day.settledDate).toBe("2026-03-09");
    expect(day.invoiceEdits).toHaveLength(1);
    const edit = day.invoiceEdits[0];
    expect(strip(edit.lines)).toEqual([
      ["TT-TRXFEE", "TikTok transaction fee", "-1.28", "900-TT2"],
      ["TT-COMMISSION", "TikTok commission", "-3.73", "900-TT3"],
      ["TT-AFFILIATE", "Affiliate commission", "-3.11", "900-TT4"],
      ["TT-SERVICEFEE", "TikTok service fees", "-0.50", "900-TT5"],
    ]);
    expect(edit).toMatchObject({
      docNo: "IV-00001",
      orderId: ORDER,
      totalBefore: 6211,
      totalAfter: 5349,
      revenueDifference: 0,
      flagged: false,
    });
    expect(edit.rowKey).toBe(postedRowKey(SHOP, rows[0]));
    expect(day.creditNotes).toEqual([]);
    expect(day.adjustment).toBeNull();
    expect(day.payment).toEqual({
      kind: "payment",
      date: "2026-03-09",
      description: "TikTok settlement 2026-03-09",
      amount: 5349,
      knockOffs: [{ docNo: "IV-00001", amount: 5349 }],
      credits: [],
    });
    expect(day.netTotal).toBe(5349);

    // The edited invoice's journal replaces version 1's.
    const journal = buildInvoiceJournal(
      { docNo: "IV-00001", date: "2026-03-01", total: edit.totalAfter, lines: [...IV1_LINES, ...edit.lines] },
      journalAccounts,
    );
    expect(journal.lines.map((l) => [l.account, formatMoney(l.debit), formatMoney(l.credit)])).toEqual([
      ["300-000", "53.49", "0.00"],
      ["520-TT2", "2.59", "0.00"],
      ["900-TT2", "1.28", "0.00"],
      ["900-TT3", "3.73", "0.00"],
      ["900-TT4", "3.11", "0.00"],
      ["900-TT5", "0.50", "0.00"],
      ["500-000", "0.00", "64.70"],
    ]);
  });

  const secondFile = () =>
    file([WORKED_ORDER_ROW, ORDER_B, WORKED_REFUND_ROW, LOGISTICS, ORDER_C, DEDUCTION], "week2.csv");
  const secondInvoices = () =>
    new Map([
      [ORDER, invoice("IV-00001", ORDER, 5349, { outstanding: sen(0), settled: true })],
      ["579900000000000002", invoice("IV-00002", "579900000000000002", 7000)],
      ["579900000000000003", invoice("IV-00003", "579900000000000003", 3800)],
    ]);
  const returnedCap = () => [
    {
      itemCode: "CAP-RED",
      description: "Cap red (returned)",
      quantity: 1,
      unitPrice: sen(1290),
      amount: sen(1290),
      account: "510-000",
    },
  ];

  test("§5–6: the 2026-03-16 run: CN-00001 16.17, the adjustment invoice +3.00, and OR-00002 = 86.83; the 03-09 row already posted", () => {
    const rows = secondFile();
    const posted = [postedRowKey(SHOP, file([WORKED_ORDER_ROW])[0])];
    const plan = buildPaymentPlan(
      { rows, invoices: secondInvoices(), postedKeys: posted },
      { ...ctx, returnedLines: (row) => (row.id === ORDER ? returnedCap() : undefined) },
    );
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((r) => [r.row.sourceLines[0], r.status, r.invoiceNo])).toEqual([
      [2, "Posted", "IV-00001"],
      [3, "To post", "IV-00002"],
      [4, "To post", "IV-00001"],
      [5, "To post", null],
      [6, "To post", "IV-00003"],
      [7, "To post", null],
    ]);
    expect(plan.dates.map((d) => d.settledDate)).toEqual(["2026-03-16"]);
    const day = plan.dates[0];

    expect(day.creditNotes).toHaveLength(1);
    const cn = day.creditNotes[0];
    expect(cn).toMatchObject({
      kind: "creditNote",
      date: "2026-03-16",
      againstDocNo: "IV-00001",
      orderId: ORDER,
      total: 1617,
    });
    expect(strip(cn.lines)).toEqual([
      ["CAP-RED", "Cap red (returned)", "12.90", "510-000"],
      ["TT-TRXFEE", "TikTok transaction fee", "-0.27", "900-TT2"],
      ["TT-COMMISSION", "TikTok commission", "-0.74", "900-TT3"],
      ["TT-AFFILIATE", "Affiliate commission", "-0.62", "900-TT4"],
      ["TT-SHIPPING", "TikTok shipping fee", "4.90", "900-TT1"],
    ]);
    const cnJournal = buildCreditNoteJournal(
      { docNo: "CN-00001", date: cn.date, total: cn.total, lines: cn.lines },
      journalAccounts,
    );
    expect(cnJournal.lines.map((l) => [l.account, formatMoney(l.debit), formatMoney(l.credit)])).toEqual([
      ["510-000", "12.90", "0.00"],
      ["900-TT1", "4.90", "0.00"],
      ["300-000", "0.00", "16.17"],
      ["900-TT2", "0.00", "0.27"],
      ["900-TT3", "0.00", "0.74"],
      ["900-TT4", "0.00", "0.62"],
    ]);

    expect(day.adjustment).toMatchObject({
      kind: "invoice",
      description: "TikTok Adjustment",
      total: 300,
      againstDocNo: null,
    });
    expect(strip(day.adjustment!.lines)).toEqual([
      ["TT-ADJUSTMENT", "Logistics reimbursement 7453807974919513393", "5.00", "900-TT6"],
      ["TT-ADJUSTMENT", "Deductions incurred by seller 7456993305593918533", "-2.00", "900-TT6"],
    ]);

    expect(day.invoiceEdits.map((e) => [e.docNo, e.totalBefore, e.totalAfter])).toEqual([
      ["IV-00002", 7000, 6500],
      ["IV-00003", 3800, 3500],
    ]);
    expect(day.payment).toEqual({
      kind: "payment",
      date: "2026-03-16",
      description: "TikTok settlement 2026-03-16",
      amount: 8683,
      knockOffs: [
        { docNo: "IV-00002", amount: 6500 },
        { docNo: "IV-00003", amount: 3500 },
        { ref: "adjustment:2026-03-16", amount: 300 },
      ],
      credits: [{ ref: cn.ref, amount: 1617 }],
    });
    expect(day.rowKeys).toHaveLength(5);
  });

  test("§5 without returns data: the returned goods go on one generic TT-RETURN line for the same amount", () => {
    const plan = buildPaymentPlan(
      { rows: file([WORKED_REFUND_ROW]), invoices: secondInvoices(), postedKeys: [] },
      ctx,
    );
    const cn = plan.dates[0].creditNotes[0];
    expect(strip(cn.lines)[0]).toEqual(["TT-RETURN", `Returned goods, order ${ORDER}`, "12.90", "510-000"]);
    expect(cn.total).toBe(1617);
  });

  test("§5: a date whose net is negative becomes a customer refund that pays the credit out", () => {
    const plan = buildPaymentPlan(
      { rows: file([WORKED_REFUND_ROW]), invoices: secondInvoices(), postedKeys: [] },
      ctx,
    );
    expect(plan.dates[0].payment).toEqual({
      kind: "refund",
      date: "2026-03-16",
      description: "TikTok settlement 2026-03-16 (refund)",
      amount: 1617,
      knockOffs: [],
      credits: [{ ref: plan.dates[0].creditNotes[0].ref, amount: 1617 }],
    });
  });

  test("§6: a day whose adjustments net negative gets one adjustment credit note", () => {
    const rows = file([DEDUCTION, adjustment("7450000000000000009", "GMV Payment for TikTok Ads", "1.50")]);
    const plan = buildPaymentPlan({ rows, invoices: new Map(), postedKeys: [] }, ctx);
    const doc = plan.dates[0].adjustment!;
    expect(doc).toMatchObject({ kind: "creditNote", total: 50, description: "TikTok Adjustment" });
    expect(strip(doc.lines)).toEqual([
      ["TT-ADJUSTMENT", "Deductions incurred by seller 7456993305593918533", "2.00", "900-TT6"],
      ["TT-ADJUSTMENT", "GMV Payment for TikTok Ads 7450000000000000009", "-1.50", "900-TT6"],
    ]);
    expect(plan.dates[0].payment).toMatchObject({
      kind: "refund",
      amount: 50,
      knockOffs: [],
      credits: [{ ref: "adjustment:2026-03-16", amount: 50 }],
    });
  });

  test("§4 revenue check: when the file's revenue differs from the invoice, a flagged Revenue difference line keeps the total at the settlement amount", () => {
    const rows = file([WORKED_ORDER_ROW]);
    const plan = buildPaymentPlan(
      { rows, invoices: new Map([[ORDER, invoice("IV-00001", ORDER, 6200)]]), postedKeys: [] },
      ctx,
    );
    const edit = plan.dates[0].invoiceEdits[0];
    expect(edit).toMatchObject({ revenueDifference: 11, flagged: true, totalBefore: 6200, totalAfter: 5349 });
    expect(strip(edit.lines).at(-1)).toEqual(["TT-DISCOUNT", "Revenue difference", "0.11", "520-TT2"]);
  });
});

describe("the payment plan's gates and bookkeeping", () => {
  test("order rows without an invoice block the run with the sync message, listing those orders", () => {
    const rows = file([WORKED_ORDER_ROW, ORDER_B, LOGISTICS, ORDER_C]);
    const plan = buildPaymentPlan(
      { rows, invoices: new Map([[ORDER, invoice("IV-00001", ORDER, 6211)]]), postedKeys: [] },
      ctx,
    );
    expect(plan.blocked).toBe(true);
    expect(plan.dates).toEqual([]);
    expect(plan.problems).toEqual([
      {
        severity: "error",
        line: 3,
        column: "Invoice No",
        code: "ORDERS_NOT_SYNCED",
        message: ORDERS_NOT_SYNCED_MESSAGE,
        orderIds: ["579900000000000002", "579900000000000003"],
      },
    ]);
    expect(plan.rows.map((r) => r.status)).toEqual([
      "To post",
      "Missing invoice",
      "To post",
      "Missing invoice",
    ]);
    expect(plan.waterfall).toHaveLength(2);
  });

  test("posted keys count as a multiset: two identical rows posted once leave one to post", () => {
    const rows = file([LOGISTICS, LOGISTICS]);
    const key = postedRowKey(SHOP, rows[0]);
    expect(postedRowKey(SHOP, rows[1])).toBe(key);
    const once = buildPaymentPlan({ rows, invoices: new Map(), postedKeys: [key] }, ctx);
    expect(once.rows.map((r) => r.status)).toEqual(["Posted", "To post"]);
    expect(once.dates[0].payment.amount).toBe(500);
    const twice = buildPaymentPlan({ rows, invoices: new Map(), postedKeys: [key, key] }, ctx);
    expect(twice.rows.map((r) => r.status)).toEqual(["Posted", "Posted"]);
    expect(twice.dates).toEqual([]);
  });

  test("a row that breaks its identity blocks the run and is named in the waterfall", () => {
    const text = Papa.unparse([HEADER, LOGISTICS, ORDER_B.map((c) => (c === "65.00" ? "65.01" : c))], {
      newline: "\n",
    });
    const rows = parseSettlement(text, { file: "x.csv" }).rows;
    const plan = buildPaymentPlan(
      {
        rows,
        invoices: new Map([["579900000000000002", invoice("IV-00002", "579900000000000002", 7000)]]),
        postedKeys: [],
      },
      ctx,
    );
    expect(plan.blocked).toBe(true);
    expect(plan.problems.map((p) => [p.code, p.line])).toEqual([["ROWS_DO_NOT_ADD_UP", 3]]);
    expect(plan.rows.map((r) => r.status)).toEqual(["To post", "Broken"]);
    expect(plan.waterfall[0].brokenLines).toEqual([3]);
  });

  test("a file in another currency than the store's blocks the run", () => {
    const plan = buildPaymentPlan(
      { rows: file([LOGISTICS]), invoices: new Map(), postedKeys: [] },
      { ...ctx, currency: "SGD" },
    );
    expect(plan.problems.map((p) => p.code)).toEqual(["OTHER_CURRENCY"]);
  });

  test("an invoice already knocked off by something else blocks the run", () => {
    const rows = file([WORKED_ORDER_ROW]);
    const plan = buildPaymentPlan(
      {
        rows,
        invoices: new Map([[ORDER, invoice("IV-00001", ORDER, 6211, { outstanding: sen(1000) })]]),
        postedKeys: [],
      },
      ctx,
    );
    expect(plan.blocked).toBe(true);
    expect(plan.problems.map((p) => p.code)).toEqual(["INVOICE_ALREADY_PAID"]);
  });

  test("an order settled and refunded on the same date: the invoice is edited, credited, and the payment nets both", () => {
    const quirks = parseSettlement(readFileSync(settlementFixture("my-quirks.csv"), "utf8"), {
      file: "my-quirks.csv",
    });
    const rows = quirks.rows.filter((r) => r.settledDate === "2026-03-11");
    const invoices = new Map(
      rows
        .filter((r) => r.kind === "order")
        .map((r, i) => [r.id, invoice(`IV-0000${i + 1}`, r.id, r.subtotalAfterDiscounts)] as const),
    );
    const plan = buildPaymentPlan({ rows, invoices, postedKeys: [] }, ctx);
    expect(plan.problems).toEqual([]);
    const day = plan.dates[0];
    expect(day.netTotal).toBe(quirks.totalsBySettledDate["2026-03-11"]);
    expect(formatMoney(day.payment.amount)).toBe("22.39");
    const cn = day.creditNotes[0];
    expect(strip(cn.lines)).toEqual([
      ["TT-RETURN", "Returned goods, order 579966414779491992", "18.32", "510-000"],
      ["TT-TRXFEE", "TikTok transaction fee", "-0.69", "900-TT2"],
      ["TT-COMMISSION", "TikTok commission", "-0.79", "900-TT3"],
      ["TT-SERVICEFEE", "TikTok service fees", "-0.12", "900-TT5"],
    ]);
    expect(cn.total).toBe(1672);
  });

  test("the payout waterfall per settled date adds up to the payout", () => {
    const rows = secondFileRows();
    const plan = buildPaymentPlan({ rows, invoices: new Map(), postedKeys: [] }, ctx);
    expect(plan.waterfall).toEqual([
      {
        settledDate: "2026-03-09",
        revenue: 6211,
        fees: { Transaction: -128, Commission: -373, Affiliate: -311, Service: -50 },
        shipping: 0,
        adjustments: 0,
        refunds: 0,
        payout: 5349,
        brokenLines: [],
      },
      {
        settledDate: "2026-03-16",
        revenue: 10800,
        fees: { Transaction: -189, Commission: -510, Affiliate: 62 },
        shipping: -490,
        adjustments: 300,
        refunds: -1290,
        payout: 8683,
        brokenLines: [],
      },
    ]);
    for (const w of plan.waterfall) {
      const fees = Object.values(w.fees).reduce((a: number, b) => a + (b as Sen), 0);
      expect(w.revenue + fees + w.shipping + w.adjustments + w.refunds).toBe(w.payout);
    }
  });

  function secondFileRows(): SettlementRow[] {
    return file([WORKED_ORDER_ROW, ORDER_B, WORKED_REFUND_ROW, LOGISTICS, ORDER_C, DEDUCTION]);
  }
});
