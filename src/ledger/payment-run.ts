/**
 * One settled date of a payment run (core/posting/payment-plan.ts) → one DocumentBatch, committed as one
 * transaction: the date's fee lines appended to invoices as new versions, its refund credit notes and
 * "TikTok Adjustment" document, its customer payment (or refund) with the knock-offs, and its rows.
 */
import { formatMoney, sen, type Sen } from "../core/money/money";
import type { PlannedDocument, PlannedKnockOff, SettledDatePlan } from "../core/posting/payment-plan";
import type { InvoiceLine } from "../core/posting/types";
import { LedgerInputError } from "./errors";
import type { Ledger } from "./ledger";
import type { DocumentBatch, DocumentRef, InvoiceEdit, KnockOffRequest, NewDocument } from "./types";

/** Who the date's documents are for and where the money goes: the store's mapping codes. */
export interface PaymentDateSetup {
  shopId: string;
  customerCode: string;
  paymentAccount: string;
  location: string;
  currency: string;
}

export interface PaymentDateOptions {
  /**
   * Invoice versions the plan was computed from; an invoice at another version refuses the date
   * (VERSION_CHANGED). Without them the current versions are taken.
   */
  planVersions?: ReadonlyMap<string, number>;
  /**
   * Source row keys already in the ledger, when the caller keeps track of them across the dates of a run
   * (else they are read from the ledger). The date's keys are added to it once it is posted.
   */
  storedRows?: Set<string>;
}

export interface PaymentDateResult {
  runId: string;
  settledDate: string;
  paymentNo?: string;
  refundNo?: string;
  /** Invoices edited (each once, even when several rows of the date settle the same order). */
  invoicesEdited: string[];
  creditNotes: string[];
  adjustmentDoc?: string;
  /** Money received (payment) or paid out (refund). */
  amount: Sen;
  /** The source rows recorded: the plan's keys, each with its occurrence ("#1", "#2", …). */
  sourceRows: string[];
}

const PAYMENT_REF = "payment";

