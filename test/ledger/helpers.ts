import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IDBFactory } from "fake-indexeddb";
import type { Sen } from "../../src/core/money/money";
import type { Order } from "../../src/core/tiktok/types";
import { openLedger, type Ledger } from "../../src/ledger";

export const SHOP = "7494049642642441621";
export const OTHER_SHOP = "7494049642642449999";
export const NOW = "2026-03-02T09:00:00.000Z";
export const TEE_SKU = "1729384756102938471";
export const CAP_SKU = "1729384756102938472";
export const WORKED_ORDER_ID = "579912345678901234";

export function workedExampleOrder(): Order {
  const file = join(__dirname, "..", "core", "posting", "golden", "worked-example.order.json");
  return JSON.parse(readFileSync(file, "utf8")) as Order;
}

/** The worked example's order under another ID, created `hoursLater` hours after it. */
export function orderLike(orderId: string, hoursLater = 0): Order {
  const order = workedExampleOrder();
  return {
    ...order,
    id: orderId,
    create_time: order.create_time + hoursLater * 3600,
    line_items: order.line_items.map((li, i) => ({ ...li, id: `${orderId}${i}` })),
  };
}

export interface TestLedger {
  ledger: Ledger;
  factory: IDBFactory;
}

/** A fresh IndexedDB and a fixed clock for every test. */
export async function freshLedger(): Promise<TestLedger> {
  const factory = new IDBFactory();
  const ledger = await openLedger({ factory, now: () => NOW });
  return { ledger, factory };
}

/** The seller's own products of the worked example, as stock items whose codes are the seller SKUs. */
export async function addProducts(ledger: Ledger, codes: string[] = ["TEE-BLK-M", "CAP-RED"]): Promise<void> {
  for (const code of codes) {
    await ledger.putStockItem({
      code,
      description: code,
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
  }
}

/** Lines of a document as plain values: item, amount, account. */
export function lineSummary(
  lines: { itemCode: string; amount: number; account?: string }[],
): [string, number, string?][] {
  return lines.map((l) => [l.itemCode, l.amount, l.account]);
}

/** An invoice draft that does not come from an order (a test double of another source). */
export function plainInvoice(
  sourceKey: string,
  date: string,
  lines: { itemCode: string; amount: number; description?: string }[],
) {
  const full = lines.map((l) => ({
    itemCode: l.itemCode,
    description: l.description ?? l.itemCode,
    quantity: 1,
    unitPrice: l.amount as Sen,
    amount: l.amount as Sen,
  }));
  return {
    sourceKey,
    shopId: SHOP,
    orderId: "",
    date,
    customerCode: "300-T0001",
    location: "ECOMMERCE",
    reference: sourceKey,
    description: sourceKey,
    currency: "MYR",
    lines: full,
    total: full.reduce((a, l) => a + l.amount, 0) as Sen,
  };
}

export function paymentDraft(sourceKey: string, date: string, amount: number) {
  return {
    sourceKey,
    shopId: SHOP,
    date,
    customerCode: "300-T0001",
    paymentAccount: "310-TTS",
    reference: sourceKey,
    description: `TikTok settlement ${date}`,
    currency: "MYR",
    amount: amount as Sen,
  };
}
