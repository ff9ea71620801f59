/**
 * Books tab: the generated book sheets (refreshed after each post), deleting an invoice, and backing up
 * and restoring the ledger.
 */
import { businessDate } from "../../core/dates/business-date";
import { formatMoney, sen, type Sen } from "../../core/money/money";
import {
  creditNoteLinesTable,
  creditNotesTable,
  CREDIT_NOTE_LINES_SHEET,
  CREDIT_NOTES_SHEET,
  INVOICE_LINES_SHEET,
  invoiceLinesSheet,
  SALES_INVOICES_SHEET,
  salesInvoicesSheet,
  TRIAL_BALANCE_SHEET,
  trialBalanceTable,
  type InvoiceStanding,
} from "../../core/sheets/book-sheets";
import { ORDERS_SHEET } from "../../core/sheets/order-sheets";
import {
  CUSTOMER_PAYMENTS_SHEET,
  customerPaymentsTable,
  PAYMENT_KNOCK_OFFS_SHEET,
  paymentKnockOffsTable,
  type KnockOffEntry,
} from "../../core/sheets/payment-sheets";
import { DOCUMENT_PREFIX, type DocumentKind, type SalesInvoice } from "../../core/posting/types";
import { LedgerInputError, SCHEMA_VERSION, type Ledger, type RestoreSummary } from "../../ledger";
import { readBackup } from "../../ledger/backup";
import { FlowError, type AppContext } from "./context";
import { refreshPostedStates } from "./posted-states";
import { counted, runTime } from "./wording";

export {
  SALES_INVOICES_SHEET,
  INVOICE_LINES_SHEET,
  CREDIT_NOTES_SHEET,
  CREDIT_NOTE_LINES_SHEET,
  CUSTOMER_PAYMENTS_SHEET,
  PAYMENT_KNOCK_OFFS_SHEET,
  TRIAL_BALANCE_SHEET,
};
export { SALES_INVOICE_COLUMNS } from "../../core/sheets/book-sheets";

/** The sheets writeBooks writes, in the order the guide shows them. */
export const BOOK_SHEETS = [
  SALES_INVOICES_SHEET,
  INVOICE_LINES_SHEET,
  CREDIT_NOTES_SHEET,
  CREDIT_NOTE_LINES_SHEET,
  CUSTOMER_PAYMENTS_SHEET,
  PAYMENT_KNOCK_OFFS_SHEET,
  TRIAL_BALANCE_SHEET,
] as const;

export interface BooksSummary {
  invoices: number;
  creditNotes: number;
  /** Σ debit − Σ credit of the trial balance, as text: "0.00" in sound books. */
  difference: string;
}

/** Sheets the workbook would not keep are not built (their counts are still answered). */
const forgotten = (ctx: AppContext, ...sheets: string[]) => sheets.every((sheet) => ctx.workbook.forgets?.(sheet) === true);

/**
 * The balances and knock-offs the book sheets show, read once for all of them (and only when a sheet
 * written needs them).
 */
function bookReads(ctx: AppContext) {
  let balances: ReturnType<Ledger["listDocumentBalances"]> | undefined;
  let knockOffs: ReturnType<Ledger["listKnockOffs"]> | undefined;
  let standings: Promise<Map<string, InvoiceStanding>> | undefined;
  const reads = {
    balances: () => (balances ??= ctx.ledger.listDocumentBalances()),
    knockOffs: () => (knockOffs ??= ctx.ledger.listKnockOffs()),
    /** Each document's open amount and the payments that knock it off, by document number. */
    standings: () =>
      (standings ??= (async () => {
        const result = new Map<string, { open: Sen; knockedOffBy: string[] }>();
        for (const d of await reads.balances()) result.set(d.docNo, { open: d.open, knockedOffBy: [] });
        for (const k of await reads.knockOffs()) result.get(k.docNo)?.knockedOffBy.push(k.paymentNo);
        return result;
      })()),
  };
  return reads;
}

type BookReads = ReturnType<typeof bookReads>;

/** "Sales Invoices" and "Sales Invoice Lines", in document-number order; the invoices are read a page at a time. */
async function writeSalesInvoices(ctx: AppContext, reads: BookReads): Promise<number> {
  if (forgotten(ctx, SALES_INVOICES_SHEET, INVOICE_LINES_SHEET)) return ctx.ledger.countInvoices();
  const known = await reads.standings();
  const standingOf = (docNo: string): InvoiceStanding =>
    known.get(docNo) ?? { open: sen(0), knockedOffBy: [] };
  const invoices = salesInvoicesSheet(standingOf);
  const lines = invoiceLinesSheet();
  await ctx.ledger.readInvoices((page) => {
    invoices.add(page);
    lines.add(page);
  });
  await ctx.workbook.writeTable(SALES_INVOICES_SHEET, invoices.table);
  await ctx.workbook.writeTable(INVOICE_LINES_SHEET, lines.table);
  return invoices.table.rows.length;
}

