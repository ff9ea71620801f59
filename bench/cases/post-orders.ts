/**
 * Post orders: N fetched orders posted into the ledger (fake-indexeddb in Node), in invoices per second,
 * against a raw IndexedDB bulk put of the same invoice and journal records in the same environment.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { openDB } from "idb";
import { openLedger } from "../../src/ledger";
import { itemCodeFromSellerSku } from "../../src/core/sheets/product-sheets";
import { startSandbox } from "../../src/sandbox";
import type { Order } from "../../src/core/tiktok/types";
import { round, timed, type BenchResult } from "../measure";

export async function sandboxOrders(count: number, days: number): Promise<{ shopId: string; orders: Order[] }> {
  const sandbox = await startSandbox({ orders: count, days, port: 0 });
  try {
    const shopId = sandbox.info.shops[0].id;
    return { shopId, orders: sandbox.orders(shopId) };
  } finally {
    await sandbox.close();
  }
}

export async function benchPostOrders(count: number): Promise<BenchResult> {
  const { shopId, orders } = await sandboxOrders(count, 30);
  const factory = new IDBFactory();
  const ledger = await openLedger({ factory, name: "bench" });
  const mapped = new Set<string>();
  for (const order of orders) {
    for (const item of order.line_items) {
      if (mapped.has(item.sku_id)) continue;
      mapped.add(item.sku_id);
      const code = itemCodeFromSellerSku(item.seller_sku) ?? `SKU-${item.sku_id}`;
      if (!(await ledger.listStockItems()).some((i) => i.code === code)) {
        await ledger.putStockItem({ code, description: item.product_name, group: "TIKTOK", salesAccount: "500-000", isFee: false, altCodes: [] });
      }
      await ledger.mapSku(shopId, item.sku_id, item.seller_sku, code);
    }
  }
  await ledger.saveFetchedOrders(shopId, orders);

  const posting = await timed(async () => {
    let success = 0;
    for (const r of await ledger.postOrders(shopId, orders.map((o) => ({ orderId: o.id })))) if (r.status === "Success") success++;
    return success;
  });
  const invoices = await ledger.listInvoices();
  const journals = await Promise.all(invoices.map((i) => ledger.getJournal(i.docNo)));
  // Posting also marks each fetched order with its invoice: the baseline writes those records too.
  const invoiced = new Set(invoices.map((i) => i.orderId));
  const marked = (await ledger.listFetchedOrders(shopId)).filter((f) => invoiced.has(f.orderId));
  ledger.close();

  const raw = await openDB(`raw-${Date.now()}`, 1, {
    upgrade(db) {
      db.createObjectStore("invoices", { keyPath: "docNo" }).createIndex("bySourceKey", "sourceKey", { unique: true });
      db.createObjectStore("journal", { keyPath: "docNo" });
      db.createObjectStore("fetchedOrders", { keyPath: "orderId" });
    },
  });
  const bulk = await timed(async () => {
    const tx = raw.transaction(["invoices", "journal", "fetchedOrders"], "readwrite");
    for (const invoice of invoices) void tx.objectStore("invoices").put(invoice);
    for (const entry of journals) if (entry) void tx.objectStore("journal").put(entry);
    for (const order of marked) void tx.objectStore("fetchedOrders").put(order);
    await tx.done;
  });
  raw.close();

  const rate = posting.result / (posting.ms / 1000);
  const rawRate = invoices.length / (bulk.ms / 1000);
  return {
    case: "post-orders-node",
    figure: "invoices per second (fake-indexeddb)",
    value: round(rate, 1),
    baseline: { figure: "raw bulk put of the same records, per second", value: round(rawRate, 1) },
    ratio: round(rate / rawRate, 3),
    target: "ratio ≥ 0.5",
    met: rate / rawRate >= 0.5,
    details: { orders: orders.length, invoices: posting.result, postMs: round(posting.ms), rawPutMs: round(bulk.ms) },
  };
}
