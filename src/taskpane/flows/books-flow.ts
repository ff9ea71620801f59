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
import { DOCUMENT_PREFIX, type DocumentKind } from "../../core/posting/types";
import type { RestoreSummary } from "../../ledger";
import { FlowError, type AppContext } from "./context";

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

export interface BooksSummary {
  invoices: number;
  creditNotes: number;
  /** Σ debit − Σ credit of the trial balance, as text: "0.00" in sound books. */
  difference: string;
}

/** Sheets the workbook would not keep are not built (their counts are still answered). */
const forgotten = (ctx: AppContext, ...sheets: string[]) => sheets.every((sheet) => ctx.workbook.forgets?.(sheet) === true);

async function standings(ctx: AppContext): Promise<Map<string, { open: Sen; knockedOffBy: string[] }>> {
  const result = new Map<string, { open: Sen; knockedOffBy: string[] }>();
  for (const d of await ctx.ledger.listDocumentBalances())
    result.set(d.docNo, { open: d.open, knockedOffBy: [] });
  for (const k of await ctx.ledger.listKnockOffs()) result.get(k.docNo)?.knockedOffBy.push(k.paymentNo);
  return result;
}

/** "Sales Invoices" and "Sales Invoice Lines", in document-number order; the invoices are read a page at a time. */
export async function writeSalesInvoices(ctx: AppContext): Promise<number> {
  if (forgotten(ctx, SALES_INVOICES_SHEET, INVOICE_LINES_SHEET)) return ctx.ledger.countInvoices();
  const known = await standings(ctx);
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
export async function writeCreditNotes(ctx: AppContext): Promise<number> {
  if (forgotten(ctx, CREDIT_NOTES_SHEET, CREDIT_NOTE_LINES_SHEET)) return ctx.ledger.countCreditNotes();
  const notes = await ctx.ledger.listCreditNotes();
  const known = await standings(ctx);
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
export async function writePayments(ctx: AppContext): Promise<void> {
  if (forgotten(ctx, CUSTOMER_PAYMENTS_SHEET, PAYMENT_KNOCK_OFFS_SHEET)) return;
  const payments = await ctx.ledger.listPayments();
  const refunds = await ctx.ledger.listRefunds();
  const balances = await ctx.ledger.listDocumentBalances();
  const open = new Map(balances.map((d) => [d.docNo, d.open]));
  const orderOf = new Map(balances.filter((d) => d.orderId).map((d) => [d.docNo, d.orderId as string]));
  await ctx.workbook.writeTable(
    CUSTOMER_PAYMENTS_SHEET,
    customerPaymentsTable(payments, refunds, (docNo) => open.get(docNo) ?? sen(0)),
  );
  const entries: KnockOffEntry[] = (await ctx.ledger.listKnockOffs()).map((k) => ({
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
export async function writeTrialBalance(ctx: AppContext): Promise<string> {
  const types = new Map((await ctx.ledger.listAccounts()).map((a) => [a.code, a.type]));
  const lines = (await ctx.ledger.trialBalance()).map((l) => ({ ...l, type: types.get(l.account) ?? "" }));
  const { table, difference } = trialBalanceTable(lines);
  await ctx.workbook.writeTable(TRIAL_BALANCE_SHEET, table);
  return formatMoney(difference);
}

/** Every book sheet, in the order the guide shows them. */
export async function writeBooks(ctx: AppContext): Promise<BooksSummary> {
  const invoices = await writeSalesInvoices(ctx);
  const creditNotes = await writeCreditNotes(ctx);
  await writePayments(ctx);
  const difference = await writeTrialBalance(ctx);
  return { invoices, creditNotes, difference };
}

/**
 * Deletes an invoice nothing knocks off, so its order can be posted again. The order's row (if shown)
 * forgets its invoice, and the book sheets are rewritten.
 */
export async function deleteInvoice(ctx: AppContext, docNo: string): Promise<void> {
  const wanted = docNo.trim().toUpperCase();
  if (!/^IV-\d+$/.test(wanted))
    throw new FlowError(`Type the invoice number as it shows in "Sales Invoices", e.g. IV-00001.`);
  const invoice = await ctx.ledger.getInvoice(wanted);
  if (!invoice) throw new FlowError(`There is no invoice ${wanted}: check the number in "Sales Invoices".`);
  await ctx.ledger.deleteInvoice(wanted);
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

/** Replaces the ledger with a backup file's contents (all or nothing) and rewrites the book sheets. */
export async function restoreLedger(ctx: AppContext, text: string): Promise<RestoreSummary> {
  if (!text.trim()) throw new FlowError("The chosen file is empty: pick a ShopBooks backup (.json).");
  const summary = await ctx.ledger.restore(text);
  await writeBooks(ctx);
  return summary;
}

export function describeRestore(summary: RestoreSummary): string {
  const count = (name: string, noun: string) => {
    const n = summary.records[name] ?? 0;
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
  };
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
