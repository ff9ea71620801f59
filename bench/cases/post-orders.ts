/**
 * Post orders in Node: N fetched orders posted into the ledger on fake-indexeddb, in invoices per second,
 * against a raw IndexedDB bulk put of the same records in the same environment (bench/post-orders-core.ts).
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startSandbox } from "../../src/sandbox";
import type { Order } from "../../src/core/tiktok/types";
import { POST_CHUNK, postOrdersFigures, type PostOrdersFigures } from "../post-orders-core";
import { round, type BenchResult } from "../measure";

export async function sandboxOrders(count: number, days: number): Promise<{ shopId: string; orders: Order[] }> {
  const sandbox = await startSandbox({ orders: count, days, port: 0 });
  try {
    const shopId = sandbox.info.shops[0].id;
    return { shopId, orders: sandbox.orders(shopId) };
  } finally {
    await sandbox.close();
  }
}

/**
 * Rounds of one environment as a result row: invoices per second and the ratio to the raw put, from the
 * round with the median ratio (each round a fresh database; the machine is shared and noisy).
 */
export function postOrdersResult(name: string, environment: string, rounds: PostOrdersFigures[]): BenchResult {
  const ratioOf = (f: PostOrdersFigures) => f.rawPutMs / f.postMs;
  const sorted = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b));
  const f = sorted[Math.floor((sorted.length - 1) / 2)];
  const rate = f.invoices / (f.postMs / 1000);
  const rawRate = f.invoices / (f.rawPutMs / 1000);
  return {
    case: name,
    figure: `invoices per second (${environment})`,
    value: round(rate, 1),
    baseline: { figure: "raw bulk put of the same records, per second", value: round(rawRate, 1) },
    ratio: round(rate / rawRate, 3),
    target: "ratio ≥ 0.5",
    met: rate / rawRate >= 0.5,
    details: {
      orders: f.orders,
      invoices: f.invoices,
      postMs: round(f.postMs),
      rawPutMs: round(f.rawPutMs),
      rawRecords: f.rawRecords,
      postOrdersCalls: Math.ceil(f.orders / POST_CHUNK),
      readwriteTransactions: f.transactions,
      ratiosOfRounds: rounds.map((r) => round(ratioOf(r), 3)),
    },
  };
}

export async function benchPostOrders({ shopId, orders }: { shopId: string; orders: Order[] }, rounds: number): Promise<BenchResult> {
  const figures: PostOrdersFigures[] = [];
  for (let r = 0; r < rounds; r++) figures.push(await postOrdersFigures(new IDBFactory(), `bench-${r}`, shopId, orders));
  return postOrdersResult("post-orders-node", "fake-indexeddb", figures);
}
