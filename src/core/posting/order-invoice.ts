/**
 * Order → sales invoice (PRODUCT §5.1). TikTok sends one line item per unit; the invoice has one line
 * per SKU at its original price, then one negative Discount line for the seller-funded discounts.
 * Platform-funded discounts are not deducted: TikTok pays them to the seller.
 *
 * Vouchers: the 202309 order object folds seller-funded vouchers into `seller_discount` (per order and per
 * line item) and has no field that separates them. Only the price detail endpoint (202407,
 * `voucher_deduction_seller`) does. So a Voucher line is written only when the caller knows the seller
 * voucher separately (`sellerVoucher`); otherwise the whole seller-funded amount is the Discount line.
 */
import { businessDate, KUALA_LUMPUR_OFFSET_MINUTES } from "../dates/business-date";
import { add, formatMoney, minorDigits, multiply, negate, parseMoney, ZERO, type Sen } from "../money/money";
import type { Order, OrderLineItem } from "../tiktok/types";
import { orderSourceKey, type InvoiceDraft, type InvoiceLine, type Problem } from "./types";

export const MISSING_ITEM_CODE = "MISSING_ITEM_CODE";
export const MISSING_DATASET_PROPERTY = "MISSING_DATASET_PROPERTY";
export const NOTHING_TO_INVOICE = "NOTHING_TO_INVOICE";

export interface OrderPostingContext {
  shopId: string;
  customerCode: string;
  location: string;
  discountItem: string;
  voucherItem: string;
  /** Store's zone, minutes east of UTC; Asia/Kuala_Lumpur (480) when absent. */
  offsetMinutes?: number;
  /** The seller-funded voucher part of the order's seller discount, when known (price detail). */
  sellerVoucher?: Sen;
  itemCodeFor(skuId: string, sellerSku: string): string | undefined;
}

interface SkuGroup {
  skuId: string;
  sellerSku: string;
  description: string;
  unitPrice: Sen;
  quantity: number;
}

function isCancelled(item: OrderLineItem): boolean {
  return String(item.display_status ?? "").toUpperCase() === "CANCELLED";
}

function describe(item: OrderLineItem): string {
  const name = String(item.product_name ?? "").trim();
  const variation = String(item.sku_name ?? "").trim();
  const text = variation ? `${name} - ${variation}` : name;
  return item.is_gift ? `${text} (gift)` : text;
}

