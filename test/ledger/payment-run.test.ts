/**
 * The batch mechanism a payment run posts through, walked with the worked example's numbers
 * (WORKED-EXAMPLE §4–§7): invoice edits as versions, credit notes, adjustment invoices, payments with
 * knock-offs, one transaction per settled date, and reverting a run.
 */
import type { Sen } from "../../src/core/money/money";
import type { Ledger } from "../../src/ledger";
import {
  addProducts,
  freshLedger,
  lineSummary,
  NOW,
  paymentDraft,
  plainInvoice,
  SHOP,
  WORKED_ORDER_ID,
  workedExampleOrder,
} from "./helpers";

let ledger: Ledger;

const FEES_0309 = [
  {
    itemCode: "TT-TRXFEE",
    description: "Transaction fee",
    quantity: 1,
    unitPrice: -128 as Sen,
    amount: -128 as Sen,
  },
  {
    itemCode: "TT-COMMISSION",
    description: "Commission",
    quantity: 1,
    unitPrice: -373 as Sen,
    amount: -373 as Sen,
  },
  {
    itemCode: "TT-AFFILIATE",
    description: "Affiliate",
    quantity: 1,
    unitPrice: -311 as Sen,
    amount: -311 as Sen,
  },
  {
    itemCode: "TT-SERVICEFEE",
    description: "Service fees",
    quantity: 1,
    unitPrice: -50 as Sen,
    amount: -50 as Sen,
  },
];

async function runOf0309(): Promise<string> {
  const run = await ledger.beginRun({ kind: "payment", shopId: SHOP, description: "settlement 0309.csv" });
  const invoice = (await ledger.getInvoice("IV-00001"))!;
  await ledger.commit({
    runId: run.runId,
    editInvoices: [{ docNo: "IV-00001", expectedVersion: 1, lines: [...invoice.lines, ...FEES_0309] }],
    create: [
      {
        kind: "payment",
        ref: "pay",
        draft: paymentDraft(`tiktok:${SHOP}:payment:2026-03-09`, "2026-03-09", 5349),
      },
    ],
    knockOffs: [{ payer: { ref: "pay" }, target: { docNo: "IV-00001" }, amount: 5349 as Sen }],
    sourceRows: [`${SHOP}|${WORKED_ORDER_ID}|Order|2026-03-09|53.49#1`],
  });
  return run.runId;
}

async function runOf0316(): Promise<string> {
  const run = await ledger.beginRun({ kind: "payment", shopId: SHOP, description: "settlement 0316.csv" });
  const refund = plainInvoice(`tiktok:${SHOP}:refund:${WORKED_ORDER_ID}:2026-03-16`, "2026-03-16", [
    { itemCode: "CAP-RED", amount: 1290 },
    { itemCode: "TT-TRXFEE", amount: -27 },
    { itemCode: "TT-COMMISSION", amount: -74 },
    { itemCode: "TT-AFFILIATE", amount: -62 },
    { itemCode: "TT-SHIPPING", amount: 490 },
  ]);
  const adjustment = plainInvoice(`tiktok:${SHOP}:adjustment:2026-03-16`, "2026-03-16", [
    { itemCode: "TT-ADJUSTMENT", amount: 500, description: "Logistics reimbursement 7453807974919513393" },
    {
      itemCode: "TT-ADJUSTMENT",
      amount: -200,
      description: "Deductions incurred by seller 7456993305593918533",
    },
  ]);
  await ledger.commit({
    runId: run.runId,
    create: [
      {
        kind: "creditNote",
        ref: "refund",
        draft: { ...refund, orderId: WORKED_ORDER_ID, invoiceNo: "IV-00001" },
      },
      { kind: "invoice", ref: "adjustment", draft: { ...adjustment, description: "TikTok Adjustment" } },
      {
        kind: "payment",
        ref: "pay",
        draft: paymentDraft(`tiktok:${SHOP}:payment:2026-03-16`, "2026-03-16", 8683),
      },
    ],
    knockOffs: [
      { payer: { ref: "pay" }, target: { docNo: "IV-00002" }, amount: 10000 as Sen },
      { payer: { ref: "pay" }, target: { ref: "adjustment" }, amount: 300 as Sen },
      { payer: { ref: "pay" }, target: { ref: "refund" }, amount: 1617 as Sen },
    ],
    sourceRows: ["refund-row#1", "adjustment-row-1#1", "adjustment-row-2#1", "order-100#1"],
  });
  return run.runId;
}

