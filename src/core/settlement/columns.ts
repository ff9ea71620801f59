/**
 * Settlement columns are found by name, never by position: TikTok renames, re-cases, pads and reorders
 * them between exports. A header is compared after normalising (normalizeHeader).
 */

/**
 * Trims, folds case and full-width forms, collapses spaces and TABs inside, reads `\` as `/`, and writes
 * brackets one way: "Order/adjustment ID␠␠", "TYPE\t" and "Order settled time(UTC)" compare as
 * "order/adjustment id", "type", "order settled time (utc)".
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/\\/g, "/")
    .replace(/\s+/g, " ")
    .replace(/\s*\(\s*/g, " (")
    .replace(/\s*\)/g, ")")
    .trim()
    .toLowerCase();
}

/** Columns with a role in the settlement, independent of the layout's wording. */
export type Concept =
  | "id"
  | "type"
  | "createdDate"
  | "settledDate"
  | "statementDate"
  | "currency"
  | "settlement"
  | "estimatedSettlement"
  | "revenue"
  | "subtotalAfter"
  | "subtotalBefore"
  | "sellerDiscounts"
  | "refundAfter"
  | "refundBefore"
  | "refundSellerDiscounts"
  | "feesTotal"
  | "shippingTotal"
  | "adjustment"
  | "relatedOrderId"
  | "statementId"
  | "skuId";

/** The name a seller sees in messages. */
export const CONCEPT_LABEL: Record<Concept, string> = {
  id: "Order/adjustment ID",
  type: "Type",
  createdDate: "Order created time",
  settledDate: "Order settled time",
  statementDate: "Statement date",
  currency: "Currency",
  settlement: "Total settlement amount",
  estimatedSettlement: "Total estimated settlement amount",
  revenue: "Total Revenue",
  subtotalAfter: "Subtotal after seller discounts",
  subtotalBefore: "Subtotal before discounts",
  sellerDiscounts: "Seller discounts",
  refundAfter: "Refund subtotal after seller discounts",
  refundBefore: "Refund subtotal before seller discounts",
  refundSellerDiscounts: "Refund of seller discounts",
  feesTotal: "Total Fees",
  shippingTotal: "Shipping",
  adjustment: "Ajustment amount",
  relatedOrderId: "Related order ID",
  statementId: "Statement ID",
  skuId: "SKU ID",
};

/** Known names per concept (already normalised), including renames, typos and localised headers. */
const ALIASES: Record<Concept, string[]> = {
  id: ["order/adjustment id", "id penyesuaian/pesanan"],
  type: ["type", "transaction type"],
  createdDate: ["order created time", "order created time (utc)", "order created date"],
  settledDate: ["order settled time", "order settled time (utc)", "waktu penyelesaian pesanan"],
  statementDate: ["statement date", "statement date (utc)"],
  currency: ["currency"],
  settlement: ["total settlement amount", "jumlah penyelesaian", "số tiền quyết toán", "settlement amount"],
  estimatedSettlement: ["total estimated settlement amount"],
  revenue: ["total revenue", "pendapatan total", "net sales"],
  subtotalAfter: ["subtotal after seller discounts"],
  subtotalBefore: ["subtotal before discounts", "subtotal before seller discounts", "gross sales"],
  sellerDiscounts: ["seller discounts", "seller discount"],
  refundAfter: ["refund subtotal after seller discounts"],
  refundBefore: ["refund subtotal before seller discounts", "gross sales refund"],
  refundSellerDiscounts: ["refund of seller discounts", "seller discount refund"],
  feesTotal: ["total fees", "fees", "biaya total"],
  shippingTotal: ["shipping"],
  adjustment: ["ajustment amount", "adjustment amount"],
  relatedOrderId: ["related order id"],
  statementId: ["statement id"],
  skuId: ["sku id"],
};

const CONCEPT_OF = new Map<string, Concept>();
for (const [concept, names] of Object.entries(ALIASES) as [Concept, string[]][]) {
  for (const name of names) CONCEPT_OF.set(normalizeHeader(name), concept);
}

export function conceptOf(header: string): Concept | undefined {
  return CONCEPT_OF.get(normalizeHeader(header));
}

/**
 * Columns that are informational: memo amounts outside the settlement (customer payment, platform-funded
 * discounts, sales tax), weights and descriptive text. Known, so they are neither fees nor "unknown".
 */
const MEMO = new Set(
  [
    "customer payment",
    "customer refund",
    "seller co-funded voucher discount",
    "refund of seller co-funded voucher discount",
    "seller co-funded voucher discount refund",
    "platform discounts",
    "platform discount",
    "refund of platform discounts",
    "platform discounts refund",
    "platform co-funded voucher discounts",
    "refund of platform co-funded voucher discounts",
    "platform co-funded voucher discounts refund",
    "seller shipping fee discount",
    "seller shipping cost discount",
    "ads referral fee discount",
    "sales tax payment",
    "sales tax refund",
    "retail delivery fee payment",
    "retail delivery fee refund",
    "customer-paid shipping fee before discounts",
    "tiktok shop shipping fee discount to customer",
    "estimated package weight (g)",
    "actual package weight (g)",
    "estimated package weight",
    "chargeable package weight",
    "estimated chargeable package weight",
    "fbt chargeable goods weight",
    "shopping center items",
    "details of items sold",
    "order source",
    "order content source",
    "collection methods",
    "delivery option",
    "signature confirmation service fee type",
    "adjustment reason",
    "status",
    "payment id",
    "quantity",
    "product name",
    "sku name",
    "order delivery date",
    "order shipment date",
  ].map(normalizeHeader),
);

export function isMemoColumn(header: string): boolean {
  return MEMO.has(normalizeHeader(header));
}

/** Headers that mark a header row; a row with two of them is taken as the header (banners come above it). */
export const HEADER_SIGNATURE: Concept[] = [
  "id",
  "type",
  "settlement",
  "settledDate",
  "statementDate",
  "revenue",
  "feesTotal",
];
