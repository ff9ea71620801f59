/**
 * applyPaymentDate: a planned settled date posted as one transaction, walked with WORKED-EXAMPLE §4–§7
 * (IV-00001 v2 53.49, OR-00001 53.49, CN-00001 16.17, adjustment invoice 3.00, OR-00002 86.83), plus
 * refunds, identical rows, refusals and reverts.
 */
import { formatMoney } from "../../src/core/money/money";
import { buildPaymentPlan, type PlanInvoice } from "../../src/core/posting/payment-plan";
import { parseSettlement } from "../../src/core/settlement";
import {
  applyPaymentDate,
  baseRowKey,
  feeMapOf,
  settledDatesOfRows,
  type Ledger,
  type PaymentDateResult,
} from "../../src/ledger";
import { freshLedger, lineSummary, paymentDraft, SHOP, WORKED_ORDER_ID } from "./helpers";
import {
  adjustmentRow,
  csvOf,
  DEDUCTION_ROW,
  FILE_0309,
  FILE_0316,
  LOGISTICS_ROW,
  orderRow,
  postOrderInvoice,
  postWorkedInvoices,
  SECOND_ORDER_ID,
  WORKED_REFUND_ROW,
} from "./worked-settlement";

let ledger: Ledger;

const SETUP = {
  shopId: SHOP,
  customerCode: "300-T0001",
  paymentAccount: "310-TTS",
  location: "ECOMMERCE",
  currency: "MYR",
};

async function planOf(rows: string[][]) {
  const file = parseSettlement(csvOf(rows), { file: "settled.csv" });
  expect(file.problems).toEqual([]);
  const invoices = new Map<string, PlanInvoice>();
  for (const row of file.rows) {
    const invoice = row.kind === "adjustment" ? undefined : await ledger.getInvoiceByOrder(row.id);
    if (!invoice) continue;
    invoices.set(row.id, {
      docNo: invoice.docNo,
      orderId: row.id,
      total: invoice.total,
      outstanding: (await ledger.outstanding(invoice.docNo))!,
      lines: invoice.lines,
      settled: invoice.version > 1,
    });
  }
  const setup = await ledger.getStoreSetup(SHOP);
  return buildPaymentPlan(
    { rows: file.rows, invoices, postedKeys: (await ledger.listSourceRows()).map((r) => baseRowKey(r.key)) },
    {
      shopId: SHOP,
      currency: "MYR",
      feeMap: feeMapOf(setup),
      returnsItem: "TT-RETURN",
      discountItem: "TT-DISCOUNT",
      revenueDifferenceItem: "TT-DISCOUNT",
    },
  );
}

/** Plans the rows and posts every date under one new run. */
async function post(rows: string[][]): Promise<{ runId: string; dates: PaymentDateResult[] }> {
  const plan = await planOf(rows);
  expect(plan.problems.filter((p) => p.severity === "error")).toEqual([]);
  const { runId } = await ledger.beginRun({ kind: "payment", shopId: SHOP, description: "test" });
  const dates: PaymentDateResult[] = [];
  for (const date of plan.dates) dates.push(await applyPaymentDate(ledger, runId, date, SETUP));
  return { runId, dates };
}

async function books() {
  const trial = await ledger.trialBalance();
  const balances = await ledger.listDocumentBalances();
  return {
    trial: formatMoney(trial.reduce((a, l) => a + l.debit - l.credit, 0) as never),
    ar: formatMoney(await ledger.glBalance("300-000")),
    outstanding: formatMoney(balances.reduce((a, d) => a + d.balance, 0) as never),
    wallet: formatMoney(await ledger.glBalance("310-TTS")),
  };
}

const knockOffs = async () =>
  (await ledger.listKnockOffs())
    .map((k) => [k.paymentNo, k.docNo, formatMoney(k.amount)])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));

beforeEach(async () => {
  ({ ledger } = await freshLedger());
  await postWorkedInvoices(ledger);
});
afterEach(() => ledger.close());

