/**
 * Post orders, the same in Node (fake-indexeddb) and in a browser page (real IndexedDB): N fetched orders
 * posted with ledger.postOrders, against a raw bulk put of the very records posting wrote (invoices,
 * journals, each order's mark of its invoice) into a fresh database of the same factory, whose stores
 * have the key paths and indexes of the ledger's (the indexes are written with every record), put with
 * bare requests in one transaction. Each timed step starts on a collected heap when the environment
 * offers gc (Chromium's page does), so neither is charged with the other's garbage.
 */
import { unwrap, wrap, type IDBPDatabase } from "idb";
import { openLedger, type Ledger } from "../src/ledger";
import { itemCodeFromSellerSku } from "../src/core/sheets/product-sheets";
import type { Order } from "../src/core/tiktok/types";

/** Orders per ledger.postOrders call, as the Orders flow posts the ticked rows. */
export const POST_CHUNK = 200;

export interface PostOrdersFigures {
  orders: number;
  invoices: number;
  postMs: number;
  rawPutMs: number;
  /** Records the raw put wrote: invoices + journals + order marks. */
  rawRecords: number;
  transactions: number;
}

/** Stock items for the orders' seller SKUs, each SKU ID mapped to its item, the orders saved as fetched. */
export async function readyLedger(factory: IDBFactory, name: string, shopId: string, orders: Order[]): Promise<Ledger> {
  const ledger = await openLedger({ factory, name });
  const codes = new Set((await ledger.listStockItems()).map((i) => i.code));
  const mapped = new Set<string>();
  for (const order of orders) {
    for (const item of order.line_items) {
      if (mapped.has(item.sku_id)) continue;
      mapped.add(item.sku_id);
      const code = itemCodeFromSellerSku(item.seller_sku) ?? `SKU-${item.sku_id}`;
      if (!codes.has(code)) {
        codes.add(code);
        await ledger.putStockItem({ code, description: item.product_name, group: "TIKTOK", salesAccount: "500-000", isFee: false, altCodes: [] });
      }
      await ledger.mapSku(shopId, item.sku_id, item.seller_sku, code);
    }
  }
  await ledger.saveFetchedOrders(shopId, orders);
  return ledger;
}

const RAW_STORES = ["invoices", "journal", "orderMarks"] as const;

interface StoreShape {
  name: string;
  keyPath: string | string[];
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

function openRaw(factory: IDBFactory, name: string, shapes: StoreShape[]): Promise<IDBPDatabase> {
  const request = factory.open(name, 1);
  request.addEventListener("upgradeneeded", () => {
    const db = request.result;
    for (const shape of shapes) {
      const store = db.createObjectStore(shape.name, { keyPath: shape.keyPath });
      for (const index of shape.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
    }
  });
  return wrap(request) as Promise<IDBPDatabase>;
}

/** The order marks as the ledger stored them, and the ledger's key paths and indexes of the raw stores. */
async function storedOrderMarks(factory: IDBFactory, name: string): Promise<{ marks: unknown[]; shapes: StoreShape[] }> {
  const db = (await wrap(factory.open(name))) as IDBPDatabase;
  try {
    const tx = unwrap(db).transaction([...RAW_STORES]);
    const shapes = RAW_STORES.map((storeName) => {
      const store = tx.objectStore(storeName);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      });
      return { name: storeName, keyPath: store.keyPath as string | string[], indexes };
    });
    return { marks: await db.getAll("orderMarks"), shapes };
  } finally {
    db.close();
  }
}

/** A collection before a timed step, where the environment offers one. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Counts the readwrite transactions opened while `work` runs (IDBDatabase of this environment). */
async function countingTransactions<T>(work: () => Promise<T>): Promise<{ result: T; transactions: number }> {
  const proto = (globalThis as { IDBDatabase?: { prototype: IDBDatabase } }).IDBDatabase?.prototype;
  const original = proto?.transaction;
  let transactions = 0;
  if (proto && original)
    proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase["transaction"]>) {
      if (args[1] === "readwrite") transactions++;
      return original.apply(this, args);
    };
  try {
    return { result: await work(), transactions };
  } finally {
    if (proto && original) proto.transaction = original;
  }
}

export async function postOrdersFigures(factory: IDBFactory, name: string, shopId: string, orders: Order[]): Promise<PostOrdersFigures> {
  const ledger = await readyLedger(factory, name, shopId, orders);

  collect();
  const start = performance.now();
  const { result: results, transactions } = await countingTransactions(async () => {
    const all = [];
    for (let start = 0; start < orders.length; start += POST_CHUNK)
      all.push(...(await ledger.postOrders(shopId, orders.slice(start, start + POST_CHUNK).map((o) => ({ orderId: o.id })))));
    return all;
  });
  const postMs = performance.now() - start;
  const invoices = results.filter((r) => r.status === "Success").length;

  const posted = await ledger.listInvoices();
  const journals = await Promise.all(posted.map((i) => ledger.getJournal(i.docNo)));
  ledger.close();
  const { marks, shapes } = await storedOrderMarks(factory, name);

  const raw = await openRaw(factory, `${name}-raw`, shapes);
  collect();
  const rawStart = performance.now();
  const tx = unwrap(raw).transaction([...RAW_STORES], "readwrite");
  const written = new Promise<void>((resolve, reject) => {
    tx.addEventListener("complete", () => resolve());
    tx.addEventListener("abort", () => reject(tx.error ?? new Error("The raw put was aborted.")));
  });
  const [invoiceStore, journalStore, markStore] = RAW_STORES.map((s) => tx.objectStore(s));
  for (const invoice of posted) invoiceStore.put(invoice);
  for (const entry of journals) if (entry) journalStore.put(entry);
  for (const mark of marks) markStore.put(mark);
  await written;
  const rawPutMs = performance.now() - rawStart;
  raw.close();

  return {
    orders: orders.length,
    invoices,
    postMs,
    rawPutMs,
    rawRecords: posted.length + journals.filter(Boolean).length + marks.length,
    transactions,
  };
}
