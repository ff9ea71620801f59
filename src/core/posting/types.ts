/** Documents of the books as plain data. Money is Sen; dates 'YYYY-MM-DD'; instants ISO strings. */
import type { Sen } from "../money/money";

/** Bad input is data: a machine code, what it concerns, and a message that says how to fix it. */
export interface Problem {
  code: string;
  message: string;
  orderId?: string;
  skuId?: string;
  sellerSku?: string;
}

export interface InvoiceLine {
  itemCode: string;
  description: string;
  quantity: number;
  unitPrice: Sen;
  amount: Sen;
  /** GL account credited by the line; filled in when the invoice is posted. */
  account?: string;
  skuId?: string;
  sellerSku?: string;
}

export interface InvoiceDraft {
  /** `tiktok:SHOP:order:ORDER`: unique in the ledger, so an order is invoiced once, ever. */
  sourceKey: string;
  shopId: string;
  orderId: string;
  date: string;
  customerCode: string;
  location: string;
  reference: string;
  description: string;
  currency: string;
  lines: InvoiceLine[];
  total: Sen;
}

export interface SalesInvoice extends InvoiceDraft {
  /** IV-00001 */
  docNo: string;
  version: number;
  postedAt: string;
  runId?: string;
}

export interface JournalLine {
  account: string;
  debit: Sen;
  credit: Sen;
  memo?: string;
}

export interface JournalEntry {
  docNo: string;
  date: string;
  lines: JournalLine[];
}

export function orderSourceKey(shopId: string, orderId: string): string {
  return `tiktok:${shopId}:order:${orderId}`;
}
