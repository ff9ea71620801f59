/** A settlement export read into rows the posting rules understand. Money is Sen; dates 'YYYY-MM-DD'. */
import type { Sen } from "../money/money";
import type { FeeBucket } from "../posting/fee-map";

export type Severity = "error" | "warning";

/** Bad input is data: what it concerns (line = the file's row number, 1-based, as Excel shows it). */
export interface SettlementProblem {
  severity: Severity;
  line: number | null;
  column: string | null;
  code: string;
  message: string;
  /** Set when several files are read together. */
  file?: string;
}

export type SettlementLayout =
  | "sea-local"
  | "sea-local-2026"
  | "cross-border"
  | "indonesia-2024"
  | "indonesia-2025"
  | "indonesia-2026"
  | "us-statement";

export type RowKind = "order" | "refund" | "adjustment";

export interface SettlementRow {
  /** Order or adjustment ID, exactly as exported (IDs are 18–19 digits: never numbers). */
  id: string;
  /** The export's Type, with full-width punctuation and spacing normalised ("Violation fee (settlement fee)"). */
  type: string;
  kind: RowKind;
  settledDate: string;
  createdDate: string | null;
  currency: string;
  settlementAmount: Sen;
  /** Total Revenue (US: Net sales) = subtotal after seller discounts + refund subtotal after seller discounts. */
  revenue: Sen;
  /** Total Fees (US: Fees + Shipping), as signed in the file: costs negative. */
  fees: Sen;
  adjustment: Sen;
  relatedOrderId: string | null;
  /** Fees by bucket through the fee map, non-zero buckets only; Adjustment holds the adjustment of order and refund rows. */
  feeBuckets: Partial<Record<FeeBucket, Sen>>;
  /** The file's row numbers this row was read from (several when per-SKU rows were merged). */
  sourceLines: number[];
  subtotalBeforeDiscounts: Sen;
  sellerDiscounts: Sen;
  subtotalAfterDiscounts: Sen;
  refundSubtotalBeforeDiscounts: Sen;
  refundOfSellerDiscounts: Sen;
  refundSubtotalAfterDiscounts: Sen;
  /** Children of the shipping fee parent (Actual shipping fee, Actual return shipping fee, …), non-zero only. */
  shippingParts: Record<string, Sen>;
  statementId: string | null;
  skuIds: string[];
  /** Columns no concept knows, raw text by header, kept so nothing in the file is lost. */
  extra: Record<string, string>;
  /** False when a cell could not be read or an identity of its layout does not hold: such a row blocks posting. */
  valid: boolean;
  /** Set when several files are read together: the file the row was taken from. */
  file?: string;
}

export interface SettlementFile {
  file: string;
  layout: SettlementLayout | null;
  currency: string | null;
  /** Empty when the file is refused as a whole (missing columns, damaged IDs, not a settlement export). */
  rows: SettlementRow[];
  totalsBySettledDate: Record<string, Sen>;
  problems: SettlementProblem[];
  /** No error among the problems. */
  accepted: boolean;
  /** Data rows of the file by kind, counted before per-SKU rows are merged (also for a refused file). */
  counts: Record<RowKind, number>;
}

export interface ImportProgress {
  /** Rows read so far, header and blank rows included. */
  rowsRead: number;
  /** 0..1 of the text read. */
  fraction: number;
}
