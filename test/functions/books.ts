/** A small set of books on fake-indexeddb for the functions' tests: the worked example's order, posted or not. */
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IDBFactory } from "fake-indexeddb";
import type { Order } from "../../src/core/tiktok/types";
import { openLedger, type Ledger } from "../../src/ledger";

export const SHOP = "7494049642642441621";
export const TEE_SKU = "1729384756102938471";
export const POSTED = "579912345678901234";
export const FETCHED = "579912345678905555";
export const UNKNOWN = "579912345678909999";

export function workedExampleOrder(orderId = POSTED): Order {
  const file = join(__dirname, "..", "core", "posting", "golden", "worked-example.order.json");
  const order = JSON.parse(readFileSync(file, "utf8")) as Order;
  return {
    ...order,
    id: orderId,
    line_items: order.line_items.map((li, i) => ({ ...li, id: `${orderId}${i}` })),
  };
}

export interface Books {
  ledger: Ledger;
  factory: IDBFactory;
  name: string;
}

/** The worked example's order posted as IV-00001 (62.11), and a second order fetched but not posted. */
export async function booksWithOnePostedOrder(): Promise<Books> {
  const factory = new IDBFactory();
  const name = "shopbooks";
  const ledger = await openLedger({ factory, name, now: () => "2026-03-08T04:00:00.000Z" });
  for (const code of ["TEE-BLK-M", "CAP-RED"]) {
    await ledger.putStockItem({
      code,
      description: code,
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
  }
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(POSTED), workedExampleOrder(FETCHED)]);
  const result = await ledger.postOrder(SHOP, POSTED);
  if (result.status !== "Success")
    throw new Error(`The worked example did not post: ${JSON.stringify(result)}`);
  return { ledger, factory, name };
}

/** Records a payment's knock-off of a document straight in the store, as a payment run would. */
export async function knockOff(
  books: Books,
  docNo: string,
  amount: number,
  paymentNo = "OR-00001",
  payerKind?: string,
): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = books.factory.open(books.name); // the ledger's current version
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction("knockOffs", "readwrite");
    tx.objectStore("knockOffs").put({
      paymentNo,
      docNo,
      date: "2026-03-10",
      amount,
      ...(payerKind ? { payerKind } : {}),
    });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