describe("the worked example through the ledger", () => {
  test("2026-03-09: IV-00001 becomes version 2 at 53.49 and OR-00001 53.49 knocks it off", async () => {
    const { runId, dates } = await post(FILE_0309);
    expect(dates).toEqual([
      {
        runId,
        settledDate: "2026-03-09",
        paymentNo: "OR-00001",
        invoicesEdited: ["IV-00001"],
        creditNotes: [],
        amount: 5349,
        sourceRows: [
          expect.stringMatching(
            /^tiktok:7494049642642441621:settlement:579912345678901234\|Order\|2026-03-09\|5349\|.*#1$/,
          ),
        ],
      },
    ]);
    const invoice = (await ledger.getInvoice("IV-00001"))!;
    expect([invoice.version, invoice.total, invoice.runId]).toEqual([2, 5349, runId]);
    expect(lineSummary(invoice.lines)).toEqual([
      ["TEE-BLK-M", 5180, "500-000"],
      ["CAP-RED", 1290, "500-000"],
      ["TT-DISCOUNT", -259, "520-TT2"],
      ["TT-TRXFEE", -128, "900-TT2"],
      ["TT-COMMISSION", -373, "900-TT3"],
      ["TT-AFFILIATE", -311, "900-TT4"],
      ["TT-SERVICEFEE", -50, "900-TT5"],
    ]);
    const journal = (await ledger.getJournal("IV-00001"))!;
    expect(journal.lines.map((l) => [l.account, formatMoney(l.debit), formatMoney(l.credit)])).toEqual([
      ["300-000", "53.49", "0.00"],
      ["520-TT2", "2.59", "0.00"],
      ["900-TT2", "1.28", "0.00"],
      ["900-TT3", "3.73", "0.00"],
      ["900-TT4", "3.11", "0.00"],
      ["900-TT5", "0.50", "0.00"],
      ["500-000", "0.00", "64.70"],
    ]);
    expect((await ledger.listDocumentVersions("IV-00001")).map((v) => [v.version, v.replacedByRun])).toEqual([
      [1, runId],
    ]);
    expect(await knockOffs()).toEqual([["OR-00001", "IV-00001", "53.49"]]);
    expect(formatMoney((await ledger.outstanding("IV-00001"))!)).toBe("0.00");
    expect(await books()).toEqual({ trial: "0.00", ar: "100.00", outstanding: "100.00", wallet: "53.49" });
  });

  test("2026-03-16: CN-00001 16.17, the adjustment invoice 3.00 and OR-00002 86.83", async () => {
    await post(FILE_0309);
    const { runId, dates } = await post(FILE_0316);
    expect(
      dates.map((d) => [
        d.settledDate,
        d.paymentNo,
        d.invoicesEdited,
        d.creditNotes,
        d.adjustmentDoc,
        d.amount,
      ]),
    ).toEqual([["2026-03-16", "OR-00002", ["IV-00002"], ["CN-00001"], "IV-00003", 8683]]);
    expect(dates[0].sourceRows).toHaveLength(4);
    const note = (await ledger.getCreditNote("CN-00001"))!;
    expect([note.total, note.invoiceNo, note.orderId, note.date, note.runId]).toEqual([
      1617,
      "IV-00001",
      WORKED_ORDER_ID,
      "2026-03-16",
      runId,
    ]);
    expect(lineSummary(note.lines)).toEqual([
      ["TT-RETURN", 1290, "510-000"],
      ["TT-TRXFEE", -27, "900-TT2"],
      ["TT-COMMISSION", -74, "900-TT3"],
      ["TT-AFFILIATE", -62, "900-TT4"],
      ["TT-SHIPPING", 490, "900-TT1"],
    ]);
    const cnJournal = (await ledger.getJournal("CN-00001"))!;
    const debit = cnJournal.lines.reduce((a, l) => a + l.debit, 0);
    expect(formatMoney(debit as never)).toBe("17.80");
    const adjustment = (await ledger.getInvoice("IV-00003"))!;
    expect([adjustment.description, adjustment.total, adjustment.orderId]).toEqual([
      "TikTok Adjustment",
      300,
      "",
    ]);
    expect(adjustment.lines.map((l) => [l.itemCode, l.description, l.amount, l.account])).toEqual([
      ["TT-ADJUSTMENT", "Logistics reimbursement 7453807974919513393", 500, "900-TT6"],
      ["TT-ADJUSTMENT", "Deductions incurred by seller 7456993305593918533", -200, "900-TT6"],
    ]);
    expect(await knockOffs()).toEqual([
      ["OR-00001", "IV-00001", "53.49"],
      ["OR-00002", "CN-00001", "16.17"],
      ["OR-00002", "IV-00002", "100.00"],
      ["OR-00002", "IV-00003", "3.00"],
    ]);
    // §7: everything settled is paid; the wallet received what the two files say.
    expect(await books()).toEqual({ trial: "0.00", ar: "0.00", outstanding: "0.00", wallet: "140.32" });
    for (const docNo of ["IV-00001", "IV-00002", "IV-00003", "CN-00001", "OR-00001", "OR-00002"])
      expect([docNo, formatMoney((await ledger.outstanding(docNo))!)]).toEqual([docNo, "0.00"]);
  });

  test("loading either file again posts nothing", async () => {
    await post(FILE_0309);
    await post(FILE_0316);
    for (const rows of [FILE_0309, FILE_0316, [...FILE_0309, ...FILE_0316]]) {
      const plan = await planOf(rows);
      expect(plan.rows.map((r) => r.status)).toEqual(rows.map(() => "Posted"));
      expect(plan.dates).toEqual([]);
    }
  });

  test("reverting the 03-16 run restores IV-00002's first version and removes CN-00001, IV-00003 and OR-00002", async () => {
    await post(FILE_0309);
    const before = { books: await books(), backup: await ledger.backup() };
    const { runId } = await post(FILE_0316);
    await ledger.revertRun(runId);
    expect(await books()).toEqual(before.books);
    expect(await books()).toEqual({ trial: "0.00", ar: "100.00", outstanding: "100.00", wallet: "53.49" });
    expect((await ledger.getInvoice("IV-00001"))!.version).toBe(2);
    expect((await ledger.getInvoice("IV-00002"))!.version).toBe(1);
    expect(await ledger.getCreditNote("CN-00001")).toBeUndefined();
    expect(await ledger.getInvoice("IV-00003")).toBeUndefined();
    expect((await ledger.listPayments()).map((p) => p.docNo)).toEqual(["OR-00001"]);
    expect(await knockOffs()).toEqual([["OR-00001", "IV-00001", "53.49"]]);
    expect(sameStores(before.backup, await ledger.backup())).toBe(true);

    // The rows are free again; numbers are not reused.
    const again = await post(FILE_0316);
    expect(again.dates.map((d) => [d.paymentNo, d.creditNotes, d.adjustmentDoc])).toEqual([
      ["OR-00003", ["CN-00002"], "IV-00004"],
    ]);
    expect(await books()).toEqual({ trial: "0.00", ar: "0.00", outstanding: "0.00", wallet: "140.32" });
  });
});

