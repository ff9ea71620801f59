/**
 * Whether TikTok's settlement of an order is in the books. A payment run edits the invoice of each order
 * it settles (adding TikTok's fee lines, none when they are all zero), and nothing else edits an invoice:
 * an invoice past version 1 has had its settlement posted. Reverting the run puts version 1 back.
 * What then knocks the invoice off (the day's payment, or its credit notes on a day whose net is negative)
 * does not matter.
 */
import type { SalesInvoice } from "./types";

export function settlementPosted(invoice: Pick<SalesInvoice, "version">): boolean {
  return invoice.version > 1;
}
