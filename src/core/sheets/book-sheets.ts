/**
 * The generated book sheets ("Sales Invoices", "Sales Invoice Lines", "Credit Notes", "Credit Note Lines",
 * "Trial Balance"),
 * built from documents and their open amounts. Amounts are written in major units for Excel only.
 */
import { sen, toMajor, type Sen } from "../money/money";
import { byDocNo, compareDocNos } from "../posting/doc-no";
import { settlementPosted } from "../posting/settlement-posted";
import type { CreditNote, InvoiceLine, SalesInvoice } from "../posting/types";
import type { CellValue, ColumnSpec, SheetTable } from "./table";

export const SALES_INVOICES_SHEET = "Sales Invoices";
export const INVOICE_LINES_SHEET = "Sales Invoice Lines";
export const CREDIT_NOTES_SHEET = "Credit Notes";
export const CREDIT_NOTE_LINES_SHEET = "Credit Note Lines";
export const TRIAL_BALANCE_SHEET = "Trial Balance";

export const SALES_INVOICE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Customer", kind: "text" },
  { name: "Order ID", kind: "id" },
  { name: "Description", kind: "text" },
  { name: "Amount", kind: "amount" },
  { name: "Paid", kind: "amount" },
  { name: "Outstanding", kind: "amount" },
  { name: "Status", kind: "status" },
];

/** Item Code … Account: the cells lineCells writes for a document line. */
const LINE_CELL_COLUMNS: ColumnSpec[] = [
  { name: "Item Code", kind: "text" },
  { name: "Description", kind: "text" },
  { name: "Qty", kind: "quantity" },
  { name: "Unit Price", kind: "amount" },
  { name: "Amount", kind: "amount" },
  { name: "Account", kind: "id" },
];

export const INVOICE_LINE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Order ID", kind: "id" },
  { name: "Line", kind: "quantity" },
  ...LINE_CELL_COLUMNS,
];

export const CREDIT_NOTE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Customer", kind: "text" },
  { name: "Order ID", kind: "id" },
  { name: "Invoice No", kind: "id" },
  { name: "Description", kind: "text" },
  { name: "Amount", kind: "amount" },
  { name: "Applied", kind: "amount" },
  { name: "Unapplied", kind: "amount" },
];

export const CREDIT_NOTE_LINE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Order ID", kind: "id" },
  { name: "Invoice No", kind: "id" },
  { name: "Line", kind: "quantity" },
  ...LINE_CELL_COLUMNS,
  { name: "Return IDs", kind: "id" },
];

export const TRIAL_BALANCE_COLUMNS: ColumnSpec[] = [
  { name: "Account", kind: "id" },
  { name: "Name", kind: "text" },
  { name: "Type", kind: "text" },
  { name: "Debit", kind: "amount" },
  { name: "Credit", kind: "amount" },
];

/** How an invoice stands: what knocked it off, and how much is left. */
export interface InvoiceStanding {
  open: Sen;
  /** Document numbers that knock it off (payments OR-…, credit notes CN-…). */
  knockedOffBy: string[];
}

/**
 * Open, Part paid, Paid, or Credited: reversed by its own credit note. A credit note knocks off an invoice
 * in two ways: a cancelled order's credit note reverses its invoice, which no settlement has reached; on a
 * settled date whose net is negative, the date's credit notes (refunds', the TikTok Adjustment) pay the
 * invoices it settles, in place of a payment: those are Paid, as is a TikTok Adjustment invoice (no order,
 * so no credit note of its own).
 */
export function invoiceStatus(invoice: SalesInvoice, standing: InvoiceStanding): string {
  if (standing.open === invoice.total && invoice.total !== 0) return "Open";
  if (standing.open > 0) return "Part paid";
  const reversed =
    invoice.orderId !== "" &&
    !settlementPosted(invoice) &&
    standing.knockedOffBy.length > 0 &&
    standing.knockedOffBy.every((d) => d.startsWith("CN-"));
  return reversed ? "Credited" : "Paid";
}

/**
 * A sheet built a page of documents at a time, so a reader never holds all the documents at once (only
 * their rows). Ledger.readInvoices gives the pages in the order of the numbers' text, which past IV-99999
 * is not the numbers' order: the table's rows are put in number order (a stable sort, so an invoice's
 * lines keep theirs; nearly free on rows that are in order already).
 */
