/**
 * An order TikTok cancelled after its invoice was posted: a credit note that reverses the invoice line
 * for line, to the same accounts, so Sales and AR return to what they were before the order.
 */
import { cancellationSourceKey, type CreditNoteDraft, type SalesInvoice } from "./types";

export function cancellationCreditNote(invoice: SalesInvoice, date: string): CreditNoteDraft {
  return {
    sourceKey: cancellationSourceKey(invoice.shopId, invoice.orderId),
    shopId: invoice.shopId,
    orderId: invoice.orderId,
    date,
    customerCode: invoice.customerCode,
    location: invoice.location,
    reference: invoice.orderId,
    description: `TikTok order ${invoice.orderId} cancelled after posting (reverses ${invoice.docNo})`,
    currency: invoice.currency,
    lines: invoice.lines.map((line) => ({ ...line })),
    total: invoice.total,
    invoiceNo: invoice.docNo,
  };
}
