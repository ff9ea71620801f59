/**
 * Numbered schema migrations. Each one checks before it creates and seeds only what is absent, so running
 * it twice changes nothing and never overwrites what the user edited.
 */
import type { StoreNames } from "idb";
import {
  DEFAULT_ACCOUNTS,
  DEFAULT_CUSTOMER,
  DEFAULT_LOCATIONS,
  DEFAULT_SETTINGS,
  DEFAULT_STOCK_GROUPS,
  DEFAULT_STOCK_ITEMS,
} from "./defaults";
import {
  splitOrderMarks,
  type LedgerDb,
  type LedgerSchema,
  type StoredStockItem,
  type UpgradeTransaction,
} from "./schema";
import type { FetchedOrder } from "./types";

export interface Migration {
  version: number;
  description: string;
  apply(db: LedgerDb, tx: UpgradeTransaction): Promise<void>;
}

function ensureStore(db: LedgerDb, name: StoreNames<LedgerSchema>, keyPath: string | string[]): void {
  if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath });
}

function ensureIndex(
  tx: UpgradeTransaction,
  store: StoreNames<LedgerSchema>,
  index: string,
  keyPath: string,
  options: IDBIndexParameters = {},
): void {
  const os = tx.objectStore(store);
  if (!os.indexNames.contains(index as never)) os.createIndex(index as never, keyPath, options);
}

async function seed<S extends StoreNames<LedgerSchema>>(
  tx: UpgradeTransaction,
  name: S,
  records: LedgerSchema[S]["value"][],
  keyOf: (record: LedgerSchema[S]["value"]) => LedgerSchema[S]["key"],
): Promise<void> {
  const store = tx.objectStore(name);
  for (const record of records) {
    if ((await store.getKey(keyOf(record))) === undefined) await store.add(record);
  }
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: "books, setup, linked stores, fetched orders; SQL Account-style defaults",
    async apply(db, tx) {
      ensureStore(db, "meta", "key");
      ensureStore(db, "accounts", "code");
      ensureStore(db, "customers", "code");
      ensureStore(db, "stockGroups", "code");
      ensureStore(db, "stockItems", "code");
      ensureIndex(tx, "stockItems", "byAltKey", "altKeys", { unique: false, multiEntry: true });
      ensureStore(db, "storeSetups", "shopId");
      ensureStore(db, "linkedStores", "shopId");
      ensureStore(db, "fetchedOrders", "orderId");
      ensureIndex(tx, "fetchedOrders", "byShop", "shopId");
      ensureStore(db, "invoices", "docNo");
      // The unique sourceKey is what makes posting an order twice impossible.
      ensureIndex(tx, "invoices", "bySourceKey", "sourceKey", { unique: true });
      ensureIndex(tx, "invoices", "byOrder", "orderId");
      ensureStore(db, "journal", "docNo");
      ensureStore(db, "counters", "name");
      ensureStore(db, "knockOffs", ["paymentNo", "docNo"]);
      ensureIndex(tx, "knockOffs", "byDocNo", "docNo");

      await seed(tx, "accounts", DEFAULT_ACCOUNTS, (a) => a.code);
      await seed(tx, "customers", [DEFAULT_CUSTOMER], (c) => c.code);
      await seed(tx, "stockGroups", DEFAULT_STOCK_GROUPS, (g) => g.code);
      const items: StoredStockItem[] = DEFAULT_STOCK_ITEMS.map((i) => ({ ...i, altKeys: [] }));
      await seed(tx, "stockItems", items, (i) => i.code);
    },
  },
  {
    version: 2,
    description:
      "settings, locations, fetched products, credit notes, payments, refunds, document versions, runs, source rows",
    async apply(db, tx) {
      ensureStore(db, "settings", "key");
      ensureStore(db, "locations", "code");
      ensureStore(db, "fetchedProducts", "productId");
      ensureIndex(tx, "fetchedProducts", "byShop", "shopId");
      ensureStore(db, "creditNotes", "docNo");
      ensureIndex(tx, "creditNotes", "bySourceKey", "sourceKey", { unique: true });
      ensureIndex(tx, "creditNotes", "byOrder", "orderId");
      ensureIndex(tx, "creditNotes", "byInvoice", "invoiceNo");
      ensureStore(db, "payments", "docNo");
      ensureIndex(tx, "payments", "bySourceKey", "sourceKey", { unique: true });
      ensureStore(db, "refunds", "docNo");
      ensureIndex(tx, "refunds", "bySourceKey", "sourceKey", { unique: true });
      ensureStore(db, "documentVersions", ["docNo", "version"]);
      ensureStore(db, "runs", "runId");
      ensureStore(db, "sourceRows", "key");
      ensureIndex(tx, "sourceRows", "byRun", "runId");

      await seed(tx, "settings", DEFAULT_SETTINGS, (s) => s.key);
      await seed(tx, "locations", DEFAULT_LOCATIONS, (l) => l.code);
    },
  },
  {
    version: 3,
    description:
      "order marks (posted as IV-…, reversed by CN-…) moved off the fetched orders into a store of their own",
    async apply(db, tx) {
      ensureStore(db, "orderMarks", ["orderId", "kind"]);
      const marks = tx.objectStore("orderMarks");
      let cursor = await tx.objectStore("fetchedOrders").openCursor();
      while (cursor) {
        const { order, marks: moved } = splitOrderMarks(cursor.value as FetchedOrder);
        if (moved.length > 0) {
          // A mark already moved stays as it is.
          for (const mark of moved)
            if ((await marks.getKey([mark.orderId, mark.kind])) === undefined) await marks.add(mark);
          await cursor.update(order);
        }
        cursor = await cursor.continue();
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies migrations after `fromVersion` up to `toVersion`, then records the schema version. */
export async function runMigrations(
  db: LedgerDb,
  tx: UpgradeTransaction,
  fromVersion: number,
  toVersion: number = SCHEMA_VERSION,
): Promise<void> {
  for (const migration of MIGRATIONS) {
    if (migration.version > fromVersion && migration.version <= toVersion) await migration.apply(db, tx);
  }
  await tx.objectStore("meta").put({ key: "schema", version: Math.min(toVersion, SCHEMA_VERSION) });
}