export interface PagedSheet<T> {
  add(page: readonly T[]): void;
  readonly table: SheetTable;
}

/** The table with its rows in the order of their first cell's document number. */
function inDocNoOrder(table: SheetTable): SheetTable {
  table.rows.sort((a, b) => compareDocNos(a[0] as string, b[0] as string));
  return table;
}

/** A sheet of `columns` whose rows `addRows` makes from each document of each page. */
function pagedSheet<T>(columns: ColumnSpec[], addRows: (doc: T, rows: CellValue[][]) => void): PagedSheet<T> {
  const table: SheetTable = { columns, rows: [] };
  return {
    get table() {
      return inDocNoOrder(table);
    },
    add(page) {
      for (const doc of page) addRows(doc, table.rows);
    },
  };
}

/** "Sales Invoices": one row per invoice, with Paid = Amount − Outstanding. */
export function salesInvoicesSheet(standingOf: (docNo: string) => InvoiceStanding): PagedSheet<SalesInvoice> {
  return pagedSheet(SALES_INVOICE_COLUMNS, (invoice: SalesInvoice, rows) => {
    const standing = standingOf(invoice.docNo);
    rows.push([
      invoice.docNo,
      invoice.date,
      invoice.customerCode,
      invoice.orderId,
      invoice.description,
      toMajor(invoice.total),
      toMajor(sen(invoice.total - standing.open)),
      toMajor(standing.open),
      invoiceStatus(invoice, standing),
    ]);
  });
}

/** Item Code … Account of a document line (LINE_CELL_COLUMNS). */
const lineCells = (line: InvoiceLine): CellValue[] => [
  line.itemCode,
  line.description,
  line.quantity,
  toMajor(line.unitPrice),
  toMajor(line.amount),
  line.account ?? "",
];

/** "Sales Invoice Lines": one row per invoice line, numbered from 1 within its invoice. */
export function invoiceLinesSheet(): PagedSheet<SalesInvoice> {
  return pagedSheet(INVOICE_LINE_COLUMNS, (invoice: SalesInvoice, rows) =>
    invoice.lines.forEach((line, i) =>
      rows.push([invoice.docNo, invoice.date, invoice.orderId, i + 1, ...lineCells(line)]),
    ),
  );
}

/** Every credit note line: what was credited, the invoice it credits and the TikTok returns of returned goods. */
export function creditNoteLinesTable(notes: CreditNote[]): SheetTable {
  const rows: CellValue[][] = [];
  for (const note of [...notes].sort(byDocNo))
    note.lines.forEach((line, i) =>
      rows.push([
        note.docNo,
        note.date,
        note.orderId,
        note.invoiceNo ?? "",
        i + 1,
        ...lineCells(line),
        (line.returnIds ?? []).join(", "),
      ]),
    );
  return { columns: CREDIT_NOTE_LINE_COLUMNS, rows };
}

export function creditNotesTable(notes: CreditNote[], openOf: (docNo: string) => Sen): SheetTable {
  const rows: CellValue[][] = [...notes].sort(byDocNo).map((note) => {
    const open = openOf(note.docNo);
    return [
      note.docNo,
      note.date,
      note.customerCode,
      note.orderId,
      note.invoiceNo ?? "",
      note.description,
      toMajor(note.total),
      toMajor(sen(note.total - open)),
      toMajor(open),
    ];
  });
  return { columns: CREDIT_NOTE_COLUMNS, rows };
}

export interface TrialBalanceEntry {
  account: string;
  name: string;
  type: string;
  debit: Sen;
  credit: Sen;
}

/** The accounts with a balance, then a Total row; the two totals are equal in sound books. */
export function trialBalanceTable(lines: TrialBalanceEntry[]): { table: SheetTable; difference: Sen } {
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  const rows: CellValue[][] = lines.map((l) => [
    l.account,
    l.name,
    l.type,
    toMajor(l.debit),
    toMajor(l.credit),
  ]);
  rows.push(["Total", "", "", toMajor(sen(debit)), toMajor(sen(credit))]);
  return { table: { columns: TRIAL_BALANCE_COLUMNS, rows }, difference: sen(debit - credit) };
}
