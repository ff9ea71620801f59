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
