/** The IndexedDB layout of the books. Keys are strings; nothing stored is a Date. */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from "idb";
import type { JournalEntry, SalesInvoice } from "../core/posting/types";
import type {
  Account,
  Customer,
  FetchedOrder,
  KnockOff,
  LinkedStore,
  StockGroup,
  StockItem,
  StoreSetup,
} from "./types";

/** A stock item as stored: its alternative codes also as index keys (see altKey). */
export interface StoredStockItem extends StockItem {
  altKeys: string[];
}

export interface LedgerSchema extends DBSchema {
  meta: { key: string; value: { key: string; version: number } };
  accounts: { key: string; value: Account };
  customers: { key: string; value: Customer };
  stockGroups: { key: string; value: StockGroup };
  stockItems: { key: string; value: StoredStockItem; indexes: { byAltKey: string } };
  storeSetups: { key: string; value: { shopId: string; setup: StoreSetup } };
  linkedStores: { key: string; value: LinkedStore };
  fetchedOrders: { key: string; value: FetchedOrder; indexes: { byShop: string } };
  invoices: { key: string; value: SalesInvoice; indexes: { bySourceKey: string; byOrder: string } };
  journal: { key: string; value: JournalEntry };
  counters: { key: string; value: { name: string; last: number } };
  knockOffs: { key: [string, string]; value: KnockOff; indexes: { byDocNo: string } };
}

export type LedgerDb = IDBPDatabase<LedgerSchema>;
export type UpgradeTransaction = IDBPTransaction<LedgerSchema, StoreNames<LedgerSchema>[], "versionchange">;

/** Index key of an alternative code: by SKU ID when it has one, else by seller SKU. */
export function altKey(
  shopId: string,
  skuId: string | undefined,
  sellerSku: string | undefined,
): string | undefined {
  if (skuId) return `sku|${shopId}|${skuId}`;
  if (sellerSku) return `seller|${shopId}|${sellerSku}`;
  return undefined;
}
