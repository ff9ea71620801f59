/** What the ledger keeps besides documents. Plain data only: no Date objects, money in Sen. */
import type { Sen } from "../core/money/money";
import type { Problem } from "../core/posting/types";
import type { PostAction } from "../core/sheets/order-sheets";
import type { Order } from "../core/tiktok/types";

export type AccountType = "asset" | "liability" | "equity" | "income" | "expense";

export interface Account {
  code: string;
  name: string;
  type: AccountType;
}

export interface Customer {
  code: string;
  name: string;
  arAccount: string;
}

export interface StockGroup {
  code: string;
  description: string;
  salesAccount: string;
  returnsAccount?: string;
}

/** An alternative code of a stock item: a store's SKU ID (or, without one, its seller SKU). */
export interface AltCode {
  shopId: string;
  skuId?: string;
  sellerSku?: string;
}

export interface StockItem {
  code: string;
  description: string;
  group: string;
  salesAccount: string;
  /** Account of returned goods (credit notes); Sales Returns when absent. */
  returnsAccount?: string;
  isFee: boolean;
  altCodes: AltCode[];
}

export interface FeeItems {
  shipping: string;
  transaction: string;
  commission: string;
  affiliate: string;
  service: string;
  adjustment: string;
  returns: string;
}

/** A store's mapping codes (the guide's "Configure E-Commerce Setting"). */
export interface StoreSetup {
  customerCode: string;
  paymentAccount: string;
  location: string;
  discountItem: string;
  voucherItem: string;
  /** Order status → Post or Skip. */
  postActions: Record<string, PostAction>;
  feeItems?: FeeItems;
  /** The store's zone in minutes east of UTC (Asia/Kuala_Lumpur: 480). */
  utcOffsetMinutes?: number;
}

export interface LinkedStore {
  shopId: string;
  description: string;
  platform: "TikTok Shop";
  region: string;
  shopName: string;
  shopCipher: string;
  sellerName: string;
  accessToken: string;
  /** Unix seconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  /** ISO instant. */
  linkedAt: string;
  status: "Linked" | "Relink needed";
}

export interface FetchedOrder {
  orderId: string;
  shopId: string;
  status: string;
  order: Order;
  /** ISO instant of the fetch. */
  fetchedAt: string;
  postStatus?: "Posted";
  invoiceNo?: string;
}

export type PostStatus = "Success" | "Posted" | "Failed";

export interface PostOrderResult {
  orderId: string;
  status: PostStatus;
  invoiceNo?: string;
  /** For Failed: 'Missing Item Code', 'Missing Dataset Property', 'Unknown Item Code', or a sentence. */
  reason?: string;
  problems: Problem[];
}

export interface PostOrderOptions {
  /** Item codes picked in "TikTok Order Lines", by SKU ID; they win over the stored mapping. */
  itemCodes?: Record<string, string>;
  runId?: string;
}

/** Part of a payment applied to a document. */
export interface KnockOff {
  paymentNo: string;
  docNo: string;
  date: string;
  amount: Sen;
}

export interface TrialBalanceLine {
  account: string;
  name: string;
  debit: Sen;
  credit: Sen;
}

export interface LedgerChange {
  stores: string[];
}