/** "Credit Notes" and "Credit Note Lines"; returns how many credit notes there are. */
async function writeCreditNotes(ctx: AppContext, reads: BookReads): Promise<number> {
  if (forgotten(ctx, CREDIT_NOTES_SHEET, CREDIT_NOTE_LINES_SHEET)) return ctx.ledger.countCreditNotes();
  const notes = await ctx.ledger.listCreditNotes();
  const known = await reads.standings();
  await ctx.workbook.writeTable(
    CREDIT_NOTES_SHEET,
    creditNotesTable(notes, (d) => known.get(d)?.open ?? sen(0)),
  );
  await ctx.workbook.writeTable(CREDIT_NOTE_LINES_SHEET, creditNoteLinesTable(notes));
  return notes.length;
}

const kindOf = (docNo: string): DocumentKind =>
  (Object.keys(DOCUMENT_PREFIX) as DocumentKind[]).find((k) => docNo.startsWith(`${DOCUMENT_PREFIX[k]}-`)) ??
  "invoice";

/** "Customer Payments" (payments and refunds) and "Payment Knock-offs" (every knock-off in the books). */
async function writePayments(ctx: AppContext, reads: BookReads): Promise<void> {
  if (forgotten(ctx, CUSTOMER_PAYMENTS_SHEET, PAYMENT_KNOCK_OFFS_SHEET)) return;
  const payments = await ctx.ledger.listPayments();
  const refunds = await ctx.ledger.listRefunds();
  const balances = await reads.balances();
  const open = new Map(balances.map((d) => [d.docNo, d.open]));
  const orderOf = new Map(balances.filter((d) => d.orderId).map((d) => [d.docNo, d.orderId as string]));
  await ctx.workbook.writeTable(
    CUSTOMER_PAYMENTS_SHEET,
    customerPaymentsTable(payments, refunds, (docNo) => open.get(docNo) ?? sen(0)),
  );
  const entries: KnockOffEntry[] = (await reads.knockOffs()).map((k) => ({
    paymentNo: k.paymentNo,
    payerKind: k.payerKind ?? kindOf(k.paymentNo),
    docNo: k.docNo,
    docKind: k.docKind ?? kindOf(k.docNo),
    date: k.date,
    amount: k.amount,
    ...(orderOf.has(k.docNo) ? { orderId: orderOf.get(k.docNo) } : {}),
  }));
  await ctx.workbook.writeTable(PAYMENT_KNOCK_OFFS_SHEET, paymentKnockOffsTable(entries));
}

/** Writes the trial balance; returns the debit − credit difference as text (always "0.00" for a sound ledger). */
async function writeTrialBalance(ctx: AppContext): Promise<string> {
  const types = new Map((await ctx.ledger.listAccounts()).map((a) => [a.code, a.type]));
  const lines = (await ctx.ledger.trialBalance()).map((l) => ({ ...l, type: types.get(l.account) ?? "" }));
  const { table, difference } = trialBalanceTable(lines);
  await ctx.workbook.writeTable(TRIAL_BALANCE_SHEET, table);
  return formatMoney(difference);
}

/** Every book sheet, in the order the guide shows them. */
export async function writeBooks(ctx: AppContext): Promise<BooksSummary> {
  const reads = bookReads(ctx);
  const invoices = await writeSalesInvoices(ctx, reads);
  const creditNotes = await writeCreditNotes(ctx, reads);
  await writePayments(ctx, reads);
  const difference = await writeTrialBalance(ctx);
  return { invoices, creditNotes, difference };
}

/**
 * Checks an invoice can be deleted, before the user is asked: it exists, no payment knocks it off and no
 * credit note credits it. The refusal names the payment run to revert, as the Payment tab lists it.
 */
export async function checkInvoiceDeletion(ctx: AppContext, docNo: string): Promise<string> {
  return (await deletableInvoice(ctx, docNo)).docNo;
}

async function deletableInvoice(ctx: AppContext, docNo: string): Promise<SalesInvoice> {
  const wanted = docNo.trim().toUpperCase();
  if (!/^IV-\d+$/.test(wanted))
    throw new FlowError(`Type the invoice number as it shows in "Sales Invoices", e.g. IV-00001.`);
  const invoice = await ctx.ledger.getInvoice(wanted);
  if (!invoice) throw new FlowError(`There is no invoice ${wanted}: check the number in "Sales Invoices".`);
  const paid = (await ctx.ledger.listKnockOffs(wanted)).filter((k) => k.docNo === wanted);
  if (paid.length > 0) {
    const by = [...new Set(paid.map((k) => k.paymentNo))].join(", ");
    const runIds = [...new Set(paid.flatMap((k) => (k.runId ? [k.runId] : [])))];
    const runs = (await Promise.all(runIds.map((id) => ctx.ledger.getRun(id)))).filter((r) => r !== undefined);
    if (runs.length === 0)
      throw new FlowError(`${wanted} is knocked off by ${by}: delete ${by} first, then delete ${wanted}.`);
    const named = runs.map((r) => runTime(r.startedAt)).join(" and ");
    throw new FlowError(
      `${wanted} is knocked off by ${by}, posted by the payment run of ${named}: revert that run (Payment tab → Payment runs) first, then delete ${wanted}.`,
    );
  }
  // The ledger checks again when it deletes; credit notes against an invoice of no order are left to it.
  const credits = invoice.orderId
    ? (await ctx.ledger.listCreditNotes(invoice.orderId)).filter((c) => c.invoiceNo === wanted)
    : [];
  if (credits.length > 0) {
    const by = credits.map((c) => c.docNo).join(", ");
    throw new FlowError(`${wanted} is credited by ${by}: delete the credit note first, then delete ${wanted}.`);
  }
  return invoice;
}

