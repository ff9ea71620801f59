/** A new ledger's editable defaults, SQL Account style (PRODUCT §4.2, WORKED-EXAMPLE "Default codes"). */
import { DEFAULT_FEE_MAP, feeMapItems, feeMapWith, type FeeMap } from "../core/posting/fee-map";
import { ORDER_STATUSES } from "../core/tiktok/types";
import type { Account, Customer, FeeItems, Location, StockGroup, StockItem, StoreSetup } from "./types";

export const DEFAULT_ACCOUNTS: Account[] = [
  { code: "300-000", name: "Trade Debtors", type: "asset" },
  { code: "310-TTS", name: "TikTok Shop Wallet", type: "asset" },
  { code: "500-000", name: "Sales", type: "income" },
  { code: "510-000", name: "Sales Returns", type: "income" },
  { code: "520-000", name: "Sales Adjustment", type: "income" },
  { code: "520-TT1", name: "TikTok Voucher", type: "income" },
  { code: "520-TT2", name: "TikTok Discount", type: "income" },
  { code: "900-TT1", name: "TikTok Shipping Fee", type: "expense" },
  { code: "900-TT2", name: "TikTok Transaction Fee", type: "expense" },
  { code: "900-TT3", name: "TikTok Commission", type: "expense" },
  { code: "900-TT4", name: "Affiliate Commission", type: "expense" },
  { code: "900-TT5", name: "TikTok Service Fees", type: "expense" },
  { code: "900-TT6", name: "TikTok Adjustments", type: "expense" },
];

export const DEFAULT_LOCATIONS: Location[] = [{ code: "ECOMMERCE", description: "E-commerce stock" }];

export const DEFAULT_SETTINGS: { key: string; value: unknown }[] = [{ key: "currency", value: "MYR" }];

export const DEFAULT_CUSTOMER: Customer = { code: "300-T0001", name: "TIKTOK SHOP", arAccount: "300-000" };

const FEE_ITEMS: [code: string, description: string, account: string][] = [
  ["TT-DISCOUNT", "TikTok Discount", "520-TT2"],
  ["TT-VOUCHER", "TikTok Voucher", "520-TT1"],
  ["TT-SHIPPING", "TikTok Shipping Fee", "900-TT1"],
  ["TT-TRXFEE", "TikTok Transaction Fee", "900-TT2"],
  ["TT-COMMISSION", "TikTok Commission", "900-TT3"],
  ["TT-AFFILIATE", "Affiliate Commission", "900-TT4"],
  ["TT-SERVICEFEE", "TikTok Service Fees", "900-TT5"],
  ["TT-ADJUSTMENT", "TikTok Adjustment", "900-TT6"],
  ["TT-RETURN", "TikTok Returns", "510-000"],
];

export const DEFAULT_STOCK_GROUPS: StockGroup[] = [
  { code: "TIKTOK", description: "TikTok Shop products", salesAccount: "500-000", returnsAccount: "510-000" },
  ...FEE_ITEMS.map(([code, description, account]) => ({ code, description, salesAccount: account })),
];

export const DEFAULT_STOCK_ITEMS: StockItem[] = FEE_ITEMS.map(([code, description, account]) => ({
  code,
  description,
  group: code,
  salesAccount: account,
  isFee: true,
  altCodes: [],
}));

export const DEFAULT_FEE_ITEMS: FeeItems = {
  shipping: "TT-SHIPPING",
  transaction: "TT-TRXFEE",
  commission: "TT-COMMISSION",
  affiliate: "TT-AFFILIATE",
  service: "TT-SERVICEFEE",
  adjustment: "TT-ADJUSTMENT",
  returns: "TT-RETURN",
};

export function defaultStoreSetup(): StoreSetup {
  return {
    customerCode: DEFAULT_CUSTOMER.code,
    paymentAccount: "310-TTS",
    location: "ECOMMERCE",
    discountItem: "TT-DISCOUNT",
    voucherItem: "TT-VOUCHER",
    postActions: Object.fromEntries(
      ORDER_STATUSES.map((status) => [
        status,
        status === "DELIVERED" || status === "COMPLETED" ? "Post" : "Skip",
      ]),
    ),
    feeItems: { ...DEFAULT_FEE_ITEMS },
    utcOffsetMinutes: 480,
  };
}

/** A store's setup as saved, filled in with the defaults of what it leaves out. */
export function withDefaults(saved: StoreSetup | undefined): StoreSetup {
  const defaults = defaultStoreSetup();
  if (!saved) return defaults;
  return {
    ...defaults,
    ...saved,
    postActions: { ...defaults.postActions, ...saved.postActions },
    feeItems: { ...defaults.feeItems!, ...saved.feeItems },
  };
}

/** The store's fee map: the default one with the store's changes, each bucket booked to the store's fee item. */
export function feeMapOf(setup: StoreSetup): FeeMap {
  const items = feeMapItems({ ...DEFAULT_FEE_ITEMS, ...setup.feeItems });
  return feeMapWith({ ...DEFAULT_FEE_MAP, items }, setup.feeMap ?? {});
}
