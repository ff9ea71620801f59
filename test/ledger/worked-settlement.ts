/**
 * WORKED-EXAMPLE §3–§6 as Malaysian "Order details" exports: the 2026-03-09 file (IV-00001's settlement)
 * and the 2026-03-16 file (its refund, a second order worth 100.00, two adjustments).
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { Sen } from "../../src/core/money/money";
import { orderSourceKey } from "../../src/core/posting/types";
import type { Ledger } from "../../src/ledger";
import { addProducts, plainInvoice, SHOP, WORKED_ORDER_ID, workedExampleOrder } from "./helpers";
import { settlementFixture } from "../fixtures/settlement-fixtures";

export const SECOND_ORDER_ID = "579912345678900100";

const HEADER = Papa.parse<string[]>(readFileSync(settlementFixture("my-basic.csv"), "utf8"), {
  preview: 1,
}).data[0];

/** One row of the export: the named cells, every other amount 0. */
export function myRow(cells: Record<string, string>): string[] {
  return HEADER.map((h) => cells[h] ?? (h === "Shopping center items" || h.includes("weight") ? "/" : "0"));
}

export function csvOf(rows: string[][]): string {
  return Papa.unparse([HEADER, ...rows], { newline: "\n" });
}

export const bytesOf = (rows: string[][]) => new TextEncoder().encode(csvOf(rows));

export const WORKED_ORDER_ROW = myRow({
  "Order/adjustment ID": WORKED_ORDER_ID,
  Type: "Order",
  "Order created time": "2026/03/01",
  "Order settled time": "2026/03/09",
  Currency: "MYR",
  "Total settlement amount": "53.49",
  "Total Revenue": "62.11",
  "Subtotal after seller discounts": "62.11",
  "Subtotal before discounts": "64.70",
  "Seller discounts": "-2.59",
  "Total Fees": "-8.62",
  "Transaction fee": "-1.28",
  "TikTok Shop commission fee": "-3.73",
  "Seller shipping fee": "0",
  "Actual shipping fee": "-4.90",
  "Platform shipping fee discount": "4.90",
  "Affiliate Commission": "-3.11",
  "Platform support fee": "-0.50",
  "Related order ID": WORKED_ORDER_ID,
  "Customer payment": "59.11",
  "Platform discounts": "3.00",
});

export const WORKED_REFUND_ROW = myRow({
  "Order/adjustment ID": WORKED_ORDER_ID,
  Type: "Order",
  "Order created time": "2026/03/01",
  "Order settled time": "2026/03/16",
  Currency: "MYR",
  "Total settlement amount": "-16.17",
  "Total Revenue": "-12.90",
  "Refund subtotal after seller discounts": "-12.90",
  "Refund subtotal before seller discounts": "-12.90",
  "Total Fees": "-3.27",
  "Transaction fee": "0.27",
  "TikTok Shop commission fee": "0.74",
  "Affiliate Commission": "0.62",
  "Seller shipping fee": "-4.90",
  "Actual return shipping fee": "-4.90",
  "Related order ID": WORKED_ORDER_ID,
});

export function orderRow(orderId: string, settled: string, amount: string): string[] {
  return myRow({
    "Order/adjustment ID": orderId,
    Type: "Order",
    "Order created time": "2026/03/02",
    "Order settled time": settled,
    Currency: "MYR",
    "Total settlement amount": amount,
    "Total Revenue": amount,
    "Subtotal after seller discounts": amount,
    "Subtotal before discounts": amount,
    "Total Fees": "0",
    "Related order ID": orderId,
  });
}

export function adjustmentRow(id: string, type: string, amount: string, settled = "2026/03/16"): string[] {
  return myRow({
    "Order/adjustment ID": id,
    Type: type,
    "Order created time": settled,
    "Order settled time": settled,
    Currency: "MYR",
    "Total settlement amount": amount,
    "Ajustment amount": amount,
    "Related order ID": "/",
  });
}

export const LOGISTICS_ROW = adjustmentRow("7453807974919513393", "Logistics reimbursement", "5.00");
export const DEDUCTION_ROW = adjustmentRow("7456993305593918533", "Deductions incurred by seller", "-2.00");
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