export function composeOrderInvoice(
  order: Order,
  ctx: OrderPostingContext,
): { value?: InvoiceDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const orderId = typeof order?.id === "string" ? order.id : "";
  const missing = (field: string, detail = "is missing") =>
    problems.push({
      code: MISSING_DATASET_PROPERTY,
      message: `Order ${orderId || "(no id)"}: ${field} ${detail}. Refresh the order from TikTok, then Post again.`,
      ...(orderId ? { orderId } : {}),
    });

  if (!orderId) missing("id");
  const payment = order?.payment;
  if (!payment || typeof payment !== "object") missing("payment");
  const currency = typeof payment?.currency === "string" ? payment.currency.trim() : "";
  if (payment && !currency) missing("payment.currency");
  const digits = minorDigits(currency || "MYR");

  const createTime = order?.create_time;
  if (createTime === undefined || createTime === null) missing("create_time");
  else if (typeof createTime !== "number" || !Number.isSafeInteger(createTime) || createTime <= 0) {
    missing("create_time", `is not a Unix time in seconds (${JSON.stringify(createTime)})`);
  }

  const items = order?.line_items;
  if (!Array.isArray(items) || items.length === 0) missing("line_items", "is missing or empty");

  const amount = (text: unknown, field: string, required: boolean): Sen | undefined => {
    if (text === undefined || text === null || text === "") {
      if (required) missing(field);
      return required ? undefined : ZERO;
    }
    const value = typeof text === "string" ? parseMoney(text, digits) : undefined;
    if (value === undefined) missing(field, `is not a decimal amount (${JSON.stringify(text)})`);
    return value;
  };

  // One group per SKU in first-seen order. A unit at another price (a gift of the same SKU) gets its own
  // line, so that quantity × unit price always equals the sum of the units' original prices.
  const groups = new Map<string, SkuGroup>();
  const skus = new Map<string, string>();
  let sellerDiscount: Sen = ZERO;
  (Array.isArray(items) ? items : []).forEach((item, i) => {
    const at = `line_items[${i}]`;
    if (!item || typeof item !== "object") return void missing(at);
    if (isCancelled(item)) return;
    const skuId = typeof item.sku_id === "string" ? item.sku_id.trim() : "";
    if (!skuId) missing(`${at}.sku_id`);
    const unitPrice = amount(item.original_price, `${at}.original_price`, true);
    const discount = amount(item.seller_discount, `${at}.seller_discount`, false);
    if (!skuId || unitPrice === undefined || discount === undefined) return;
    sellerDiscount = add(sellerDiscount, discount);
    const sellerSku = typeof item.seller_sku === "string" ? item.seller_sku.trim() : "";
    if (!skus.has(skuId)) skus.set(skuId, sellerSku);
    const key = `${skuId}\u0000${unitPrice}\u0000${item.is_gift ? "gift" : ""}`;
    const group = groups.get(key);
    if (group) group.quantity += 1;
    else groups.set(key, { skuId, sellerSku, description: describe(item), unitPrice, quantity: 1 });
  });

  const itemCodes = new Map<string, string>();
  for (const [skuId, sellerSku] of skus) {
    const code = ctx.itemCodeFor(skuId, sellerSku)?.trim();
    if (code) itemCodes.set(skuId, code);
    else {
      problems.push({
        code: MISSING_ITEM_CODE,
        message: `SKU ${skuId}${sellerSku ? ` (${sellerSku})` : ""} has no item code: pick one in TikTok Order Lines, then Post again.`,
        orderId,
        skuId,
        ...(sellerSku ? { sellerSku } : {}),
      });
    }
  }
  const voucher = ctx.sellerVoucher ?? ZERO;
  if (!Number.isSafeInteger(voucher) || voucher < 0 || voucher > sellerDiscount) {
    problems.push({
      code: "BAD_VOUCHER",
      message: `Order ${orderId}: its seller voucher ${Number.isSafeInteger(voucher) ? formatMoney(voucher, digits) : String(voucher)} is not between 0 and its seller discount ${formatMoney(sellerDiscount, digits)}: refresh the order's price detail, then Post again.`,
      orderId,
    });
  }
  if (problems.length === 0 && groups.size === 0) {
    problems.push({
      code: NOTHING_TO_INVOICE,
      message: `Order ${orderId} has nothing to invoice: every item in it was cancelled.`,
      orderId,
    });
  }
  if (problems.length > 0) return { problems };

  const lines: InvoiceLine[] = [...groups.values()].map((g) => ({
    itemCode: itemCodes.get(g.skuId) as string,
    description: g.description,
    quantity: g.quantity,
    unitPrice: g.unitPrice,
    amount: multiply(g.unitPrice, g.quantity),
    skuId: g.skuId,
    ...(g.sellerSku ? { sellerSku: g.sellerSku } : {}),
  }));
  const discount = add(sellerDiscount, negate(voucher));
  if (discount !== 0) {
    lines.push({
      itemCode: ctx.discountItem,
      description: "Seller discount",
      quantity: 1,
      unitPrice: negate(discount),
      amount: negate(discount),
    });
  }
  if (voucher !== 0) {
    lines.push({
      itemCode: ctx.voucherItem,
      description: "Seller voucher",
      quantity: 1,
      unitPrice: negate(voucher),
      amount: negate(voucher),
    });
  }

  return {
    value: {
      sourceKey: orderSourceKey(ctx.shopId, orderId),
      shopId: ctx.shopId,
      orderId,
      date: businessDate(createTime as number, ctx.offsetMinutes ?? KUALA_LUMPUR_OFFSET_MINUTES),
      customerCode: ctx.customerCode,
      location: ctx.location,
      reference: orderId,
      description: `TikTok order ${orderId}`,
      currency,
      lines,
      total: add(...lines.map((l) => l.amount)),
    },
    problems,
  };
}
