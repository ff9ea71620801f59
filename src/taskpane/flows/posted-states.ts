/**
 * Each order's Status and Invoice No as the ledger has them now: what Refresh Order writes in
 * "TikTok Orders", and what a restore writes there again.
 */
import { ORDERS_SHEET, postedState } from "../../core/sheets/order-sheets";
import { cancellationSourceKey } from "../../core/posting/types";
import type { Order, OrderStatus } from "../../core/tiktok/types";
import type { CellValue } from "../../excel/workbook";
import type { AppContext } from "./context";

/**
 * Each order's Status and Invoice No (posted, cancelled after posting, reversed, or not posted), read in
 * one go for all the orders, in the order given.
 */
export async function postedStates(
  ctx: AppContext,
  orders: readonly Pick<Order, "id" | "status">[],
): Promise<{ status: string; invoiceNo: string }[]> {
  const invoices = await ctx.ledger.getInvoicesByOrder(orders.map((o) => o.id));
  const invoiced = orders.flatMap((o, i) => (invoices[i] ? [{ id: o.id, shopId: invoices[i].shopId }] : []));
  const creditNotes = await ctx.ledger.listCreditNotesByOrder(invoiced.map((o) => o.id));
  const reversals = new Map(
    invoiced.map((o, i) => [o.id, creditNotes[i].find((c) => c.sourceKey === cancellationSourceKey(o.shopId, o.id))]),
  );
  return orders.map((o, i) => postedState(o.status, invoices[i]?.docNo, reversals.get(o.id)?.docNo));
}

/** Rewrites Status and Invoice No of the "TikTok Orders" rows shown, as the ledger has them now. */
export async function refreshPostedStates(ctx: AppContext): Promise<void> {
  const rows = await ctx.workbook.readTable(ORDERS_SHEET);
  if (!rows || rows.length === 0) return;
  const orders = rows.map((row) => ({
    id: String(row["Order ID"] ?? ""),
    status: String(row["TikTok Status"] ?? "") as OrderStatus,
  }));
  const states = await postedStates(ctx, orders);
  const updates: Record<string, Record<string, CellValue>> = {};
  for (const [i, order] of orders.entries())
    updates[order.id] = { Status: states[i].status, "Invoice No": states[i].invoiceNo };
  await ctx.workbook.updateRows(ORDERS_SHEET, "Order ID", updates);
}
