/**
 * The Payment tab's sheet ("TikTok Settlement": one row per settlement row, with its invoice, status and
 * payment) and the payment book sheets ("Customer Payments", "Payment Knock-offs").
 * Amounts are written in major units for Excel only.
 */
import { byDocNo, compareDocNos } from "../posting/doc-no";
import { sen, toMajor, type Sen } from "../money/money";
import {
  DOCUMENT_NAME,
  type CustomerPayment,
  type CustomerRefund,
  type DocumentKind,
} from "../posting/types";
import type { SettlementRow } from "../settlement/types";
import type { CellValue, ColumnSpec, SheetTable } from "./table";

export const SETTLEMENT_SHEET = "TikTok Settlement";
export const CUSTOMER_PAYMENTS_SHEET = "Customer Payments";
export const PAYMENT_KNOCK_OFFS_SHEET = "Payment Knock-offs";

export const SETTLEMENT_COLUMNS: ColumnSpec[] = [
  { name: "Order/Adjustment ID", kind: "id" },
  { name: "Type", kind: "text" },
  { name: "Settled Date", kind: "date" },
  { name: "Settlement Amount", kind: "amount" },
  { name: "Revenue", kind: "amount" },
  { name: "Fees", kind: "amount" },
  { name: "Adjustment", kind: "amount" },
  { name: "Related Order ID", kind: "id" },
  { name: "Invoice No", kind: "id" },
  { name: "Status", kind: "status" },
  { name: "Payment No", kind: "id" },
];

/** A settlement row as the sheet shows it: "" (to post), "Posted", "Missing invoice", "Broken – <column>". */
export interface SettlementSheetRow {
  row: SettlementRow;
  invoiceNo: string | null;
  status: string;
  paymentNo: string | null;
}

export function settlementTable(rows: readonly SettlementSheetRow[], digits = 2): SheetTable {
  return {
    columns: SETTLEMENT_COLUMNS,
    rows: rows.map(({ row, invoiceNo, status, paymentNo }): CellValue[] => [
      row.id,
      row.type,
      row.settledDate,
      toMajor(row.settlementAmount, digits),
      toMajor(row.revenue, digits),
      toMajor(row.fees, digits),
      toMajor(row.adjustment, digits),
      row.relatedOrderId ?? "",
      invoiceNo ?? "",
      status,
      paymentNo ?? "",
    ]),
  };
}

export const CUSTOMER_PAYMENT_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Customer", kind: "text" },
  { name: "Type", kind: "text" },
  { name: "Description", kind: "text" },
  { name: "Payment Account", kind: "id" },
  { name: "Amount", kind: "amount" },
  { name: "Knocked Off", kind: "amount" },
  { name: "Unapplied", kind: "amount" },
  { name: "Run", kind: "id" },
];

export const PAYMENT_KNOCK_OFF_COLUMNS: ColumnSpec[] = [
  { name: "Payment No", kind: "id" },
  { name: "Date", kind: "date" },
  { name: "Paid By", kind: "text" },
  { name: "Doc No", kind: "id" },
  { name: "Doc Type", kind: "text" },
  { name: "Order ID", kind: "id" },
  { name: "Amount", kind: "amount" },
];

/** Payments (OR-…) then refunds (RF-…); `openOf` gives what each has not yet applied or paid out. */
export function customerPaymentsTable(
  payments: readonly CustomerPayment[],
  refunds: readonly CustomerRefund[],
  openOf: (docNo: string) => Sen,
): SheetTable {
  const row = (doc: CustomerPayment, type: string): CellValue[] => {
    const open = openOf(doc.docNo);
    return [
      doc.docNo,
      doc.date,
      doc.customerCode,
      type,
      doc.description,
      doc.paymentAccount,
      toMajor(doc.amount),
      toMajor(sen(doc.amount - open)),
      toMajor(open),
      doc.runId ?? "",
    ];
  };
  return {
    columns: CUSTOMER_PAYMENT_COLUMNS,
    rows: [
      ...[...payments].sort(byDocNo).map((p) => row(p, "Payment")),
      ...[...refunds].sort(byDocNo).map((r) => row(r, "Refund")),
    ],
  };
}

export interface KnockOffEntry {
  paymentNo: string;
  payerKind: DocumentKind;
  docNo: string;
  docKind: DocumentKind;
  date: string;
  amount: Sen;
  orderId?: string;
}

/** Every knock-off: a payment paying an invoice or using a credit note, a credit note applied, a credit paid out. */
export function paymentKnockOffsTable(entries: readonly KnockOffEntry[]): SheetTable {
  const rows = [...entries]
    .sort((a, b) => compareDocNos(a.paymentNo, b.paymentNo) || compareDocNos(a.docNo, b.docNo))
    .map((k): CellValue[] => [
      k.paymentNo,
      k.date,
      DOCUMENT_NAME[k.payerKind],
      k.docNo,
      DOCUMENT_NAME[k.docKind],
      k.orderId ?? "",
      toMajor(k.amount),
    ]);
  return { columns: PAYMENT_KNOCK_OFF_COLUMNS, rows };
}
