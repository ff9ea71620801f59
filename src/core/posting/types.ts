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
  /** Returned goods: the TikTok returns the units came back in (a return is credited once). */
  returnIds?: string[];
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

/** What every posted document carries besides its content. */
export interface Posted {
  /** IV-00001, CN-00001, OR-00001, RF-00001: never reused, even after a delete or a revert. */
  docNo: string;
  /** 1 when posted; each edit (a payment run adding fee lines) makes a new version. */
  version: number;
  postedAt: string;
  /** The run that posted this version. */
  runId?: string;
}

export interface SalesInvoice extends InvoiceDraft, Posted {}

/** A credit to the customer: lines are amounts credited (a negative line is a charge, e.g. fees given back). */
export interface CreditNoteDraft {
  sourceKey: string;
  shopId: string;
  /** The order it concerns; "" for an adjustment document. */
  orderId: string;
  date: string;
  customerCode: string;
  location: string;
  reference: string;
  description: string;
  currency: string;
  lines: InvoiceLine[];
  total: Sen;
  /** The invoice it credits, when there is one (a cancellation, a refund). */
  invoiceNo?: string;
}

export interface CreditNote extends CreditNoteDraft, Posted {}

/** A customer payment (OR-) or customer refund (RF-): money in or out of the payment account. */
export interface PaymentDraft {
  sourceKey: string;
  shopId: string;
  date: string;
  customerCode: string;
  /** GL account the money goes into (payment) or comes out of (refund): the store's payment account. */
  paymentAccount: string;
  reference: string;
  description: string;
  currency: string;
  amount: Sen;
}

export interface CustomerPayment extends PaymentDraft, Posted {}
export interface CustomerRefund extends PaymentDraft, Posted {}

export type DocumentKind = "invoice" | "creditNote" | "payment" | "refund";

export const DOCUMENT_PREFIX: Record<DocumentKind, string> = {
  invoice: "IV",
  creditNote: "CN",
  payment: "OR",
  refund: "RF",
};

export const DOCUMENT_NAME: Record<DocumentKind, string> = {
  invoice: "Invoice",
  creditNote: "Credit note",
  payment: "Customer payment",
  refund: "Customer refund",
};

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

/** The credit note that reverses an order's invoice after TikTok cancelled the order. */
export function cancellationSourceKey(shopId: string, orderId: string): string {
  return `tiktok:${shopId}:order:${orderId}:cancelled`;
}