/** A settlement row key as the plan sees it: the stored key without its occurrence suffix. */
export function baseRowKey(stored: string): string {
  return stored.replace(/#\d+$/, "");
}

/** Settled dates a run posted, read from the keys of its rows (they carry ID|type|date|…). */
export function settledDatesOfRows(keys: readonly string[]): string[] {
  const dates = new Set<string>();
  for (const key of keys) {
    const match = /\|(\d{4}-\d{2}-\d{2})\|/.exec(key);
    if (match) dates.add(match[1]);
  }
  return [...dates].sort();
}

/**
 * Stored keys for the date's rows: identical rows count as a multiset, so the n-th copy of a row is
 * `key#n`, taking the lowest occurrence not already stored (a reverted run frees its numbers).
 */
function occurrenceKeys(rowKeys: readonly string[], stored: ReadonlySet<string>): string[] {
  const taken = new Set(stored);
  return rowKeys.map((key) => {
    let n = 1;
    while (taken.has(`${key}#${n}`)) n++;
    taken.add(`${key}#${n}`);
    return `${key}#${n}`;
  });
}

function refOf(k: PlannedKnockOff): DocumentRef {
  if (k.docNo) return { docNo: k.docNo };
  if (k.ref) return { ref: k.ref };
  throw new LedgerInputError("BAD_BATCH", "A planned knock-off names no document.");
}

const refKey = (ref: DocumentRef) => ("docNo" in ref ? `doc:${ref.docNo}` : `ref:${ref.ref}`);

/** Knock-offs of the same document added together (two rows of one order on one date), zeros dropped. */
function merged(list: readonly PlannedKnockOff[]): { target: DocumentRef; amount: number }[] {
  const byTarget = new Map<string, { target: DocumentRef; amount: number }>();
  for (const k of list) {
    const target = refOf(k);
    const entry = byTarget.get(refKey(target)) ?? { target, amount: 0 };
    entry.amount += k.amount;
    byTarget.set(refKey(target), entry);
  }
  return [...byTarget.values()].filter((e) => e.amount !== 0);
}

/**
 * The knock-offs of a date. A payment pays the date's invoices and uses its credit notes. On a date whose
 * net is negative, the credit notes first knock off the date's invoices, and the refund pays out what is
 * left of them.
 */
function knockOffsOf(date: SettledDatePlan, name: (target: DocumentRef) => string): KnockOffRequest[] {
  const money = (v: number) => formatMoney(sen(v));
  const invoices = merged(date.payment.knockOffs);
  const credits = merged(date.payment.credits);
  for (const { target, amount } of [...invoices, ...credits]) {
    if (amount < 0)
      throw new LedgerInputError(
        "NEGATIVE_SETTLEMENT",
        `${name(target)} would be knocked off by ${money(amount)} on ${date.settledDate}: TikTok settled less than nothing for it. Check the file's rows for that order in Seller Center.`,
      );
  }
  const pay: DocumentRef = { ref: PAYMENT_REF };
  if (date.payment.kind === "payment") {
    return [
      ...invoices.map(({ target, amount }) => ({ payer: pay, target, amount: sen(amount) })),
      ...credits.map(({ target, amount }) => ({ payer: pay, target, amount: sen(amount) })),
    ];
  }
  const requests: KnockOffRequest[] = [];
  const left = credits.map((c) => ({ ...c }));
  for (const invoice of invoices) {
    let owed = invoice.amount;
    for (const credit of left) {
      if (owed === 0) break;
      const applied = Math.min(owed, credit.amount);
      if (applied <= 0) continue;
      requests.push({ payer: credit.target, target: invoice.target, amount: sen(applied) });
      credit.amount -= applied;
      owed -= applied;
    }
    if (owed > 0)
      throw new LedgerInputError(
        "BAD_PLAN",
        `The refund of ${date.settledDate} leaves ${money(owed)} of ${name(invoice.target)} unpaid: plan the run again.`,
      );
  }
  for (const credit of left)
    if (credit.amount > 0) requests.push({ payer: pay, target: credit.target, amount: sen(credit.amount) });
  return requests;
}

function documentOf(doc: PlannedDocument, sourceKey: string, setup: PaymentDateSetup): NewDocument {
  const base = {
    sourceKey,
    shopId: setup.shopId,
    orderId: doc.orderId ?? "",
    date: doc.date,
    customerCode: setup.customerCode,
    location: setup.location,
    reference: doc.reference,
    description: doc.description,
    currency: setup.currency,
    lines: doc.lines,
    total: doc.total,
  };
  return doc.kind === "invoice"
    ? { kind: "invoice", ref: doc.ref, draft: base }
    : {
        kind: "creditNote",
        ref: doc.ref,
        draft: { ...base, ...(doc.againstDocNo ? { invoiceNo: doc.againstDocNo } : {}) },
      };
}

/** The date as one batch of the run; `storedRows` are the source row keys already in the ledger. */
export async function paymentDateBatch(
  ledger: Ledger,
  runId: string,
  date: SettledDatePlan,
  setup: PaymentDateSetup,
  storedRows: ReadonlySet<string>,
  options: PaymentDateOptions = {},
): Promise<DocumentBatch> {
  const prefix = `tiktok:${setup.shopId}:settlement:${date.settledDate}`;

  const appended = new Map<string, InvoiceLine[]>();
  for (const edit of date.invoiceEdits)
    appended.set(edit.docNo, [...(appended.get(edit.docNo) ?? []), ...edit.lines]);
  const editInvoices: InvoiceEdit[] = [];
  const invoices = await ledger.getInvoices([...appended.keys()]);
  for (const [i, [docNo, lines]] of [...appended].entries()) {
    const current = invoices[i];
    if (!current)
      throw new LedgerInputError(
        "UNKNOWN_DOCUMENT",
        `Invoice ${docNo} settled on ${date.settledDate} no longer exists: load the settlement file again.`,
      );
    editInvoices.push({
      docNo,
      expectedVersion: options.planVersions?.get(docNo) ?? current.version,
      lines: [...current.lines, ...lines],
    });
  }

  const create: NewDocument[] = date.creditNotes.map((doc, i) =>
    documentOf(doc, `${prefix}:refund:${doc.orderId ?? ""}:${runId}:${i + 1}`, setup),
  );
  if (date.adjustment) create.push(documentOf(date.adjustment, `${prefix}:adjustment:${runId}`, setup));
  create.push({
    kind: date.payment.kind,
    ref: PAYMENT_REF,
    draft: {
      sourceKey: `${prefix}:${date.payment.kind}:${runId}`,
      shopId: setup.shopId,
      date: date.payment.date,
      customerCode: setup.customerCode,
      paymentAccount: setup.paymentAccount,
      reference: `TikTok ${date.settledDate}`,
      description: date.payment.description,
      currency: setup.currency,
      amount: date.payment.amount,
    },
  });

  const planned = [...date.creditNotes, ...(date.adjustment ? [date.adjustment] : [])];
  const name = (target: DocumentRef) => {
    if ("docNo" in target) return `Invoice ${target.docNo}`;
    const doc = planned.find((d) => d.ref === target.ref);
    return doc ? `The ${doc.description}` : target.ref;
  };

  return {
    runId,
    editInvoices,
    create,
    knockOffs: knockOffsOf(date, name),
    sourceRows: occurrenceKeys(date.rowKeys, storedRows),
  };
}

/**
 * Posts one settled date of a run in one transaction: all of it or none of it. A row posted meanwhile
 * refuses the date (ROW_POSTED), as does an invoice changed since the plan (VERSION_CHANGED).
 */
export async function applyPaymentDate(
  ledger: Ledger,
  runId: string,
  date: SettledDatePlan,
  setup: PaymentDateSetup,
  options: PaymentDateOptions = {},
): Promise<PaymentDateResult> {
  const stored = options.storedRows ?? new Set((await ledger.listSourceRows()).map((r) => r.key));
  const batch = await paymentDateBatch(ledger, runId, date, setup, stored, options);
  const result = await ledger.commit(batch);
  for (const key of batch.sourceRows ?? []) stored.add(key);
  const docNoOf = (ref: string) => result.created.find((c) => c.ref === ref)?.docNo;
  const payment = docNoOf(PAYMENT_REF);
  const adjustmentDoc = date.adjustment ? docNoOf(date.adjustment.ref) : undefined;
  return {
    runId,
    settledDate: date.settledDate,
    ...(date.payment.kind === "payment" ? { paymentNo: payment } : { refundNo: payment }),
    invoicesEdited: result.edited.map((e) => e.docNo),
    creditNotes: date.creditNotes.map((d) => docNoOf(d.ref)).filter((d): d is string => !!d),
    ...(adjustmentDoc ? { adjustmentDoc } : {}),
    amount: date.payment.amount,
    sourceRows: batch.sourceRows ?? [],
  };
}
