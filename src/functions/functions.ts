/**
 * Custom functions (namespace TIKTOK). The build appends `CustomFunctions.associate(...)` for each
 * function here, so they stay top-level named functions; the logic lives beside them.
 */
import { getSharedLedger } from "../ledger/shared";
import { streamOrderStatus } from "./order-status";

// Outside Excel without office.js (a plain browser offline) the appended associate calls need a target.
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/**
 * TikTok status of an order from the last fetch, e.g. DELIVERED.
 * @customfunction ORDERSTATUS
 * @param orderId Order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
// `string | number` makes the parameter type "any": Excel then passes a number cell as a number, which is refused.
export function orderStatus(orderId: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamOrderStatus(getSharedLedger, orderId, invocation);
}
