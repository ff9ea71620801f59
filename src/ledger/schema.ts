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
  OrderMark,
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
  fetchedOrders: { key: string; value: StoredFetchedOrder; indexes: { byShop: string } };
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
  // schema 3
  orderMarks: { key: [string, OrderMark["kind"]]; value: OrderMark };
}

/** A fetched order as stored: its marks live in orderMarks (schema 2 kept them on the order). */
export type StoredFetchedOrder = Omit<FetchedOrder, "postStatus" | "invoiceNo" | "creditNoteNo">;

/** Splits a fetched order as schema 2 stored it into the order and its marks. */
export function splitOrderMarks(record: FetchedOrder): { order: StoredFetchedOrder; marks: OrderMark[] } {
  const { postStatus: _posted, invoiceNo, creditNoteNo, ...order } = record;
  const marks: OrderMark[] = [];
  if (invoiceNo) marks.push({ orderId: record.orderId, kind: "invoice", docNo: invoiceNo });
  if (creditNoteNo) marks.push({ orderId: record.orderId, kind: "creditNote", docNo: creditNoteNo });
  return { order, marks };
}

/** The fetched order as the ledger shows it: with its invoice and credit note, when posted. */
export function withOrderMarks(
  order: StoredFetchedOrder,
  marks: readonly OrderMark[] | undefined,
): FetchedOrder {
  if (!marks?.length) return order;
  const shown: FetchedOrder = { ...order };
  for (const mark of marks) {
    if (mark.kind === "invoice") Object.assign(shown, { postStatus: "Posted", invoiceNo: mark.docNo });
    else shown.creditNoteNo = mark.docNo;
  }
  return shown;
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
  "orderMarks",
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
