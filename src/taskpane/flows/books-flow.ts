/** Generated book sheets, refreshed after each post. */
import { SALES_INVOICES_SHEET } from "../../core/sheets/order-sheets";
import { formatMoney, sen, toMajor } from "../../core/money/money";
import type { ColumnSpec, CellValue } from "../../excel/workbook";
import type { AppContext } from "./context";

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

export async function writeSalesInvoices(ctx: AppContext): Promise<number> {
  const invoices = await ctx.ledger.listInvoices();
  const rows: CellValue[][] = [];
  for (const invoice of invoices) {
    const outstanding = (await ctx.ledger.outstanding(invoice.docNo)) ?? invoice.total;
    const paid = invoice.total - outstanding;
    rows.push([
      invoice.docNo,
      invoice.date,
      invoice.customerCode,
      invoice.orderId,
      invoice.description,
      toMajor(invoice.total),
      toMajor(sen(paid)),
      toMajor(outstanding),
      outstanding === 0 ? "Paid" : paid === 0 ? "Open" : "Part paid",
    ]);
  }
  await ctx.workbook.writeTable(SALES_INVOICES_SHEET, { columns: SALES_INVOICE_COLUMNS, rows });
  return rows.length;
}

export const TRIAL_BALANCE_SHEET = "Trial Balance";

const TRIAL_BALANCE_COLUMNS: ColumnSpec[] = [
  { name: "Account", kind: "id" },
  { name: "Name", kind: "text" },
  { name: "Debit", kind: "amount" },
  { name: "Credit", kind: "amount" },
];

/** Writes the trial balance; returns the debit − credit difference as text (always "0.00" for a sound ledger). */
export async function writeTrialBalance(ctx: AppContext): Promise<string> {
  const lines = await ctx.ledger.trialBalance();
  const rows: CellValue[][] = lines.map((l) => [l.account, l.name, toMajor(l.debit), toMajor(l.credit)]);
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  rows.push(["Total", "", toMajor(sen(debit)), toMajor(sen(credit))]);
  await ctx.workbook.writeTable(TRIAL_BALANCE_SHEET, { columns: TRIAL_BALANCE_COLUMNS, rows });
  return formatMoney(sen(debit - credit));
}