/**
 * Deletes an invoice nothing knocks off, so its order can be posted again. The order's row (if shown)
 * forgets its invoice, and the book sheets are rewritten.
 */
export async function deleteInvoice(ctx: AppContext, docNo: string): Promise<void> {
  const invoice = await deletableInvoice(ctx, docNo);
  const wanted = invoice.docNo;
  try {
    await ctx.ledger.deleteInvoice(wanted);
  } catch (error) {
    if (error instanceof LedgerInputError) throw new FlowError(error.message);
    throw error;
  }
  if (invoice.orderId && (await ctx.workbook.readTable(ORDERS_SHEET))) {
    await ctx.workbook.updateRows(ORDERS_SHEET, "Order ID", {
      [invoice.orderId]: { Status: `Invoice ${wanted} deleted: Post to post again`, "Invoice No": "" },
    });
  }
  await writeBooks(ctx);
}

export interface BackupFile {
  name: string;
  text: string;
}

/** The whole ledger as a .json file named after today's date in the store's zone. */
export async function backupLedger(ctx: AppContext): Promise<BackupFile> {
  const text = await ctx.ledger.backup();
  return { name: `shopbooks-backup-${businessDate(ctx.now())}.json`, text };
}

/** What a backup file holds, read and checked before the user is asked to replace the ledger with it. */
export interface CheckedBackup {
  name: string;
  text: string;
  exportedAt: string;
  invoices: number;
  creditNotes: number;
  payments: number;
}

/** Reads and checks a chosen file is a whole ShopBooks backup this version can restore; nothing is written. */
export async function checkBackupFile(name: string, text: string): Promise<CheckedBackup> {
  if (!text.trim()) throw new FlowError(`${name} is empty: pick a ShopBooks backup (.json).`);
  try {
    const backup = await readBackup(text, SCHEMA_VERSION);
    const count = (store: keyof typeof backup.stores) => backup.stores[store]?.length ?? 0;
    return {
      name,
      text,
      exportedAt: backup.exportedAt,
      invoices: count("invoices"),
      creditNotes: count("creditNotes"),
      payments: count("payments"),
    };
  } catch (error) {
    if (error instanceof LedgerInputError) throw new FlowError(`${name}: ${error.message}`);
    throw error;
  }
}

/** The question asked before a checked backup replaces the ledger. */
export function describeRestoreQuestion(backup: CheckedBackup): string {
  const date = backup.exportedAt.slice(0, 10);
  return (
    `Everything in the ledger is replaced by ${backup.name}, the backup of ${date} ` +
    `(${counted(backup.invoices, "invoice")}, ${counted(backup.creditNotes, "credit note")}, ${counted(backup.payments, "payment")}). ` +
    "What was posted after that backup is lost."
  );
}

/**
 * Replaces the ledger with a backup file's contents (all or nothing), rewrites the book sheets, and the
 * order sheets' Status and Invoice No as the restored ledger has them.
 */
export async function restoreLedger(ctx: AppContext, text: string): Promise<RestoreSummary> {
  if (!text.trim()) throw new FlowError("The chosen file is empty: pick a ShopBooks backup (.json).");
  const summary = await ctx.ledger.restore(text);
  await writeBooks(ctx);
  await refreshPostedStates(ctx);
  return summary;
}

export function describeRestore(summary: RestoreSummary): string {
  const count = (name: string, noun: string) => counted(summary.records[name] ?? 0, noun);
  const restored = `Restored the backup of ${summary.exportedAt.slice(0, 10)}: ${count("invoices", "invoice")}, ${count("creditNotes", "credit note")}, ${count("payments", "payment")}.`;
  const relink = summary.relinkNeeded;
  const removed = summary.removedStores;
  return [
    restored,
    ...(relink.length ? [`A backup holds no TikTok tokens: Relink ${relink.join(", ")} on the Link tab before fetching.`] : []),
    ...(removed.length
      ? [`${removed.join(", ")} ${removed.length === 1 ? "was" : "were"} linked here but not in the backup: Link ${removed.length === 1 ? "it" : "them"} again on the Link tab if still in use.`]
      : []),
  ].join(" ");
}
