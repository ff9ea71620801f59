/**
 * The review sheets of fetched orders ("TikTok Orders", "TikTok Order Lines"), built from API orders.
 * Pure: the Excel layer decides how cells are written.
 */
import { add, formatMoney, requireMoney, sen, toMajor, ZERO, type Sen } from "../money/money";
import type { Order, OrderLineItem } from "../tiktok/types";
import type { CellValue, ColumnSpec } from "./table";

export const ORDERS_SHEET = "TikTok Orders";
export const ORDER_LINES_SHEET = "TikTok Order Lines";
export { SALES_INVOICES_SHEET } from "./book-sheets";

export const CANCELLED_AFTER_POSTING = "Cancelled after posting";

export const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "Tick", kind: "tick" },
  { name: "Order ID", kind: "id" },
  { name: "Order Date", kind: "date" },
  { name: "TikTok Status", kind: "status" },
  { name: "Post Action", kind: "status" },
  { name: "Items", kind: "quantity" },
  { name: "Qty", kind: "quantity" },
  { name: "Subtotal", kind: "amount" },
  { name: "Seller Discount", kind: "amount" },
  { name: "Platform Discount", kind: "amount" },
  { name: "Shipping Fee", kind: "amount" },
  { name: "Order Total", kind: "amount" },
  { name: "Status", kind: "status" },
  { name: "Invoice No", kind: "id" },
];

export const ORDER_LINE_COLUMNS: ColumnSpec[] = [
  { name: "Order ID", kind: "id" },
  { name: "SKU ID", kind: "id" },
  { name: "Seller SKU", kind: "text" },
  { name: "Product Name", kind: "text" },
  { name: "Variation", kind: "text" },
  { name: "Qty", kind: "quantity" },
  { name: "Unit Price", kind: "amount" },
  { name: "Seller Discount", kind: "amount" },
  { name: "Platform Discount", kind: "amount" },
  { name: "Item Code", kind: "itemCode" },
];

export type PostAction = "Post" | "Skip";

export interface OrderRowState {
  postAction: PostAction;
  /** Posting result shown to the user: "", "Success", "Posted", "Failed – Missing Item Code", … */
  status: string;
  invoiceNo: string;
}

/** An order's SKU with its units summed (TikTok sends one line item per unit). */
export interface OrderSkuLine {
  skuId: string;
  sellerSku: string;
  productName: string;
  variation: string;
  quantity: number;
  unitPrice: Sen;
  sellerDiscount: Sen;
  platformDiscount: Sen;
}

export function groupLineItemsBySku(items: OrderLineItem[], digits = 2): OrderSkuLine[] {
  const bySku = new Map<string, OrderSkuLine>();
  for (const item of items) {
    const existing = bySku.get(item.sku_id);
    const sellerDiscount = requireMoney(item.seller_discount, "seller_discount", digits);
    const platformDiscount = requireMoney(item.platform_discount, "platform_discount", digits);
    if (existing) {
      existing.quantity += 1;
      existing.sellerDiscount = add(existing.sellerDiscount, sellerDiscount);
      existing.platformDiscount = add(existing.platformDiscount, platformDiscount);
    } else {
      bySku.set(item.sku_id, {
        skuId: item.sku_id,
        sellerSku: item.seller_sku,
        productName: item.product_name,
        variation: item.sku_name,
        quantity: 1,
        unitPrice: requireMoney(item.original_price, "original_price", digits),
        sellerDiscount,
        platformDiscount,
      });
    }
  }
  return [...bySku.values()];
}

function money(text: string | undefined, field: string): number {
  return toMajor(text === undefined ? ZERO : requireMoney(text, field));
}

export function orderRow(order: Order, date: string, state: OrderRowState): CellValue[] {
  const lines = groupLineItemsBySku(order.line_items);
  const p = order.payment;
  return [
    false,
    order.id,
    date,
    order.status,
    state.postAction,
    lines.length,
    order.line_items.length,
    money(p.original_total_product_price, "original_total_product_price"),
    money(p.seller_discount, "seller_discount"),
    money(p.platform_discount, "platform_discount"),
    money(p.shipping_fee, "shipping_fee"),
    money(p.total_amount, "total_amount"),
    state.status,
    state.invoiceNo,
  ];
}

export function orderLineRows(
  order: Order,
  itemCodeFor: (skuId: string) => string | undefined,
): CellValue[][] {
  return groupLineItemsBySku(order.line_items).map((line) => [
    order.id,
    line.skuId,
    line.sellerSku,
    line.productName,
    line.variation,
    line.quantity,
    toMajor(line.unitPrice),
    toMajor(line.sellerDiscount),
    toMajor(line.platformDiscount),
    itemCodeFor(line.skuId) ?? "",
  ]);
}

/**
 * What an order's row says about its books before any Post of this session: nothing (not posted),
 * Posted, Cancelled after posting (TikTok cancelled it since: Post raises the credit note), or Posted –
 * reversed by its credit note.
 */
export function postedState(
  tiktokStatus: string,
  invoiceNo: string | undefined,
  creditNoteNo: string | undefined,
): { status: string; invoiceNo: string } {
  if (!invoiceNo) return { status: "", invoiceNo: "" };
  if (creditNoteNo) return { status: `Posted – reversed by ${creditNoteNo}`, invoiceNo };
  if (tiktokStatus === "CANCELLED") return { status: CANCELLED_AFTER_POSTING, invoiceNo };
  return { status: "Posted", invoiceNo };
}

/** "1,234.50"-style text of a sen amount, for messages. */
export function describeAmount(value: Sen): string {
  return formatMoney(sen(value));
}
