/** What the ledger keeps besides documents. Plain data only: no Date objects, money in Sen. */
import type { Sen } from "../core/money/money";
import type {
  CreditNoteDraft,
  DocumentKind,
  InvoiceDraft,
  InvoiceLine,
  JournalEntry,
  PaymentDraft,
  Problem,
} from "../core/posting/types";
import type { PostAction } from "../core/sheets/order-sheets";
import type { FeeMapOverrides } from "../core/posting/fee-map";
import type { Order, Product } from "../core/tiktok/types";

export type AccountType = "asset" | "liability" | "equity" | "income" | "expense";

export interface Account {
  code: string;
  name: string;
  type: AccountType;
}

export interface Customer {
  code: string;
  name: string;
  arAccount: string;
}

export interface StockGroup {
  code: string;
  description: string;
  salesAccount: string;
  returnsAccount?: string;
}

/** An alternative code of a stock item: a store's SKU ID (or, without one, its seller SKU). */
export interface AltCode {
  shopId: string;
  skuId?: string;
  sellerSku?: string;
}

export interface Location {
  code: string;
  description: string;
}

export interface StockItem {
  code: string;
  description: string;
  group: string;
  salesAccount: string;
  /** Account of returned goods (credit notes); Sales Returns when absent. */
  returnsAccount?: string;
  isFee: boolean;
  altCodes: AltCode[];
}

export interface FeeItems {
  shipping: string;
  transaction: string;
  commission: string;
  affiliate: string;
  service: string;
  adjustment: string;
  returns: string;
}

/** A store's mapping codes (the guide's "Configure E-Commerce Setting"). */
export interface StoreSetup {
  customerCode: string;
  paymentAccount: string;
  location: string;
  discountItem: string;
  voucherItem: string;
  /** Order status → Post or Skip. */
  postActions: Record<string, PostAction>;
  feeItems?: FeeItems;
  /**
   * Changes to the default fee map (settlement fee column → bucket); each bucket's item code is in
   * feeItems. See feeMapOf. Columns the map does not know go to "Other fees" with a warning.
   */
  feeMap?: FeeMapOverrides;
  /** The store's zone in minutes east of UTC (Asia/Kuala_Lumpur: 480). */
  utcOffsetMinutes?: number;
}

export interface LinkedStore {
  shopId: string;
  description: string;
  platform: "TikTok Shop";
  region: string;
  shopName: string;
  shopCipher: string;
  sellerName: string;
  accessToken: string;
  /** Unix seconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  /** ISO instant. */
  linkedAt: string;
  status: "Linked" | "Relink needed";
}

/** A fetched order with what posting left on it (its OrderMark). */
export interface FetchedOrder {
  orderId: string;
  shopId: string;
  status: string;
  order: Order;
  /** ISO instant of the fetch. */
  fetchedAt: string;
  postStatus?: "Posted";
  invoiceNo?: string;
  /** The credit note that reversed the invoice after TikTok cancelled the order. */
  creditNoteNo?: string;
}

/**
 * What a posted document leaves on its order: the order's invoice, or the credit note that reversed it.
 * Kept apart from the fetched order, one record per document: posting writes this small record instead of
 * rewriting the whole order, and a refetch replaces the order without touching it.
 */
export interface OrderMark {
  orderId: string;
  kind: "invoice" | "creditNote";
  docNo: string;
}

/** A product as last fetched from a store. */
export interface FetchedProduct {
  productId: string;
  shopId: string;
  product: Product;
  fetchedAt: string;
}

export type PostStatus = "Success" | "Posted" | "Failed";

export interface PostOrderResult {
  orderId: string;
  status: PostStatus;
  invoiceNo?: string;
  /** Set when the post reversed a cancelled order's invoice (or found it reversed). */
  creditNoteNo?: string;
  /** For Failed: 'Missing Item Code', 'Missing Dataset Property', 'Unknown Item Code', or a sentence. */
  reason?: string;
  problems: Problem[];
}

/** One order of a postOrders call, with the item codes picked for it in "TikTok Order Lines". */
export interface OrderToPost {
  orderId: string;
  itemCodes?: Record<string, string>;
}

export interface PostOrderOptions {
  /** Item codes picked in "TikTok Order Lines", by SKU ID; they win over the stored mapping. */
  itemCodes?: Record<string, string>;
  runId?: string;
}

/**
 * Part of one document applied to another. `paymentNo` is the paying document: a customer payment
 * knocking off an invoice or using up a credit note, a credit note knocking off an invoice, or a refund
 * paying out a credit note. `docNo` is the document knocked off. The amount is positive.
 */
export interface KnockOff {
  paymentNo: string;
  docNo: string;
  date: string;
  amount: Sen;
  payerKind?: DocumentKind;
  docKind?: DocumentKind;
  runId?: string;
}

/** A posted document of any kind, as the outstanding queries see it. */
export interface OutstandingDocument {
  kind: DocumentKind;
  docNo: string;
  date: string;
  customerCode: string;
  orderId?: string;
  description: string;
  /** Invoice total, credit note total, payment or refund amount. */
  amount: Sen;
  /** What is left to knock off, always ≥ 0: unpaid invoice, unused credit, unapplied payment or refund. */
  open: Sen;
  /** The open amount as it counts in AR: invoices and refunds positive, credit notes and payments negative. */
  balance: Sen;
}