async function totals() {
  const trial = await ledger.trialBalance();
  const balances = await ledger.listDocumentBalances();
  return {
    trial: trial.reduce((a, l) => a + l.debit - l.credit, 0),
    ar: await ledger.glBalance("300-000"),
    outstanding: balances.reduce((a, d) => a + d.balance, 0),
    wallet: await ledger.glBalance("310-TTS"),
  };
}

beforeEach(async () => {
  ({ ledger } = await freshLedger());
  await addProducts(ledger);
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  await ledger.postOrder(SHOP, WORKED_ORDER_ID);
});
afterEach(() => ledger.close());

describe("a settled date posted as one batch (worked example §4)", () => {
  test("edits IV-00001 to version 2 at 53.49 with its fee lines and keeps version 1", async () => {
    const runId = await runOf0309();
    const invoice = await ledger.getInvoice("IV-00001");
    expect([invoice?.version, invoice?.total, invoice?.runId, invoice?.postedAt]).toEqual([
      2,
      5349,
      runId,
      NOW,
    ]);
    expect(lineSummary(invoice!.lines)).toEqual([
      ["TEE-BLK-M", 5180, "500-000"],
      ["CAP-RED", 1290, "500-000"],
      ["TT-DISCOUNT", -259, "520-TT2"],
      ["TT-TRXFEE", -128, "900-TT2"],
      ["TT-COMMISSION", -373, "900-TT3"],
      ["TT-AFFILIATE", -311, "900-TT4"],
      ["TT-SERVICEFEE", -50, "900-TT5"],
    ]);
    const versions = await ledger.listDocumentVersions("IV-00001");
    expect(
      versions.map((v) => [v.version, v.replacedByRun, (v.document as { total: number }).total]),
    ).toEqual([[1, runId, 6211]]);
    expect(versions[0].journal?.lines).toEqual([
      { account: "300-000", debit: 6211, credit: 0 },
      { account: "520-TT2", debit: 259, credit: 0 },
      { account: "500-000", debit: 0, credit: 6470 },
    ]);
  });

  test("replaces the invoice's journal: Dr 300-000 53.49 and each fee account, Cr 500-000 64.70", async () => {
    await runOf0309();
    expect((await ledger.getJournal("IV-00001"))?.lines).toEqual([
      { account: "300-000", debit: 5349, credit: 0 },
      { account: "520-TT2", debit: 259, credit: 0 },
      { account: "900-TT2", debit: 128, credit: 0 },
      { account: "900-TT3", debit: 373, credit: 0 },
      { account: "900-TT4", debit: 311, credit: 0 },
      { account: "900-TT5", debit: 50, credit: 0 },
      { account: "500-000", debit: 0, credit: 6470 },
    ]);
  });

  test("OR-00001 pays 53.49 into 310-TTS and knocks off IV-00001, leaving nothing outstanding", async () => {
    const runId = await runOf0309();
    expect(await ledger.listPayments()).toEqual([
      {
        ...paymentDraft(`tiktok:${SHOP}:payment:2026-03-09`, "2026-03-09", 5349),
        docNo: "OR-00001",
        version: 1,
        postedAt: NOW,
        runId,
      },
    ]);
    expect((await ledger.getJournal("OR-00001"))?.lines).toEqual([
      { account: "310-TTS", debit: 5349, credit: 0 },
      { account: "300-000", debit: 0, credit: 5349 },
    ]);
    expect(await ledger.listKnockOffs("IV-00001")).toEqual([
      {
        paymentNo: "OR-00001",
        docNo: "IV-00001",
        date: "2026-03-09",
        amount: 5349,
        payerKind: "payment",
        docKind: "invoice",
        runId,
      },
    ]);
    expect(await ledger.outstanding("IV-00001")).toBe(0);
    expect(await ledger.outstanding("OR-00001")).toBe(0);
    expect(await totals()).toEqual({ trial: 0, ar: 0, outstanding: 0, wallet: 5349 });
  });

  test("the run records what it created, edited, knocked off and consumed", async () => {
    const runId = await runOf0309();
    expect(await ledger.getRun(runId)).toEqual({
      runId: "RUN-00001",
      kind: "payment",
      shopId: SHOP,
      description: "settlement 0309.csv",
      startedAt: NOW,
      created: [{ kind: "payment", docNo: "OR-00001" }],
      edited: [{ kind: "invoice", docNo: "IV-00001", fromVersion: 1, toVersion: 2 }],
      knockOffs: [{ paymentNo: "OR-00001", docNo: "IV-00001" }],
      sourceRows: [`${SHOP}|${WORKED_ORDER_ID}|Order|2026-03-09|53.49#1`],
    });
  });

  test("a settlement row posted before refuses the whole batch and writes nothing", async () => {
    await runOf0309();
    expect(await ledger.listSourceRows()).toEqual([
      { key: `${SHOP}|${WORKED_ORDER_ID}|Order|2026-03-09|53.49#1`, runId: "RUN-00001", postedAt: NOW },
    ]);
    const before = await ledger.backup();
    await expect(
      ledger.commit({
        create: [{ kind: "payment", draft: paymentDraft("another", "2026-03-09", 100) }],
        sourceRows: [`${SHOP}|${WORKED_ORDER_ID}|Order|2026-03-09|53.49#1`],
      }),
    ).rejects.toMatchObject({
      code: "ROW_POSTED",
      message: `Row ${SHOP}|${WORKED_ORDER_ID}|Order|2026-03-09|53.49#1 was posted before, by run RUN-00001.`,
    });
    expect(await ledger.backup()).toBe(before);
  });

  test("an edit planned from an older version is refused", async () => {
    await runOf0309();
    await expect(
      ledger.commit({ editInvoices: [{ docNo: "IV-00001", expectedVersion: 1, lines: [] }] }),
    ).rejects.toMatchObject({
      code: "VERSION_CHANGED",
      message:
        "Invoice IV-00001 is at version 2, not 1: it changed since the run was planned; plan it again.",
    });
  });

  test("a knock-off larger than what is outstanding is refused, and no number is used", async () => {
    await expect(
      ledger.commit({
        create: [{ kind: "payment", ref: "pay", draft: paymentDraft("too-much", "2026-03-09", 7000) }],
        knockOffs: [{ payer: { ref: "pay" }, target: { docNo: "IV-00001" }, amount: 7000 as Sen }],
      }),
    ).rejects.toMatchObject({
      code: "KNOCK_OFF_TOO_LARGE",
      message:
        "IV-00001 would be knocked off by 7.89 more than is outstanding on it: check the amounts and post again.",
    });
    expect(await ledger.listPayments()).toEqual([]);
    const ok = await ledger.commit({
      create: [{ kind: "payment", ref: "pay", draft: paymentDraft("right", "2026-03-09", 6211) }],
      knockOffs: [{ payer: { ref: "pay" }, target: { docNo: "IV-00001" }, amount: 6211 as Sen }],
    });
    expect(ok.created).toEqual([{ ref: "pay", kind: "payment", docNo: "OR-00001" }]);
  });

  test("a payment cannot apply more than its amount", async () => {
    await expect(
      ledger.commit({
        create: [{ kind: "payment", ref: "pay", draft: paymentDraft("small", "2026-03-09", 1000) }],
        knockOffs: [{ payer: { ref: "pay" }, target: { docNo: "IV-00001" }, amount: 2000 as Sen }],
      }),
    ).rejects.toMatchObject({ code: "KNOCK_OFF_TOO_LARGE" });
  });

  test("an unbalanced or unknown line is refused before any transaction", async () => {
    await expect(
      ledger.commit({
        create: [
          {
            kind: "invoice",
            draft: { ...plainInvoice("x", "2026-03-09", [{ itemCode: "NOPE", amount: 5 }]) },
          },
        ],
      }),
    ).rejects.toMatchObject({ code: "UNKNOWN_ITEM_CODE" });
    await expect(
      ledger.commit({
        create: [
          {
            kind: "invoice",
            draft: {
              ...plainInvoice("x", "2026-03-09", [{ itemCode: "CAP-RED", amount: 5 }]),
              total: 6 as Sen,
            },
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: "BAD_TOTAL",
      message: "The invoice for x totals 0.06 but its lines add up to 0.05.",
    });
    expect(await ledger.listInvoices()).toHaveLength(1);
  });
});

describe("the next date: refund, adjustments and payment (worked example §5–§7)", () => {
  beforeEach(async () => {
    await runOf0309();
    await ledger.commit({
      create: [
        {
          kind: "invoice",
          draft: plainInvoice("order-100", "2026-03-10", [{ itemCode: "TEE-BLK-M", amount: 10000 }]),
        },
      ],
    });
  });

  test("CN-00001 credits 16.17 with the returned cap at Sales Returns and the fees given back", async () => {
    await runOf0316();
    const note = await ledger.getCreditNote("CN-00001");
    expect([note?.total, note?.invoiceNo]).toEqual([1617, "IV-00001"]);
    expect(lineSummary(note!.lines)).toEqual([
      ["CAP-RED", 1290, "510-000"],
      ["TT-TRXFEE", -27, "900-TT2"],
      ["TT-COMMISSION", -74, "900-TT3"],
      ["TT-AFFILIATE", -62, "900-TT4"],
      ["TT-SHIPPING", 490, "900-TT1"],
    ]);
    expect((await ledger.getJournal("CN-00001"))?.lines).toEqual([
      { account: "510-000", debit: 1290, credit: 0 },
      { account: "900-TT1", debit: 490, credit: 0 },
      { account: "300-000", debit: 0, credit: 1617 },
      { account: "900-TT2", debit: 0, credit: 27 },
      { account: "900-TT3", debit: 0, credit: 74 },
      { account: "900-TT4", debit: 0, credit: 62 },
    ]);
  });

  test("OR-00002 of 86.83 knocks off 100.00 and 3.00 and uses the 16.17 credit; every balance closes", async () => {
    await runOf0316();
    expect((await ledger.listPayments()).map((p) => [p.docNo, p.amount])).toEqual([
      ["OR-00001", 5349],
      ["OR-00002", 8683],
    ]);
    expect((await ledger.getInvoice("IV-00003"))?.description).toBe("TikTok Adjustment");
    for (const docNo of ["IV-00002", "IV-00003", "CN-00001", "OR-00002"])
      expect(await ledger.outstanding(docNo)).toBe(0);
    expect(await totals()).toEqual({ trial: 0, ar: 0, outstanding: 0, wallet: 5349 + 8683 });
    expect(await ledger.customerBalances()).toEqual([
      { customerCode: "300-T0001", name: "TIKTOK SHOP", balance: 0, documents: 0 },
    ]);
  });

  test("reverting the 03-16 run removes what it made and gives back its rows; numbers are not reused", async () => {
    const before = await totals();
    const runId = await runOf0316();
    expect(await ledger.listSourceRows(runId)).toHaveLength(4);
    const reverted = await ledger.revertRun(runId);
    expect(await ledger.listSourceRows(runId)).toEqual([]);
    expect(reverted.revertedAt).toBe(NOW);
    expect(await ledger.listCreditNotes()).toEqual([]);
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001", "IV-00002"]);
    expect((await ledger.listPayments()).map((p) => p.docNo)).toEqual(["OR-00001"]);
    expect(await ledger.getJournal("OR-00002")).toBeUndefined();
    expect(await ledger.outstanding("IV-00002")).toBe(10000);
    expect(await totals()).toEqual({ ...before, outstanding: 10000, ar: 10000 });
    expect(before).toEqual({ trial: 0, ar: 10000, outstanding: 10000, wallet: 5349 });

    const again = await runOf0316();
    expect(again).toBe("RUN-00003");
    expect((await ledger.listCreditNotes()).map((c) => c.docNo)).toEqual(["CN-00002"]);
    expect((await ledger.listPayments()).map((p) => p.docNo)).toEqual(["OR-00001", "OR-00003"]);
  });

  test("reverting the 03-09 run restores IV-00001 version 1 and its journal", async () => {
    await ledger.revertRun("RUN-00001");
    const invoice = await ledger.getInvoice("IV-00001");
    expect([invoice?.version, invoice?.total, invoice?.runId]).toEqual([1, 6211, undefined]);
    expect((await ledger.getJournal("IV-00001"))?.lines).toEqual([
      { account: "300-000", debit: 6211, credit: 0 },
      { account: "520-TT2", debit: 259, credit: 0 },
      { account: "500-000", debit: 0, credit: 6470 },
    ]);
    expect(await ledger.listDocumentVersions("IV-00001")).toEqual([]);
    expect(await ledger.outstanding("IV-00001")).toBe(6211);
    expect(await totals()).toEqual({ trial: 0, ar: 16211, outstanding: 16211, wallet: 0 });
    await expect(ledger.revertRun("RUN-00001")).rejects.toMatchObject({ code: "RUN_REVERTED" });
  });

  test("a date whose credit exactly covers its invoice posts a zero payment that knocks off both", async () => {
    await ledger.commit({
      create: [
        {
          kind: "creditNote",
          ref: "cn",
          draft: { ...plainInvoice("cn-100", "2026-03-20", [{ itemCode: "TEE-BLK-M", amount: 10000 }]) },
        },
        { kind: "payment", ref: "pay", draft: paymentDraft("zero", "2026-03-20", 0) },
      ],
      knockOffs: [
        { payer: { ref: "pay" }, target: { docNo: "IV-00002" }, amount: 10000 as Sen },
        { payer: { ref: "pay" }, target: { ref: "cn" }, amount: 10000 as Sen },
      ],
    });
    expect(await ledger.getJournal("OR-00002")).toEqual({ docNo: "OR-00002", date: "2026-03-20", lines: [] });
    expect(await totals()).toEqual({ trial: 0, ar: 0, outstanding: 0, wallet: 5349 });
  });

  test("a refund pays out what is left of a credit note", async () => {
    await ledger.commit({
      create: [
        {
          kind: "creditNote",
          ref: "cn",
          draft: plainInvoice("cn-250", "2026-03-20", [{ itemCode: "TT-ADJUSTMENT", amount: 25000 }]),
        },
        { kind: "refund", ref: "rf", draft: paymentDraft("rf-150", "2026-03-20", 15000) },
      ],
      knockOffs: [
        { payer: { ref: "cn" }, target: { docNo: "IV-00002" }, amount: 10000 as Sen },
        { payer: { ref: "rf" }, target: { ref: "cn" }, amount: 15000 as Sen },
      ],
    });
    expect((await ledger.listRefunds()).map((r) => [r.docNo, r.amount])).toEqual([["RF-00001", 15000]]);
    expect((await ledger.getJournal("RF-00001"))?.lines).toEqual([
      { account: "300-000", debit: 15000, credit: 0 },
      { account: "310-TTS", debit: 0, credit: 15000 },
    ]);
    expect(await totals()).toEqual({ trial: 0, ar: 0, outstanding: 0, wallet: 5349 - 15000 });
  });

  test("a refund cannot knock off an invoice", async () => {
    await expect(
      ledger.commit({
        create: [{ kind: "refund", ref: "rf", draft: paymentDraft("rf-x", "2026-03-20", 100) }],
        knockOffs: [{ payer: { ref: "rf" }, target: { docNo: "IV-00002" }, amount: 100 as Sen }],
      }),
    ).rejects.toThrow(
      "Customer refund RF-00001 cannot knock off invoice IV-00002: a payment knocks off invoices and uses credit notes, a credit note knocks off invoices, a refund pays out credit notes.",
    );
  });

  test("a run whose document another run knocked off cannot be reverted before that run", async () => {
    const adjustments = await ledger.beginRun({ kind: "payment", description: "adjustments" });
    await ledger.commit({
      runId: adjustments.runId,
      create: [
        {
          kind: "invoice",
          draft: plainInvoice("adj", "2026-03-20", [{ itemCode: "TT-ADJUSTMENT", amount: 700 }]),
        },
      ],
    });
    const paying = await ledger.beginRun({ kind: "payment", description: "pays it" });
    await ledger.commit({
      runId: paying.runId,
      create: [{ kind: "payment", ref: "pay", draft: paymentDraft("pay-adj", "2026-03-21", 700) }],
      knockOffs: [{ payer: { ref: "pay" }, target: { docNo: "IV-00003" }, amount: 700 as Sen }],
    });
    await expect(ledger.revertRun(adjustments.runId)).rejects.toMatchObject({
      code: "RUN_IN_USE",
      message: `IV-00003 of run ${adjustments.runId} is knocked off with OR-00002, which the run did not make: revert run ${paying.runId} first.`,
    });
    await ledger.revertRun(paying.runId);
    await ledger.revertRun(adjustments.runId);
    expect(await ledger.getInvoice("IV-00003")).toBeUndefined();
  });

  test("an invoice a payment knocks off cannot be deleted", async () => {
    await expect(ledger.deleteInvoice("IV-00001")).rejects.toMatchObject({
      code: "INVOICE_PAID",
      message: "Invoice IV-00001 is knocked off by OR-00001: revert that run first.",
    });
  });
});
