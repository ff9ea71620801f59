/** The IndexedDB layout of the books. Keys are strings; nothing stored is a Date. */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from "idb";
import type {
  CreditNote,
  CustomerPayment,
  CustomerRefund,
  JournalEntry,
  SalesInvoice,
} from "../core/posting/types";
import type {
  Account,
  Customer,
  DocumentVersion,
  FetchedOrder,
  FetchedProduct,
  KnockOff,
  LedgerRun,
  LinkedStore,
  Location,
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
  // schema 2
  settings: { key: string; value: { key: string; value: unknown } };
  locations: { key: string; value: Location };
  fetchedProducts: { key: string; value: FetchedProduct; indexes: { byShop: string } };
  creditNotes: {
    key: string;
    value: CreditNote;
    indexes: { bySourceKey: string; byOrder: string; byInvoice: string };
  };
  payments: { key: string; value: CustomerPayment; indexes: { bySourceKey: string } };
  refunds: { key: string; value: CustomerRefund; indexes: { bySourceKey: string } };
  documentVersions: { key: [string, number]; value: DocumentVersion };
  runs: { key: string; value: LedgerRun };
  sourceRows: { key: string; value: SourceRow; indexes: { byRun: string } };
}

/** A settlement row (or any outside row) a run posted; its key is unique, so a row is posted once. */
export interface SourceRow {
  key: string;
  runId: string;
  postedAt: string;
}

/** Every store of the books, in the order a backup lists them. */
export const LEDGER_STORES = [
  "meta",
  "settings",
  "accounts",
  "customers",
  "stockGroups",
  "stockItems",
  "locations",
  "storeSetups",
  "linkedStores",
  "fetchedProducts",
  "fetchedOrders",
  "invoices",
  "creditNotes",
  "payments",
  "refunds",
  "journal",
  "knockOffs",
  "documentVersions",
  "runs",
  "sourceRows",
  "counters",
] as const satisfies readonly StoreNames<LedgerSchema>[];

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