export interface CustomerOutstanding {
  customerCode: string;
  name: string;
  /** Σ balance of the customer's documents; equals the customer's share of the AR control account. */
  balance: Sen;
  documents: number;
}

/** An earlier version of a document, kept when a run edits it or a user deletes it. */
export interface DocumentVersion {
  docNo: string;
  version: number;
  kind: DocumentKind;
  document: unknown;
  journal?: JournalEntry;
  /** The run whose edit replaced this version. */
  replacedByRun?: string;
  /** ISO instant: the document was deleted (this was its last version). */
  deletedAt?: string;
}

export interface RunDocument {
  kind: DocumentKind;
  docNo: string;
}

export interface RunEdit {
  kind: "invoice";
  docNo: string;
  fromVersion: number;
  toVersion: number;
}

/** What one Post run created or edited, so that it can be reverted as one. */
export interface LedgerRun {
  runId: string;
  kind: "orders" | "payment" | "revert" | string;
  shopId?: string;
  description: string;
  startedAt: string;
  created: RunDocument[];
  edited: RunEdit[];
  knockOffs: { paymentNo: string; docNo: string }[];
  /** Source rows (settlement rows) the run consumed; reverting frees them. */
  sourceRows: string[];
  revertedAt?: string;
}

export interface NewRun {
  kind: LedgerRun["kind"];
  shopId?: string;
  description: string;
}

/** A document to create in a batch; `ref` lets knock-offs of the same batch point at it. */
export type NewDocument =
  | { kind: "invoice"; ref?: string; draft: InvoiceDraft }
  | { kind: "creditNote"; ref?: string; draft: CreditNoteDraft }
  | { kind: "payment"; ref?: string; draft: PaymentDraft }
  | { kind: "refund"; ref?: string; draft: PaymentDraft };

/** An existing document (`docNo`) or one created in the same batch (`ref`). */
export type DocumentRef = { docNo: string } | { ref: string };

/** A new version of an invoice: its lines replaced (a payment run appends fee lines); the total follows. */
export interface InvoiceEdit {
  docNo: string;
  /** The version the edit was computed from; another version in the books refuses the batch. */
  expectedVersion: number;
  lines: InvoiceLine[];
}

export interface KnockOffRequest {
  payer: DocumentRef;
  target: DocumentRef;
  amount: Sen;
}

/**
 * Everything one transaction writes: documents created (numbered inside the transaction), invoices
 * edited as new versions, knock-offs between them, and source rows consumed. Every journal is built and
 * balance-checked before the transaction starts; inside it, versions, knock-off limits and the unique
 * sourceKeys and source rows are checked. Any failure aborts the whole batch.
 */
export interface DocumentBatch {
  /** The run the batch belongs to; created on first use (with `run`) and appended to after. */
  runId?: string;
  run?: NewRun;
  create?: NewDocument[];
  editInvoices?: InvoiceEdit[];
  knockOffs?: KnockOffRequest[];
  /** Keys of settlement rows this batch posts; a key already posted refuses the batch (code ROW_POSTED). */
  sourceRows?: string[];
}

export interface BatchResult {
  runId?: string;
  created: { ref?: string; kind: DocumentKind; docNo: string }[];
  edited: { docNo: string; version: number }[];
}

/*
 * A payment run (settlement file → fee lines, adjustments, payments) is planned in pure core code
 * (core/posting/payment-plan.ts: one SettledDatePlan per date) and posted one settled date at a time,
 * each date one `commit` of a DocumentBatch, so a date happens entirely or not at all:
 *
 *   const { runId } = await ledger.beginRun({ kind: "payment", shopId, description: "TikTok settlement FILE" });
 *   for (const date of plan.dates)
 *     await ledger.commit({
 *       runId,
 *       // the invoice as it is now (version from getInvoice) with the plan's fee lines appended
 *       editInvoices: date.invoiceEdits.map((e) => ({ docNo: e.docNo, expectedVersion, lines: [...current.lines, ...e.lines] })),
 *       create: [...creditNotes, adjustment, { kind: date.payment.kind, ref: "pay", draft }],  // refs from the plan
 *       knockOffs: [
 *         ...date.payment.knockOffs.map((k) => ({ payer: { ref: "pay" }, target: k.docNo ? { docNo: k.docNo } : { ref: k.ref }, amount: k.amount })),
 *         ...date.payment.credits.map((c) => ({ payer: { ref: "pay" }, target: ..., amount: c.amount })),
 *       ],
 *       sourceRows: date.rowKeys,   // postedRowKey + "#n" for the n-th identical row: keys here are unique
 *     });
 *   await ledger.revertRun(runId);  // restores each edited invoice's earlier version, removes what the run created
 *
 * Knock-offs a batch may make: payment → invoice, payment → credit note (uses the credit), credit note →
 * invoice, refund → credit note (pays the credit out). On a date whose net is negative the refund pays
 * out what is left of the credit notes after they are applied to that date's invoices (credit note →
 * invoice). Posted rows for `postedKeys`: listSourceRows(). A future `applyPaymentDate(runId, plan)`
 * would only do the translation above and map ROW_POSTED / VERSION_CHANGED to row statuses.
 */

export interface TrialBalanceLine {
  account: string;
  name: string;
  debit: Sen;
  credit: Sen;
}

export interface LedgerChange {
  stores: string[];
}
