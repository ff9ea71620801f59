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

/** Statuses in which TikTok lets a seller cancel an order: before its parcel ships. */
export const SELLER_CANCELLABLE = ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION"] as const;

export class CancelRefusedError extends Error {
  readonly code = "SANDBOX_CANCEL";
}

/**
 * The seller cancels an order at `at` (epoch seconds), as Seller Center's "Cancel order" does: the order
 * turns CANCELLED with its cancel time, reason and initiator, every line item with it, and a cancellation
 * record appears. IDs derive from the order's, so the same cancellation gives the same records.
 */
export function cancelOrder(orders: readonly SandboxOrder[], records: CancellationRecord[], orderId: string, at: number, reason = "Out of stock"): SandboxOrder {
  const order = orders.find((o) => o.id === orderId);
  if (!order) throw new CancelRefusedError(`There is no order ${orderId} in this shop: GET /sandbox/info lists the shops, and order search lists their orders.`);
  if (!(SELLER_CANCELLABLE as readonly string[]).includes(order.status)) {
    throw new CancelRefusedError(`Order ${orderId} is ${order.status}: a seller can cancel an order only before its parcel ships (${SELLER_CANCELLABLE.join(", ")}).`);
  }
  order.status = "CANCELLED";
  order.update_time = at;
  order.cancel_time = at;
  order.cancel_reason = reason;
  order.cancellation_initiator = "SELLER";
  for (const line of order.line_items) {
    line.display_status = "CANCELLED";
    line.package_status = "CANCELLED";
    line.cancel_user = "SELLER";
    line.cancel_reason = reason;
  }
  const suffix = orderId.slice(-16);
  records.push({
    cancelId: `40${suffix}0`,
    orderId,
    cancelType: "CANCEL",
    role: "SELLER",
    reason,
    createTime: at,
    updateTime: at,
    buyerUserId: order.user_id,
    paid: order.paid_time !== undefined,
    order,
    lines: order.line_items.map((line, i) => ({ cancelLineItemId: `4${String(i + 1).padStart(2, "0")}${suffix}`, line })),
  });
  return order;
}
