/**
 * Cancellation records behind the seeded CANCELLED orders, as /return_refund/202309/cancellations/search
 * returns them: who cancelled, why, when, and what was refunded (nothing when the order was never paid).
 */
import type { IdAllocator, Random } from "../random";
import type { SandboxLineItem, SandboxOrder } from "./orders";

const MINUTE = 60;

export interface CancellationRecord {
  cancelId: string;
  orderId: string;
  cancelType: "CANCEL" | "BUYER_CANCEL";
  role: "BUYER" | "SELLER" | "SYSTEM";
  reason: string;
  createTime: number;
  updateTime: number;
  buyerUserId: string;
  paid: boolean;
  order: SandboxOrder;
  lines: { cancelLineItemId: string; line: SandboxLineItem }[];
}

export function generateCancellations(random: Random, ids: IdAllocator, orders: readonly SandboxOrder[]): CancellationRecord[] {
  const records: CancellationRecord[] = [];
  for (const order of orders) {
    if (order.status !== "CANCELLED" || order.cancel_time === undefined) continue;
    const role = (order.cancellation_initiator ?? "SYSTEM") as CancellationRecord["role"];
    // A buyer asks first and the cancellation completes later; seller and system cancel at once.
    const asked = role === "BUYER" ? Math.max(order.create_time, order.cancel_time - random.int(5 * MINUTE, 6 * 60 * MINUTE)) : order.cancel_time;
    records.push({
      cancelId: ids.next("40", 19),
      orderId: order.id,
      cancelType: role === "BUYER" ? "BUYER_CANCEL" : "CANCEL",
      role,
      reason: order.cancel_reason ?? "",
      createTime: asked,
      updateTime: order.cancel_time,
      buyerUserId: order.user_id,
      paid: order.paid_time !== undefined,
      order,
      lines: order.line_items.map((line) => ({ cancelLineItemId: ids.next("40", 19), line })),
    });
  }
  return records.sort((a, b) => a.createTime - b.createTime || (a.cancelId < b.cancelId ? -1 : 1));
}
