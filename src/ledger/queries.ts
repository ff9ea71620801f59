/** Outstanding amounts of documents, from their amounts and knock-offs. Plain functions over records. */
import { sen } from "../core/money/money";
import { DOCUMENT_PREFIX, type DocumentKind } from "../core/posting/types";
import type { Customer, CustomerOutstanding, KnockOff, OutstandingDocument } from "./types";

export function kindOfDocNo(docNo: string): DocumentKind | undefined {
  const prefix = docNo.split("-")[0];
  return (Object.keys(DOCUMENT_PREFIX) as DocumentKind[]).find((k) => DOCUMENT_PREFIX[k] === prefix);
}

const total = (list: KnockOff[]) => list.reduce((a, k) => a + k.amount, 0);
const targetKind = (k: KnockOff) => k.docKind ?? kindOfDocNo(k.docNo);

/**
 * What is left to knock off on a document, from the knock-offs it makes (`paying`) and receives (`paid`).
 * A payment that uses up a credit note has that much more to apply to invoices.
 */
export function openAmount(kind: DocumentKind, amount: number, paying: KnockOff[], paid: KnockOff[]): number {
  switch (kind) {
    case "invoice":
      return amount - total(paid);
    case "creditNote":
      return amount - total(paid) - total(paying);
    case "payment":
      return (
        amount -
        total(paying.filter((k) => targetKind(k) !== "creditNote")) +
        total(paying.filter((k) => targetKind(k) === "creditNote"))
      );
    case "refund":
      return amount - total(paying);
  }
}

/** How an open amount counts in AR: invoices and refunds are owed by the customer, credits and payments to it. */
export function arSign(kind: DocumentKind): 1 | -1 {
  return kind === "invoice" || kind === "refund" ? 1 : -1;
}

export interface DocumentSummary {
  kind: DocumentKind;
  docNo: string;
  date: string;
  customerCode: string;
  orderId?: string;
  description: string;
  amount: number;
}

export function outstandingDocuments(
  documents: DocumentSummary[],
  knockOffs: KnockOff[],
): OutstandingDocument[] {
  const paying = new Map<string, KnockOff[]>();
  const paid = new Map<string, KnockOff[]>();
  const add = (by: Map<string, KnockOff[]>, docNo: string, k: KnockOff) => {
    const list = by.get(docNo);
    if (list) list.push(k);
    else by.set(docNo, [k]);
  };
  for (const k of knockOffs) {
    add(paying, k.paymentNo, k);
    add(paid, k.docNo, k);
  }
  return documents.map((d) => {
    const open = openAmount(d.kind, d.amount, paying.get(d.docNo) ?? [], paid.get(d.docNo) ?? []);
    return {
      kind: d.kind,
      docNo: d.docNo,
      date: d.date,
      customerCode: d.customerCode,
      ...(d.orderId ? { orderId: d.orderId } : {}),
      description: d.description,
      amount: sen(d.amount),
      open: sen(open),
      balance: sen(open * arSign(d.kind)),
    };
  });
}

export function customerBalances(
  documents: OutstandingDocument[],
  customers: Customer[],
): CustomerOutstanding[] {
  const names = new Map(customers.map((c) => [c.code, c.name]));
  const byCustomer = new Map<string, { balance: number; documents: number }>();
  for (const d of documents) {
    const entry = byCustomer.get(d.customerCode) ?? { balance: 0, documents: 0 };
    entry.balance += d.balance;
    if (d.open !== 0) entry.documents += 1;
    byCustomer.set(d.customerCode, entry);
  }
  return [...byCustomer]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerCode, e]) => ({
      customerCode,
      name: names.get(customerCode) ?? "",
      balance: sen(e.balance),
      documents: e.documents,
    }));
}
