/**
 * What the ledger keeps of an order TikTok returns: the fields ShopBooks reads (types.ts) and nothing else.
 * TikTok's order carries some forty more (tracking, packages, warehouse, the buyer's address…) that the books
 * never read: kept, they tripled the size of every fetched order, and the address is personal data a ledger
 * has no use for.
 */
import type { Order, OrderLineItem, OrderPayment } from "./types";

const ORDER_FIELDS = [
  "id",
  "status",
  "create_time",
  "update_time",
  "paid_time",
  "delivery_time",
  "cancel_time",
  "cancel_reason",
  "cancellation_initiator",
  "user_id",
  "buyer_email",
  "buyer_message",
  "shipping_type",
] as const satisfies readonly (keyof Order)[];

const PAYMENT_FIELDS = [
  "currency",
  "sub_total",
  "shipping_fee",
  "seller_discount",
  "platform_discount",
  "total_amount",
  "original_total_product_price",
  "original_shipping_fee",
  "shipping_fee_seller_discount",
  "shipping_fee_platform_discount",
  "tax",
] as const satisfies readonly (keyof OrderPayment)[];

const LINE_FIELDS = [
  "id",
  "sku_id",
  "product_id",
  "product_name",
  "sku_name",
  "seller_sku",
  "original_price",
  "sale_price",
  "seller_discount",
  "platform_discount",
  "currency",
  "display_status",
  "package_status",
  "is_gift",
  "cancel_user",
  "cancel_reason",
] as const satisfies readonly (keyof OrderLineItem)[];

type Fields = Record<string, unknown>;

/** The named fields whose values are text, numbers or flags; anything else (absent, objects) is left out. */
function picked(source: unknown, fields: readonly string[]): Fields {
  const kept: Fields = {};
  if (typeof source !== "object" || source === null) return kept;
  for (const field of fields) {
    const value = (source as Fields)[field];
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
      kept[field] = value;
  }
  return kept;
}

/**
 * A new order holding only the fields ShopBooks reads: plain data, safe to store and to clone. A payment or
 * line items TikTok left out stay out, so that posting still names what is missing.
 */
export function keptOrder(order: Order): Order {
  const kept = picked(order, ORDER_FIELDS);
  if (typeof order.payment === "object" && order.payment !== null) kept.payment = picked(order.payment, PAYMENT_FIELDS);
  if (Array.isArray(order.line_items)) kept.line_items = order.line_items.map((line) => picked(line, LINE_FIELDS));
  return kept as unknown as Order;
}
