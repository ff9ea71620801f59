/**
 * WORKED-EXAMPLE §3–§6 as Malaysian "Order details" exports: the 2026-03-09 file (IV-00001's settlement)
 * and the 2026-03-16 file (its refund, a second order worth 100.00, two adjustments).
 */
import type { Sen } from "../../src/core/money/money";
import { orderSourceKey } from "../../src/core/posting/types";
import type { Ledger } from "../../src/ledger";
import { addProducts, plainInvoice, SHOP, WORKED_ORDER_ID, workedExampleOrder } from "./helpers";

export {
  myRow,
  csvOf,
  bytesOf,
  orderRow,
  adjustmentRow,
  WORKED_ORDER_ROW,
  WORKED_REFUND_ROW,
  LOGISTICS_ROW,
  DEDUCTION_ROW,
} from "../fixtures/worked-settlement-rows";
import { orderRow, WORKED_ORDER_ROW, WORKED_REFUND_ROW, LOGISTICS_ROW, DEDUCTION_ROW } from "../fixtures/worked-settlement-rows";

export const SECOND_ORDER_ID = "579912345678900100";

export const SECOND_ORDER_ROW = orderRow(SECOND_ORDER_ID, "2026/03/16", "100.00");

export const FILE_0309 = [WORKED_ORDER_ROW];
export const FILE_0316 = [WORKED_REFUND_ROW, SECOND_ORDER_ROW, LOGISTICS_ROW, DEDUCTION_ROW];

/** An order invoice of `total` sen posted straight through commit (a test double of a posted order). */
export async function postOrderInvoice(ledger: Ledger, orderId: string, total: number, date = "2026-03-02") {
  const draft = plainInvoice(orderSourceKey(SHOP, orderId), date, [{ itemCode: "TEE-BLK-M", amount: total }]);
  return ledger.commit({
    create: [
      {
        kind: "invoice",
        draft: {
          ...draft,
          orderId,
          reference: orderId,
          description: `TikTok order ${orderId}`,
          total: total as Sen,
        },
      },
    ],
  });
}

/** IV-00001 = the worked example's order (62.11), IV-00002 = the second order (100.00). */
export async function postWorkedInvoices(ledger: Ledger): Promise<void> {
  await addProducts(ledger);
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  const first = await ledger.postOrder(SHOP, WORKED_ORDER_ID);
  if (first.invoiceNo !== "IV-00001") throw new Error(`worked example posted as ${first.invoiceNo}`);
  await postOrderInvoice(ledger, SECOND_ORDER_ID, 10000);
}