/** Two backups hold the same books, apart from runs and counters (a revert keeps both). */
function sameStores(a: string, b: string): boolean {
  const stores = (text: string) => {
    const { stores: s } = JSON.parse(text) as { stores: Record<string, unknown> };
    const { runs: _r, counters: _c, ...rest } = s;
    return JSON.stringify(rest);
  };
  return stores(a) === stores(b);
}

describe("refunds, identical rows and refusals", () => {
  test("a date whose net is negative becomes a customer refund paying out the credit", async () => {
    await post(FILE_0309);
    const { dates } = await post([WORKED_REFUND_ROW]);
    expect(dates.map((d) => [d.settledDate, d.refundNo, d.paymentNo, d.creditNotes, d.amount])).toEqual([
      ["2026-03-16", "RF-00001", undefined, ["CN-00001"], 1617],
    ]);
    expect(await knockOffs()).toEqual([
      ["OR-00001", "IV-00001", "53.49"],
      ["RF-00001", "CN-00001", "16.17"],
    ]);
    expect(await books()).toEqual({ trial: "0.00", ar: "100.00", outstanding: "100.00", wallet: "37.32" });
  });

  test("on a negative date the credit note knocks off the date's invoices and the refund pays out the rest", async () => {
    await post(FILE_0309);
    const { dates } = await post([WORKED_REFUND_ROW, orderRow(SECOND_ORDER_ID, "2026/03/16", "10.00")]);
    expect(dates.map((d) => [d.refundNo, d.amount, d.invoicesEdited])).toEqual([
      ["RF-00001", 617, ["IV-00002"]],
    ]);
    expect((await ledger.getInvoice("IV-00002"))!.total).toBe(1000);
    expect(await knockOffs()).toEqual([
      ["CN-00001", "IV-00002", "10.00"],
      ["OR-00001", "IV-00001", "53.49"],
      ["RF-00001", "CN-00001", "6.17"],
    ]);
    expect(await books()).toEqual({ trial: "0.00", ar: "0.00", outstanding: "0.00", wallet: "47.32" });
  });

  test("two identical rows in one file are both posted; a file with one of them posts nothing more", async () => {
    const fee = adjustmentRow("7400000000000000001", "Deductions incurred by seller", "-1.00", "2026/03/20");
    const twice = await post([fee, fee, orderRow(SECOND_ORDER_ID, "2026/03/20", "100.00")]);
    expect(twice.dates[0].sourceRows.map((k) => k.slice(-2))).toEqual(["#1", "#2", "#1"]);
    const adjustment = (await ledger.getCreditNote(twice.dates[0].adjustmentDoc!))!;
    expect([adjustment.docNo, adjustment.total, adjustment.lines.length]).toEqual(["CN-00001", 200, 2]);
    expect((await planOf([fee])).dates).toEqual([]);
    const thrice = await planOf([fee, fee, fee]);
    expect(thrice.rows.map((r) => r.status)).toEqual(["Posted", "Posted", "To post"]);
    const third = await post([fee, fee, fee]);
    expect(third.dates[0].sourceRows.map((k) => k.slice(-2))).toEqual(["#3"]);
    expect(third.dates.map((d) => [d.refundNo, d.amount])).toEqual([["RF-00001", 100]]);
  });

  test("a knock-off larger than what is outstanding refuses the whole date and writes nothing", async () => {
    const plan = await planOf(FILE_0309);
    await ledger.commit({
      create: [{ kind: "payment", ref: "p", draft: paymentDraft("manual:1", "2026-03-05", 1000) }],
      knockOffs: [{ payer: { ref: "p" }, target: { docNo: "IV-00001" }, amount: 1000 as never }],
    });
    const before = await ledger.backup();
    const { runId } = await ledger.beginRun({ kind: "payment", shopId: SHOP, description: "stale" });
    await expect(applyPaymentDate(ledger, runId, plan.dates[0], SETUP)).rejects.toMatchObject({
      code: "KNOCK_OFF_TOO_LARGE",
      message: expect.stringContaining("IV-00001 would be knocked off by 10.00 more than is outstanding"),
    });
    expect(sameStores(before, await ledger.backup())).toBe(true);
    // Planned again, the file says why it cannot be posted.
    const replanned = await planOf(FILE_0309);
    expect(replanned.blocked).toBe(true);
    expect(replanned.problems.map((p) => p.code)).toEqual(["INVOICE_ALREADY_PAID"]);
  });

  test("an invoice changed since the plan refuses the date", async () => {
    const plan = await planOf(FILE_0309);
    await post(FILE_0309);
    const { runId } = await ledger.beginRun({ kind: "payment", shopId: SHOP, description: "stale" });
    await expect(
      applyPaymentDate(ledger, runId, plan.dates[0], SETUP, { planVersions: new Map([["IV-00001", 1]]) }),
    ).rejects.toMatchObject({ code: "VERSION_CHANGED" });
  });

  test("a run's settled dates are read from its row keys", async () => {
    await postOrderInvoice(ledger, "579900000000000777", 500);
    const { runId } = await post([
      orderRow("579900000000000777", "2026/03/21", "5.00"),
      LOGISTICS_ROW,
      DEDUCTION_ROW,
    ]);
    expect(settledDatesOfRows((await ledger.getRun(runId))!.sourceRows)).toEqual([
      "2026-03-16",
      "2026-03-21",
    ]);
  });
});
