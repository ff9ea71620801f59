/** Wire shapes of the TikTok Shop API 202309 (the fields ShopBooks reads). IDs are strings, money decimal strings. */

export type OrderId = string & { readonly __brand: "OrderId" };
export type SkuId = string & { readonly __brand: "SkuId" };
export type ShopId = string & { readonly __brand: "ShopId" };

export interface Envelope<T> {
  code: number;
  message: string;
  request_id: string;
  data: T | null;
}

export const ORDER_STATUSES = [
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderPayment {
  currency: string;
  sub_total: string;
  shipping_fee: string;
  seller_discount: string;
  platform_discount: string;
  total_amount: string;
  original_total_product_price: string;
  original_shipping_fee: string;
  shipping_fee_seller_discount: string;
  shipping_fee_platform_discount: string;
  tax?: string;
}

/** One element per unit: two shirts of one SKU are two line items with the same sku_id. */
export interface OrderLineItem {
  id: string;
  sku_id: string;
  product_id: string;
  product_name: string;
  sku_name: string;
  seller_sku: string;
  original_price: string;
  sale_price: string;
  seller_discount: string;
  platform_discount: string;
  currency: string;
  display_status: string;
  package_status?: string;
  is_gift?: boolean;
  cancel_user?: string;
  cancel_reason?: string;
}

export interface Order {
  id: string;
  status: OrderStatus;
  create_time: number;
  update_time: number;
  paid_time?: number;
  delivery_time?: number;
  cancel_time?: number;
  cancel_reason?: string;
  cancellation_initiator?: string;
  user_id: string;
  buyer_email: string;
  buyer_message: string;
  shipping_type: "TIKTOK" | "SELLER";
  payment: OrderPayment;
  line_items: OrderLineItem[];
  recipient_address?: { name: string; full_address: string; region_code: string; postal_code: string; phone_number: string };
}

export interface OrderSearchData {
  next_page_token: string;
  total_count: number;
  orders: Order[];
}

export interface ProductSku {
  id: string;
  seller_sku: string;
  price: { currency: string; sale_price: string; tax_exclusive_price?: string };
  inventory: { warehouse_id: string; quantity: number }[];
  sales_attributes?: { id: string; name: string; value_id: string; value_name: string }[];
}

export interface Product {
  id: string;
  title: string;
  status: string;
  create_time: number;
  update_time: number;
  skus: ProductSku[];
}

export interface ProductSearchData {
  next_page_token: string;
  total_count: number;
  products: Product[];
}

export interface AuthorizedShop {
  id: string;
  name: string;
  region: string;
  seller_type: "LOCAL" | "CROSS_BORDER";
  cipher: string;
  code: string;
}

/** data of /api/v2/token/get and /api/v2/token/refresh; expiries are absolute Unix seconds. */
export interface TokenBundle {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
  open_id: string;
  seller_name: string;
  seller_base_region: string;
  user_type: number;
  granted_scopes?: string[];
}

/** GET /finance/202309/statements: one statement per day, cut at 00:00 UTC; amounts signed. */
export interface Statement {
  id: string;
  statement_time: number;
  currency: string;
  settlement_amount: string;
  revenue_amount: string;
  /** Fees including the seller's shipping cost: settlement = revenue + fee + adjustment. */
  fee_amount: string;
  adjustment_amount: string;
  shipping_cost_amount?: string;
  net_sales_amount?: string;
  payment_status: "PAID" | "FAILED" | "PROCESSING";
  payment_id?: string;
}

export interface StatementSearchData {
  next_page_token: string;
  total_count?: number;
  statements: Statement[];
}

/** Version 202501 money breakdown of a settlement transaction (or of one SKU's share of it). */
export interface SettlementBreakdown {
  settlement_amount: string;
  revenue_amount: string;
  revenue_breakdown: {
    subtotal_before_discount_amount: string;
    refund_subtotal_before_discount_amount: string;
    seller_discount_amount: string;
    seller_discount_refund_amount: string;
    [field: string]: string;
  };
  shipping_cost_amount: string;
  shipping_cost_breakdown: Record<string, string>;
  fee_tax_amount: string;
  fee_tax_breakdown: { fee: Record<string, string>; tax: Record<string, string> };
  supplementary_component?: Record<string, string>;
}

/** GET /finance/202501/statements/{id}/statement_transactions → transactions[]. */
export interface StatementTransaction extends SettlementBreakdown {
  id: string;
  /** "ORDER" or an adjustment type such as LOGISTICS_REIMBURSEMENT. */
  type: string;
  /** "0" on adjustments. */
  order_id: string;
  order_create_time: number;
  /** "0" on order transactions. */
  adjustment_id: string;
  adjustment_order_id: string;
  adjustment_amount: string;
}

export interface StatementTransactionsData {
  next_page_token: string;
  id: string;
  create_time: number;
  status: string;
  currency: string;
  total_settlement_amount: string;
  total_settlement_breakdown: {
    total_revenue_amount: string;
    total_shipping_cost_amount: string;
    total_fee_tax_amount: string;
    total_adjustment_amount: string;
  };
  total_count: number;
  transactions: StatementTransaction[];
}

/** GET /finance/202501/orders/{order_id}/statement_transactions: per SKU and statement. */
export interface OrderStatementTransactionsData {
  order_id: string;
  order_create_time: number;
  currency: string;
  revenue_amount: string;
  fee_and_tax_amount: string;
  shipping_cost_amount: string;
  settlement_amount: string;
  sku_transactions: (SettlementBreakdown & { sku_id: string; sku_name: string; product_name: string; statement_id: string; quantity: string })[];
}

export interface RefundAmount {
  currency: string;
  refund_total: string;
  refund_subtotal: string;
  refund_shipping_fee: string;
  refund_tax: string;
}

/** POST /return_refund/202309/returns/search → return_orders[]. */
export interface ReturnOrder {
  return_id: string;
  order_id: string;
  return_type: "REFUND" | "RETURN_AND_REFUND" | "REPLACEMENT";
  return_status: string;
  role?: string;
  return_reason?: string;
  return_reason_text?: string;
  create_time: number;
  update_time: number;
  refund_amount?: RefundAmount;
  return_line_items: {
    return_line_item_id: string;
    order_line_item_id: string;
    sku_id: string;
    sku_name?: string;
    product_name?: string;
    seller_sku?: string;
    refund_amount?: RefundAmount;
  }[];
}

export interface ReturnSearchData {
  next_page_token: string;
  total_count: number;
  return_orders: ReturnOrder[];
}

/** POST /return_refund/202309/cancellations/search → cancellations[]. */
export interface Cancellation {
  cancel_id: string;
  order_id: string;
  cancel_type: "CANCEL" | "BUYER_CANCEL";
  cancel_status: string;
  role?: string;
  cancel_reason?: string;
  cancel_reason_text?: string;
  create_time: number;
  update_time: number;
  refund_amount?: RefundAmount;
  cancel_line_items: { cancel_line_item_id: string; order_line_item_id: string; sku_id: string; seller_sku?: string }[];
}

export interface CancellationSearchData {
  next_page_token: string;
  total_count: number;
  cancellations: Cancellation[];
}
