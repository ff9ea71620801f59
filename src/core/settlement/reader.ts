/**
 * Reads the records of one settlement export (already split into cells) into rows: finds the header below
 * any banner rows, maps columns by name, reads each cell as text, checks each row's identities to the sen,
 * classifies rows and merges per-SKU rows. Fed in slices, so a large file never blocks the caller.
 */
import { formatMoney, MoneyError, minorDigits, sen, ZERO, type Sen } from "../money/money";
import {
  allocateFees,
  DEFAULT_FEE_MAP,
  feeColumnRole,
  planFeeColumns,
  type FeeBucket,
  type FeeColumnPlan,
  type FeeMap,
} from "../posting/fee-map";
import { isDigitsAt, isNone, normalizeType, plainAmountAt, readAmount, readDate, readId } from "./cells";
import {
  CONCEPT_LABEL,
  conceptOf,
  HEADER_SIGNATURE,
  isMemoColumn,
  normalizeHeader,
  type Concept,
} from "./columns";
import type { RowKind, SettlementFile, SettlementLayout, SettlementProblem, SettlementRow } from "./types";

export interface ReaderOptions {
  /** The file's name, used in messages. */
  file: string;
  /** Currency of a file without a Currency column. */
  currency?: string;
  feeMap?: FeeMap;
}

/** Banner rows above the header are skipped; past this many rows without a header the file is not an export. */
const HEADER_SEARCH_ROWS = 50;
/** A message lists at most this many rows, then says how many more. */
const LISTED_ROWS = 20;

const REQUIRED: Concept[] = ["id", "type", "settlement", "revenue", "feesTotal"];

/** Types seen in real exports; any other non-Order type is still an adjustment, with a warning. */
const KNOWN_TYPES = new Set(
  [
    "Logistics reimbursement",
    "Platform reimbursement",
    "Deductions incurred by seller",
    "GMV Payment for TikTok Ads",
    "Withholding tax",
    "Violation fee (settlement fee)",
    "Early Settlement disbursement",
    "Early Settlement recovery",
    "FBT warehouse service fee using GMV payment",
    "Chargeback",
    "TikTok Shop reimbursement",
    "FBT warehouse compensation",
    "Rebate",
    "adjustment",
  ].map((t) => normalizeType(t).toLowerCase()),
);

interface Columns {
  headers: string[];
  headerLine: number;
  index: Partial<Record<Concept, number>>;
  layout: SettlementLayout;
  perSku: boolean;
  feePlan: FeeColumnPlan;
  /** No fee breakdown at all: the whole fee total is booked as Other fees. */
  noFeeDetail: boolean;
  shippingParts: { index: number; header: string; key: string }[];
  extra: { index: number; key: string }[];
  amountColumns: number[];
  /** Unknown columns outside the fee block: read as money only to explain a fee mismatch, so text is fine. */
  textTolerant: Set<number>;
  /** Each concept's column, -1 when the file has none. */
  at: Record<Concept, number>;
  /** The name each column is given in messages. */
  names: string[];
  /** The name each concept is given in messages: its column's header, or the usual one. */
  labels: Record<Concept, string>;
  feesLabel: string;
}

interface TypeReading {
  type: string;
  key: string;
  /** The type holds U+FFFD: the file was re-saved in another encoding. */
  damaged: boolean;
  /** A type seen in real exports (KNOWN_TYPES). */
  known: boolean;
}

interface CurrencyReading {
  code: string;
  none: boolean;
  digits: number;
}

/** What the texts of a column that repeats them (types, currencies, dates) read as: each distinct text is read once. */
class Readings<T> {
  private readonly seen = new Map<string, T>();
  /** The text read last, compared in place first: most rows repeat the row before. */
  lastText: string | null = null;
  last: T | undefined;

  constructor(private readonly read: (text: string) => T) {}

  of(text: string): T {
    let value = this.seen.get(text);
    if (value === undefined && !this.seen.has(text)) {
      value = this.read(text);
      if (this.seen.size < 4096) this.seen.set(text, value);
    }
    this.lastText = text;
    this.last = value;
    return value as T;
  }
}

function readType(text: string): TypeReading {
  const type = normalizeType(text);
  const key = type.toLowerCase();
  return { type, key, damaged: type.includes("\uFFFD"), known: KNOWN_TYPES.has(key) };
}

function readCurrency(text: string): CurrencyReading {
  const code = text.trim().toUpperCase();
  return { code, none: isNone(code), digits: minorDigits(code) };
}

/** Bound once: under tsx (as the CLI runs) every use of an imported name is a getter call, and these run per cell. */
const amountIn = plainAmountAt;
const digitsIn = isDigitsAt;

/** `dddd?dd?dd` at `start` (? one of / - .) as yyyymmdd; -1 for anything else. */
function dateNumber(text: string, start: number): number {
  let n = 0;
  for (let k = 0; k < 10; k++) {
    const c = text.charCodeAt(start + k);
    if (k === 4 || k === 7) {
      if (c !== 47 && c !== 45 && c !== 46) return -1;
    } else if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else return -1;
  }
  return n;
}

/**
 * Whether `source[start, end)` is `text`. Compared here rather than with startsWith: the cells compared
 * (a type, a currency, an ID) are short, and the call would cost more than the comparison.
 */
function textAt(source: string, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (source.charCodeAt(start + k) !== text.charCodeAt(k)) return false;
  return true;
}

const money = (v: number, digits: number) => formatMoney(sen(v), digits);
/** The largest amount kept exactly: 2^53 − 1 minor units. */
const largestAmount = (digits: number) => formatMoney(Number.MAX_SAFE_INTEGER as Sen, digits);
const signed = (b: Sen, d: Sen, a: Sen) => a === b + d || a === b - d;

interface Tally {
  count: number;
  line: number;
  column: string;
}

function listRows(lines: number[]): string {
  const shown = lines.slice(0, LISTED_ROWS).join(", ");
  return lines.length > LISTED_ROWS ? `${shown} and ${lines.length - LISTED_ROWS} more` : shown;
}

/**
 * Each concept's column, -1 when the file has none. Written out as one literal, so that the object read on
 * every row has the same fixed layout in every import (built key by key it would become a hash table).
 */
function columnOfEachConcept(index: Partial<Record<Concept, number>>): Record<Concept, number> {
  return {
    id: index.id ?? -1,
    type: index.type ?? -1,
    createdDate: index.createdDate ?? -1,
    settledDate: index.settledDate ?? -1,
    statementDate: index.statementDate ?? -1,
    currency: index.currency ?? -1,
    settlement: index.settlement ?? -1,
    estimatedSettlement: index.estimatedSettlement ?? -1,
    revenue: index.revenue ?? -1,
    subtotalAfter: index.subtotalAfter ?? -1,
    subtotalBefore: index.subtotalBefore ?? -1,
    sellerDiscounts: index.sellerDiscounts ?? -1,
    refundAfter: index.refundAfter ?? -1,
    refundBefore: index.refundBefore ?? -1,
    refundSellerDiscounts: index.refundSellerDiscounts ?? -1,
    feesTotal: index.feesTotal ?? -1,
    shippingTotal: index.shippingTotal ?? -1,
    adjustment: index.adjustment ?? -1,
    relatedOrderId: index.relatedOrderId ?? -1,
    statementId: index.statementId ?? -1,
    skuId: index.skuId ?? -1,
  };
}

/** The name each concept is given in messages: its column's header, or the usual one. One literal, as above. */
function labelOfEachConcept(at: Record<Concept, number>, names: string[]): Record<Concept, string> {
  const label = (c: Concept) => (at[c] < 0 ? CONCEPT_LABEL[c] : names[at[c]]);
  return {
    id: label("id"),
    type: label("type"),
    createdDate: label("createdDate"),
    settledDate: label("settledDate"),
    statementDate: label("statementDate"),
    currency: label("currency"),
    settlement: label("settlement"),
    estimatedSettlement: label("estimatedSettlement"),
    revenue: label("revenue"),
    subtotalAfter: label("subtotalAfter"),
    subtotalBefore: label("subtotalBefore"),
    sellerDiscounts: label("sellerDiscounts"),
    refundAfter: label("refundAfter"),
    refundBefore: label("refundBefore"),
    refundSellerDiscounts: label("refundSellerDiscounts"),
    feesTotal: label("feesTotal"),
    shippingTotal: label("shippingTotal"),
    adjustment: label("adjustment"),
    relatedOrderId: label("relatedOrderId"),
    statementId: label("statementId"),
    skuId: label("skuId"),
  };
}

/** Rows with the same problem, and the first one's cell as an example. */
interface RowsWithSample {
  lines: number[];
  sample: string;
}

function addRow<K>(rows: Map<K, RowsWithSample>, key: K, line: number, sample: string): void {
  const seen = rows.get(key);
  if (seen) seen.lines.push(line);
  else rows.set(key, { lines: [line], sample });
}

function detectLayout(index: Partial<Record<Concept, number>>, normalized: string[]): SettlementLayout {
  const has = (name: string) => normalized.includes(name);
  if (has("net sales") || has("gross sales")) return "us-statement";
  if (index.skuId !== undefined && (index.statementId !== undefined || index.statementDate !== undefined))
    return "cross-border";
  if (
    has("shipping cost") ||
    has("platform commission fee") ||
    has("payment fee") ||
    has("mall service fee")
  ) {
    if (has("platform commission fee")) return "indonesia-2026";
    if (has("pre-order service fee")) return "indonesia-2025";
    return "indonesia-2024";
  }
  if (has("transaction type") || has("adjustment amount")) return "sea-local-2026";
  return "sea-local";
}

export class SettlementReader {
  private readonly feeMap: FeeMap;
  private recordNo = 0;
  private columns: Columns | null = null;
  private fatal = false;
  private readonly problems: SettlementProblem[] = [];
  private readonly rows: SettlementRow[] = [];
  private readonly merged = new Map<string, SettlementRow>();
  private readonly counts: Record<RowKind, number> = { order: 0, refund: 0, adjustment: 0 };
  private readonly damagedIds = new Map<string, RowsWithSample>();
  /** Settled dates missing or unreadable, by code: reported once each, as Excel re-saving a file breaks every row. */
  private readonly badDates = new Map<"MISSING_DATE" | "BAD_DATE", RowsWithSample>();
  private readonly otherCurrency: { line: number; currency: string }[] = [];
  private currency: string | null = null;
  private readonly tallies = new Map<string, Tally>();
  private readonly otherFeeWarned = new Set<number>();
  private longRowWarned = false;
  private readonly unknownTypes = new Set<string>();
  /** Types, currencies and dates repeat on most rows: each distinct text is read once. */
  private readonly types = new Readings(readType);
  private readonly currencies = new Readings(readCurrency);
  private readonly settledDates = new Readings(readDate);
  private readonly createdDates = new Readings(readDate);
  /** Dates written as Seller Center writes them (`2026/03/02`), by year × 10,000 + month × 100 + day. */
  private readonly datesByNumber = new Map<number, string | null | undefined>();
  /**
   * The record being read: papaparse's cells, or (when null) `cellCount` cells of `source` between
   * `bounds[i] + 1` and `bounds[i + 1]` (the delimiters around it), read in place so that a row makes
   * strings only of the cells it keeps.
   */
  private cells: readonly string[] | null = null;
  private source = "";
  private bounds = new Int32Array(64);
  private cellCount = 0;
  /** The record's amounts by column (undefined when unreadable), reused from row to row. */
  private readonly amounts: (Sen | undefined)[] = [];
  private rowValid = true;
  /** Σ settlement amount by settled date of the rows read; the date being added to and its sum so far. */
  private readonly dateTotals = new Map<string, number>();
  private totalDate = "";
  private totalSum = 0;

  /** `decimalComma`: the file writes decimals with a comma (it is `;`-delimited). */
  constructor(
    private readonly options: ReaderOptions,
    private readonly decimalComma = false,
  ) {
    this.feeMap = options.feeMap ?? DEFAULT_FEE_MAP;
    if (options.currency) this.currency = options.currency.trim().toUpperCase();
  }

  get rowsRead(): number {
    return this.recordNo;
  }

  /** Records in file order; each is the cells of one row. */
  push(records: readonly string[][]): void {
    for (const record of records) {
      this.recordNo += 1;
      if (this.columns === null) {
        if (this.fatal) continue;
        this.tryHeader(record);
        continue;
      }
      if (record.every((cell) => cell.trim() === "")) continue;
      this.cells = record;
      this.readRow(this.recordNo);
    }
  }

  /**
   * The records of `text[start, end)`, a text without quotes: its lines split at `newline` and their cells
   * at `delimiter` (one character), exactly as papaparse splits such a text, but read in place.
   */
  pushLines(text: string, start: number, end: number, delimiter: string, newline: string): void {
    const delim = delimiter.charCodeAt(0);
    this.source = text;
    let lineStart = start;
    for (;;) {
      let lineEnd = text.indexOf(newline, lineStart);
      if (lineEnd === -1 || lineEnd + newline.length > end) lineEnd = end;
      let bounds = this.bounds;
      bounds[0] = lineStart - 1;
      let count = 0;
      for (let i = lineStart; i < lineEnd; i++) {
        if (text.charCodeAt(i) !== delim) continue;
        if (++count === bounds.length - 1) {
          this.growCells();
          bounds = this.bounds;
        }
        bounds[count] = i;
      }
      bounds[++count] = lineEnd;
      this.cellCount = count;
      this.recordNo += 1;
      if (this.columns === null) {
        if (!this.fatal) this.tryHeader(text.slice(lineStart, lineEnd).split(delimiter));
      } else if (this.startsWithText()) {
        this.cells = null;
        this.readRow(this.recordNo);
      } else {
        const record = text.slice(lineStart, lineEnd).split(delimiter);
        if (!record.every((cell) => cell.trim() === "")) {
          this.cells = record;
          this.readRow(this.recordNo);
        }
      }
      if (lineEnd === end) break;
      lineStart = lineEnd + newline.length;
    }
  }

  private growCells(): void {
    const bounds = new Int32Array(this.bounds.length * 2);
    bounds.set(this.bounds);
    this.bounds = bounds;
  }

  /** The first cell has a visible ASCII character, so the record is not blank (almost every row). */
  private startsWithText(): boolean {
    const text = this.source;
    for (let i = this.bounds[0] + 1, end = this.bounds[1]; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c > 32 && c < 127) return true;
    }
    return false;
  }

  /** Cell i of the record; undefined past its last cell. */
  private cellText(i: number): string | undefined {
    if (this.cells !== null) return this.cells[i];
    return i < this.cellCount ? this.source.slice(this.bounds[i] + 1, this.bounds[i + 1]) : undefined;
  }

  /** The cell of a concept's column: undefined when the file has no such column, "" past the record's end. */
  private conceptText(column: number): string | undefined {
    return column < 0 ? undefined : (this.cellText(column) ?? "");
  }

  finish(): SettlementFile {
    const { file } = this.options;
    if (this.columns === null && !this.fatal) {
      this.error(
        null,
        null,
        "NOT_A_SETTLEMENT_EXPORT",
        `${file} does not look like a TikTok Shop settlement export: no header row with "Order/adjustment ID", "Type" and "Total settlement amount" was found. In Seller Center open Finance → Settled (Income), click Export, and load the CSV it gives.`,
      );
    }
    for (const [column, { lines, sample }] of this.damagedIds) {
      this.error(
        lines[0],
        column,
        "ID_PRECISION_LOST",
        `${file}: "${column}" on rows ${listRows(lines)} is not a whole ID (for example "${sample}"): Excel rounded these 18–19 digit IDs, so different orders now look alike. Download the file again from Seller Center and load it directly, without opening and saving it in Excel. Nothing was imported.`,
      );
    }
    for (const [code, { lines, sample }] of this.badDates) this.reportBadDates(code, lines, sample);
    if (this.otherCurrency.length > 0) {
      const lines = this.otherCurrency.map((o) => o.line);
      this.error(
        lines[0],
        CONCEPT_LABEL.currency,
        "MIXED_CURRENCY",
        `${file}: rows ${listRows(lines)} are in ${this.otherCurrency[0].currency} while the file is in ${this.currency}. Export each store's settlement separately and load them one at a time.`,
      );
    }
    for (const [code, t] of this.tallies) this.warning(t.line, t.column, code, this.tallyMessage(code, t));
    if (
      this.columns &&
      !this.fatal &&
      this.counts.order + this.counts.refund + this.counts.adjustment === 0
    ) {
      this.warning(
        null,
        null,
        "NO_ROWS",
        `${file} has a header but no rows: choose a period with settled orders in Seller Center and export again.`,
      );
    }

    const rank = (p: SettlementProblem) => (p.severity === "error" ? 0 : 1);
    const problems = [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || rank(a) - rank(b));
    const refused = this.fatal || this.damagedIds.size > 0 || this.otherCurrency.length > 0;
    const rows = refused ? [] : this.columns?.perSku ? [...this.merged.values()] : this.rows;
    // Each date's rows were added in file order as they were read (merging per-SKU rows keeps each date's
    // sum); the dates are listed in date order.
    if (this.totalDate !== "") this.dateTotals.set(this.totalDate, this.totalSum);
    const sums = refused ? new Map<string, number>() : this.dateTotals;
    const totals: Record<string, Sen> = {};
    for (const date of [...sums.keys()].sort()) totals[date] = sums.get(date) as Sen;
    return {
      file,
      layout: this.columns?.layout ?? null,
      currency: this.currency,
      rows,
      totalsBySettledDate: totals,
      problems,
      accepted: !problems.some((p) => p.severity === "error"),
      counts: { ...this.counts },
    };
  }

  private error(line: number | null, column: string | null, code: string, message: string): void {
    this.problems.push({ severity: "error", line, column, code, message });
  }

  private warning(line: number | null, column: string | null, code: string, message: string): void {
    this.problems.push({ severity: "warning", line, column, code, message });
  }

  private tally(code: string, line: number, column: string): void {
    const t = this.tallies.get(code);
    if (t) t.count += 1;
    else this.tallies.set(code, { count: 1, line, column });
  }

  private tallyMessage(code: string, t: Tally): string {
    const where = `row ${t.line}, column "${t.column}"`;
    const n = t.count === 1 ? "1 amount was" : `${t.count} amounts were`;
    const { file } = this.options;
    switch (code) {
      case "THOUSANDS_SEPARATOR":
        return `${file}: ${n} written with thousands separators (first at ${where}), as Excel does when it re-saves a file; they were read as plain numbers.`;
      case "DECIMAL_COMMA":
        return `${file}: ${n} written with a decimal comma (first at ${where}), as Excel does in some languages; they were read as decimals.`;
      case "DECORATED_AMOUNT":
        return `${file}: ${n} written with a currency sign, brackets or a trailing minus (first at ${where}); they were read as plain signed numbers.`;
      case "ENCODING_IN_TYPE":
        return `${file}: ${t.count === 1 ? "1 Type holds" : `${t.count} Types hold`} unreadable characters (first at ${where}): the file was re-saved in another encoding. Download it again from Seller Center.`;
      default:
        return `${file}: ${code} (first at ${where}).`;
    }
  }

  private tryHeader(record: string[]): void {
    const normalized = record.map(normalizeHeader);
    const concepts = normalized.map((h) => conceptOf(h));
    const signature = new Set(
      concepts.filter((c): c is Concept => c !== undefined && HEADER_SIGNATURE.includes(c)),
    );
    if (signature.size < 2) {
      if (this.recordNo >= HEADER_SEARCH_ROWS) {
        this.fatal = true;
        this.error(
          null,
          null,
          "NOT_A_SETTLEMENT_EXPORT",
          `${this.options.file} does not look like a TikTok Shop settlement export: none of its first ${HEADER_SEARCH_ROWS} rows is a header with "Order/adjustment ID", "Type" and "Total settlement amount". In Seller Center open Finance → Settled (Income), click Export, and load the CSV it gives.`,
        );
      }
      return;
    }
    const line = this.recordNo;
    const { file } = this.options;
    const index: Partial<Record<Concept, number>> = {};
    const duplicates: number[] = [];
    concepts.forEach((c, i) => {
      if (c === undefined) return;
      if (index[c] === undefined) index[c] = i;
      else duplicates.push(i);
    });
    if (record.some((h) => h.includes("\uFFFD"))) {
      this.warning(
        line,
        null,
        "ENCODING",
        `${file}: some headers contain unreadable characters (�): the file was re-saved in another encoding. Download it again from Seller Center if names or types look wrong.`,
      );
    }
    if (index.settlement === undefined && index.estimatedSettlement !== undefined) {
      this.fatal = true;
      this.error(
        line,
        record[index.estimatedSettlement].trim(),
        "UNSETTLED_EXPORT",
        `${file} is an Unsettled (on-hold) export: its amounts are estimates, not payouts. Export Finance → Settled (Income) instead and load that file.`,
      );
      return;
    }
    if (index.settledDate === undefined && index.statementDate !== undefined)
      index.settledDate = index.statementDate;
    const missing = [...REQUIRED, "settledDate" as Concept].filter((c) => index[c] === undefined);
    this.columns = this.setUp(record, normalized, index, line, duplicates);
    for (let i = 0; i < record.length; i++) this.amounts.push(undefined);
    if (missing.length > 0) {
      this.fatal = true;
      const names = missing.map((c) => `"${CONCEPT_LABEL[c]}"`);
      const list =
        names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      this.error(
        line,
        missing.map((c) => CONCEPT_LABEL[c]).join(", "),
        "MISSING_COLUMNS",
        `${file} is missing the column${names.length > 1 ? "s" : ""} ${list}, so it cannot be posted. Export the file again from Seller Center (Finance → Settled / Income → Export) and load it without removing columns. Nothing was imported.`,
      );
    }
    if (index.currency === undefined && this.currency === null) {
      this.fatal = true;
      this.error(
        line,
        CONCEPT_LABEL.currency,
        "NO_CURRENCY",
        `${file} has no Currency column: tell which currency it is in (for example --currency MYR).`,
      );
    }
    if (index.adjustment === undefined && !this.fatal) {
      this.warning(
        line,
        CONCEPT_LABEL.adjustment,
        "NO_ADJUSTMENT_COLUMN",
        `${file} has no "Ajustment amount" column: each row's adjustment is taken as settlement − revenue − fees, so that identity cannot be checked.`,
      );
    }
    if (this.columns.noFeeDetail && !this.fatal) {
      this.warning(
        line,
        CONCEPT_LABEL.feesTotal,
        "NO_FEE_DETAIL",
        `${file} has no fee columns besides "${record[index.feesTotal ?? 0].trim()}": all fees are booked as Other fees. Export the full Order details from Seller Center to book them by kind.`,
      );
    }
  }

  private setUp(
    headers: string[],
    normalized: string[],
    index: Partial<Record<Concept, number>>,
    headerLine: number,
    duplicates: number[],
  ): Columns {
    const layout = detectLayout(index, normalized);
    const feeStart = Math.min(index.feesTotal ?? Infinity, index.shippingTotal ?? Infinity);
    const feeEnd = index.adjustment ?? index.relatedOrderId ?? headers.length;
    const conceptColumns = new Set(Object.values(index));
    const known = (i: number) => conceptColumns.has(i) || isMemoColumn(headers[i]) || duplicates.includes(i);
    const feePlan = planFeeColumns(this.feeMap, headers, (i) => i > feeStart && i < feeEnd, known);
    const shippingParts = feePlan.outside.filter(
      (c) => feeColumnRole(this.feeMap, c.header)?.kind === "child" && /ship|subsid/i.test(c.header),
    );
    const inPlan = new Set([...feePlan.parents, ...feePlan.otherFees].map((c) => c.index));
    const children = new Set(
      feePlan.outside
        .filter((c) => feeColumnRole(this.feeMap, c.header)?.kind === "child")
        .map((c) => c.index),
    );
    const seen = new Map<string, number>();
    const extra: { index: number; key: string }[] = [];
    headers.forEach((h, i) => {
      const name = h.trim() || `Column ${i + 1}`;
      const n = (seen.get(normalizeHeader(name)) ?? 0) + 1;
      seen.set(normalizeHeader(name), n);
      const isKnown =
        (conceptColumns.has(i) && !duplicates.includes(i)) ||
        isMemoColumn(h) ||
        inPlan.has(i) ||
        children.has(i);
      if (!isKnown) extra.push({ index: i, key: n > 1 ? `${name} (${n})` : name });
    });
    const amountConcepts: Concept[] = [
      "settlement",
      "revenue",
      "subtotalAfter",
      "subtotalBefore",
      "sellerDiscounts",
      "refundAfter",
      "refundBefore",
      "refundSellerDiscounts",
      "feesTotal",
      "shippingTotal",
      "adjustment",
    ];
    const amountColumns = [
      ...new Set([
        ...amountConcepts.map((c) => index[c]).filter((i): i is number => i !== undefined),
        ...feePlan.parents.map((c) => c.index),
        ...feePlan.otherFees.map((c) => c.index),
        ...feePlan.outside.map((c) => c.index),
      ]),
    ];
    const names = headers.map((h, i) => h.trim() || `Column ${i + 1}`);
    const at = columnOfEachConcept(index);
    const labels = labelOfEachConcept(at, names);
    return {
      headers,
      headerLine,
      index,
      layout,
      perSku: layout === "cross-border" || layout === "us-statement",
      feePlan,
      noFeeDetail: feePlan.parents.length === 0 && feePlan.otherFees.length === 0,
      shippingParts: shippingParts.map((p) => ({ index: p.index, header: p.header, key: p.header.trim() })),
      extra,
      amountColumns,
      textTolerant: new Set(
        feePlan.outside.filter((c) => feeColumnRole(this.feeMap, c.header) === undefined).map((c) => c.index),
      ),
      at,
      names,
      labels,
      feesLabel:
        index.shippingTotal !== undefined
          ? `${labels.feesTotal} + ${labels.shippingTotal}`
          : labels.feesTotal,
    };
  }

  private where(line: number): string {
    return `${this.options.file} row ${line}`;
  }

  /** The reading of a concept's cell ("" when the file has no such column). */
  private readingAt<T>(column: number, readings: Readings<T>): T {
    if (this.cells === null && column >= 0 && column < this.cellCount && readings.lastText !== null) {
      const start = this.bounds[column] + 1;
      const last = readings.lastText;
      if (textAt(this.source, start, this.bounds[column + 1], last)) return readings.last as T;
    }
    return readings.of(this.conceptText(column) ?? "");
  }

  /**
   * A date cell: `2026/03/02` (or with `-` or `.`) is read from its digits, without a string per row;
   * anything else goes through readDate. Both give what readDate gives for the cell's text.
   */
  private dateAt(column: number, readings: Readings<string | null | undefined>): string | null | undefined {
    if (this.cells === null && column >= 0 && column < this.cellCount) {
      const start = this.bounds[column] + 1;
      const date = this.bounds[column + 1] - start === 10 ? dateNumber(this.source, start) : -1;
      if (date >= 0) {
        let value = this.datesByNumber.get(date);
        if (value === undefined && !this.datesByNumber.has(date)) {
          value = readDate(this.source.slice(start, start + 10));
          if (this.datesByNumber.size < 4096) this.datesByNumber.set(date, value);
        }
        return value;
      }
    }
    return this.readingAt(column, readings);
  }

  /** Whether a cell past the header's last column holds anything. */
  private hasCellsPast(columns: number): boolean {
    const count = this.cells !== null ? this.cells.length : this.cellCount;
    for (let i = columns; i < count; i++) if ((this.cellText(i) as string).trim() !== "") return true;
    return false;
  }

  /** Reads the amount in column i into `amounts`: a plain amount in place, anything else through readAmount. */
  private readAmountAt(i: number, digits: number, currency: string | null, line: number): void {
    const cells = this.cells;
    let value = NaN;
    if (cells !== null) {
      const text = cells[i];
      if (text !== undefined) value = amountIn(text, 0, text.length, digits, this.decimalComma);
    } else if (i < this.cellCount) {
      value = amountIn(this.source, this.bounds[i] + 1, this.bounds[i + 1], digits, this.decimalComma);
    }
    if (value === value) {
      this.amounts[i] = value as Sen;
      return;
    }
    const cols = this.columns as Columns;
    const column = cols.names[i];
    const text = this.cellText(i) ?? "";
    const reading = readAmount(text, digits, this.decimalComma);
    if (reading.ok) {
      this.amounts[i] = reading.value;
      if (reading.thousands) this.tally("THOUSANDS_SEPARATOR", line, column);
      if (reading.decimalComma) this.tally("DECIMAL_COMMA", line, column);
      if (reading.decorated) this.tally("DECORATED_AMOUNT", line, column);
      return;
    }
    this.amounts[i] = undefined;
    // An unknown column outside the fee block may hold text: it is kept raw, not read as money.
    if (cols.textTolerant.has(i)) return;
    this.rowValid = false;
    if (!this.fatal) {
      this.error(
        line,
        column,
        "BAD_AMOUNT",
        reading.reason === "digits"
          ? `${this.where(line)}, column "${column}": "${text.trim()}" has more decimals than ${currency ?? "the currency"} allows (${digits}). Download the file again from Seller Center.`
          : reading.reason === "size"
            ? `${this.where(line)}, column "${column}": "${text.trim()}" is too large to be kept exactly (amounts go up to ${largestAmount(digits)}${currency ? ` ${currency}` : ""}). Correct the cell or download the file again from Seller Center.`
            : `${this.where(line)}, column "${column}": "${text.trim()}" is not an amount. Correct the cell (amounts look like -12.30) or download the file again from Seller Center.`,
      );
    }
  }

  /**
   * Reads the record's amount cells in place: most are "0", and nearly all the rest plain "-12.3". (A
   * method of its own, small enough for the engine to inline the per-cell reading into it.)
   */
  private readAmountsInPlace(digits: number, currency: string | null, line: number): void {
    const { source, bounds, cellCount, decimalComma, amounts } = this;
    const amountColumns = (this.columns as Columns).amountColumns;
    for (let k = 0; k < amountColumns.length; k++) {
      const i = amountColumns[k];
      if (i < cellCount) {
        const start = bounds[i] + 1;
        const end = bounds[i + 1];
        if (end - start === 1 && source.charCodeAt(start) === 48) {
          amounts[i] = 0 as Sen;
          continue;
        }
        const value = amountIn(source, start, end, digits, decimalComma);
        if (value === value) {
          amounts[i] = value as Sen;
          continue;
        }
      }
      this.readAmountAt(i, digits, currency, line);
    }
  }

  private amountAt(column: number): Sen | undefined {
    return column < 0 ? undefined : (this.amounts[column] ?? ZERO);
  }

  /**
   * IDs are text; Excel-damaged ones are collected and refuse the file. `same`: an ID of the row already
   * read (an order row's Related order ID is its own ID), returned as it is when the cell repeats it.
   */
  private idAt(column: number, label: string, required: boolean, line: number, same = ""): string | null {
    if (column < 0) return null;
    const cells = this.cells;
    if (cells !== null) {
      const text = cells[column];
      if (text !== undefined && digitsIn(text, 0, text.length)) return text;
    } else if (column < this.cellCount) {
      const start = this.bounds[column] + 1;
      const end = this.bounds[column + 1];
      if (same !== "" && textAt(this.source, start, end, same)) return same;
      if (digitsIn(this.source, start, end)) return this.source.slice(start, end);
    }
    return this.readIdCell(column, label, required, line);
  }

  /** An ID cell that is not plain digits: none, damaged by Excel, or not an ID. */
  private readIdCell(column: number, label: string, required: boolean, line: number): string | null {
    const text = this.cellText(column) ?? "";
    const reading = readId(text);
    if (reading.ok) {
      if (reading.value === null && required) {
        this.rowValid = false;
        this.error(
          line,
          label,
          "MISSING_ID",
          `${this.where(line)} has no ${label}. Download the file again from Seller Center; rows are never posted without their ID.`,
        );
      }
      return reading.value;
    }
    if (reading.reason === "excel") addRow(this.damagedIds, label, line, text.trim());
    else {
      this.rowValid = false;
      this.error(
        line,
        label,
        "BAD_ID",
        `${this.where(line)}, column "${label}": "${text.trim()}" is not an ID (IDs are digits only). Download the file again from Seller Center.`,
      );
    }
    return null;
  }

  private broken(line: number, column: string, message: string): void {
    this.rowValid = false;
    this.error(
      line,
      column,
      "IDENTITY_BROKEN",
      `${this.where(line)}, column "${column}": ${message} Download the file again from Seller Center; if the row still does not add up, report it to TikTok Seller Support.`,
    );
  }

  /**
   * Reads one record. Each amount is exact, but a row's or a date's amounts may add up past what a number
   * holds exactly (over 90 trillion ringgit): the file is refused at that row, never read inexactly.
   */
  private readRow(line: number): void {
    try {
      this.readRecord(line);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      this.sumTooLarge(line);
    }
  }

  private sumTooLarge(line: number): void {
    this.rowValid = false;
    this.error(
      line,
      null,
      "AMOUNT_TOO_LARGE",
      `${this.where(line)}: its amounts, or the settled date's total with them, add up to more than can be kept exactly (${largestAmount(minorDigits(this.currency ?? "MYR"))}). Correct the amounts or download the file again from Seller Center.`,
    );
  }

  /** Reads the current record (`cells`, or cells in place). */
  private readRecord(line: number): void {
    const cols = this.columns as Columns;
    const { at: col, labels } = cols;

    if (
      (this.cells !== null ? this.cells.length : this.cellCount) > cols.names.length &&
      !this.longRowWarned &&
      this.hasCellsPast(cols.names.length)
    )
      this.warnLongRow(line);

    const typeReading = this.readingAt(col.type, this.types);
    const { type, key: typeKey } = typeReading;
    const currencyCell = this.readingAt(col.currency, this.currencies);
    const rowCurrency = currencyCell.none ? this.currency : currencyCell.code;
    const digits = currencyCell.none ? minorDigits(rowCurrency ?? "MYR") : currencyCell.digits;
    if (this.currency === null && rowCurrency) this.currency = rowCurrency;
    else if (rowCurrency && rowCurrency !== this.currency && !this.fatal)
      this.otherCurrency.push({ line, currency: rowCurrency });

    this.rowValid = true;
    const amounts = this.amounts;
    if (this.cells === null) this.readAmountsInPlace(digits, rowCurrency, line);
    else for (const i of cols.amountColumns) this.readAmountAt(i, digits, rowCurrency, line);

    // Revenue tree. A layout may lack some children: they are derived, and then not checked.
    const revenue = this.amountAt(col.revenue) ?? ZERO;
    const before = this.amountAt(col.subtotalBefore);
    const disc = this.amountAt(col.sellerDiscounts);
    const refundBefore = this.amountAt(col.refundBefore);
    const refundDisc = this.amountAt(col.refundSellerDiscounts);
    let after =
      this.amountAt(col.subtotalAfter) ?? (before !== undefined ? sen(before + (disc ?? 0)) : undefined);
    let refundAfter =
      this.amountAt(col.refundAfter) ??
      (refundBefore !== undefined ? sen(refundBefore + (refundDisc ?? 0)) : undefined);
    const revenueChecked = after !== undefined && refundAfter !== undefined;
    if (after === undefined && refundAfter === undefined) {
      const isRefund = typeKey === "refund" || (typeKey === "order" && revenue < 0);
      after = isRefund ? ZERO : revenue;
      refundAfter = isRefund ? revenue : ZERO;
    } else if (after === undefined) after = sen(revenue - (refundAfter as Sen));
    else if (refundAfter === undefined) refundAfter = sen(revenue - after);
    const subtotalAfter = after as Sen;
    const refundSubtotalAfter = refundAfter as Sen;

    const kind: RowKind =
      typeKey === "order"
        ? refundSubtotalAfter !== 0
          ? "refund"
          : "order"
        : typeKey === "refund"
          ? "refund"
          : "adjustment";
    if (kind === "order") this.counts.order += 1;
    else if (kind === "refund") this.counts.refund += 1;
    else this.counts.adjustment += 1;
    if (this.fatal) return;

    const id = this.idAt(col.id, labels.id, true, line) ?? "";
    const relatedOrderId = this.idAt(col.relatedOrderId, labels.relatedOrderId, false, line, id);
    const statementId = this.idAt(col.statementId, labels.statementId, false, line);
    const skuId = this.idAt(col.skuId, labels.skuId, false, line);

    if (type === "") this.missingType(line);
    if (typeReading.damaged) this.tally("ENCODING_IN_TYPE", line, labels.type);
    else if (kind === "adjustment" && type !== "" && !typeReading.known && !this.unknownTypes.has(typeKey))
      this.warnUnknownType(line, type, typeKey);

    const settledDate = this.dateAt(col.settledDate, this.settledDates);
    if (!settledDate) this.missingSettledDate(line, settledDate);
    const createdDate =
      col.createdDate < 0 ? null : (this.dateAt(col.createdDate, this.createdDates) ?? null);

    const settlement = this.amountAt(col.settlement) ?? ZERO;
    const feesTotal = sen((this.amountAt(col.feesTotal) ?? 0) + (this.amountAt(col.shippingTotal) ?? 0));
    const feesLabel = cols.feesLabel;
    const adjustment = this.amountAt(col.adjustment) ?? sen(settlement - revenue - feesTotal);

    if (this.rowValid) {
      if (settlement !== revenue + feesTotal + adjustment)
        this.settlementBroken(line, digits, settlement, revenue, feesTotal, adjustment);
      if (revenueChecked && revenue !== subtotalAfter + refundSubtotalAfter)
        this.revenueBroken(line, digits, revenue, subtotalAfter, refundSubtotalAfter);
      if (
        col.subtotalAfter >= 0 &&
        before !== undefined &&
        disc !== undefined &&
        !signed(before, disc, subtotalAfter)
      )
        this.subtotalBroken(line, digits, "subtotalAfter", subtotalAfter, before, disc);
      if (
        col.refundAfter >= 0 &&
        refundBefore !== undefined &&
        refundDisc !== undefined &&
        !signed(refundBefore, refundDisc, refundSubtotalAfter)
      )
        this.subtotalBroken(line, digits, "refundAfter", refundSubtotalAfter, refundBefore, refundDisc);
    }

    let feeBuckets: Partial<Record<FeeBucket, Sen>>;
    if (cols.noFeeDetail) feeBuckets = feesTotal !== 0 ? { "Other fees": feesTotal } : {};
    else {
      const allocation = allocateFees(cols.feePlan, amounts, feesTotal, feesLabel, digits);
      feeBuckets = allocation.buckets;
      if (allocation.mismatch && this.rowValid) this.feeMapMismatch(line, allocation.mismatch);
      const otherFees = cols.feePlan.otherFees;
      for (let k = 0; k < otherFees.length; k++) {
        const o = otherFees[k];
        if ((amounts[o.index] ?? 0) !== 0 && !this.otherFeeWarned.has(o.index))
          this.warnUnmappedFee(line, o.index);
      }
    }
    if (kind !== "adjustment" && adjustment !== 0) feeBuckets = { ...feeBuckets, Adjustment: adjustment };

    const shippingParts: Record<string, Sen> = {};
    const parts = cols.shippingParts;
    for (let k = 0; k < parts.length; k++) {
      const v = amounts[parts[k].index];
      if (v !== undefined && v !== 0) shippingParts[parts[k].key] = v;
    }
    const extra: Record<string, string> = {};
    for (let k = 0; k < cols.extra.length; k++) {
      const e = cols.extra[k];
      const v = this.cellText(e.index);
      if (v !== undefined && !isNone(v)) extra[e.key] = v;
    }

    const row: SettlementRow = {
      id,
      type,
      kind,
      settledDate: settledDate ?? "",
      createdDate,
      currency: rowCurrency ?? "",
      settlementAmount: settlement,
      revenue,
      fees: feesTotal,
      adjustment,
      relatedOrderId,
      feeBuckets,
      sourceLines: [line],
      subtotalBeforeDiscounts: before ?? sen(subtotalAfter - (disc ?? 0)),
      sellerDiscounts: before !== undefined ? sen(subtotalAfter - before) : (disc ?? ZERO),
      subtotalAfterDiscounts: subtotalAfter,
      refundSubtotalBeforeDiscounts: refundBefore ?? sen(refundSubtotalAfter - (refundDisc ?? 0)),
      refundOfSellerDiscounts:
        refundBefore !== undefined ? sen(refundSubtotalAfter - refundBefore) : (refundDisc ?? ZERO),
      refundSubtotalAfterDiscounts: refundSubtotalAfter,
      shippingParts,
      statementId,
      skuIds: skuId ? [skuId] : [],
      extra,
      valid: this.rowValid,
    };
    if (row.settledDate !== "") this.addToDateTotal(row.settledDate, settlement);
    if (cols.perSku) this.mergeSkuRow(row);
    else this.rows.push(row);
  }

  /** Rows come date after date: the running date's sum is kept aside and stored when the date changes. */
  private addToDateTotal(date: string, amount: Sen): void {
    if (date !== this.totalDate) {
      if (this.totalDate !== "") this.dateTotals.set(this.totalDate, this.totalSum);
      this.totalDate = date;
      this.totalSum = this.dateTotals.get(date) ?? 0;
    }
    const sum = this.totalSum + amount;
    this.totalSum = Number.isSafeInteger(sum) ? sum : sen(sum);
  }

  // What a row's reading reports, apart from the reading itself, so that the method run for every row stays
  // small enough for the engine to compile quickly.

  private warnLongRow(line: number): void {
    this.longRowWarned = true;
    this.warning(
      line,
      null,
      "EXTRA_CELLS",
      `${this.where(line)} has more cells than the header has columns; the cells past the last column were ignored.`,
    );
  }

  private missingType(line: number): void {
    this.rowValid = false;
    this.error(
      line,
      (this.columns as Columns).labels.type,
      "MISSING_TYPE",
      `${this.where(line)} has no Type. Download the file again from Seller Center.`,
    );
  }

  private warnUnknownType(line: number, type: string, typeKey: string): void {
    this.unknownTypes.add(typeKey);
    this.warning(
      line,
      (this.columns as Columns).labels.type,
      "UNKNOWN_TYPE",
      `${this.where(line)}: Type "${type}" is new to ShopBooks; its rows are booked as TikTok adjustments. Check them in the TikTok Adjustment document after posting.`,
    );
  }

  /** `settledDate`: null for none, undefined for a date that could not be read. */
  private missingSettledDate(line: number, settledDate: string | null | undefined): void {
    this.rowValid = false;
    const text = this.conceptText((this.columns as Columns).at.settledDate) ?? "";
    addRow(this.badDates, settledDate === null ? "MISSING_DATE" : "BAD_DATE", line, text.trim());
  }

  /** One problem per kind of bad settled date, naming the column, the rows, an example and the fix. */
  private reportBadDates(code: "MISSING_DATE" | "BAD_DATE", lines: number[], sample: string): void {
    const column = (this.columns as Columns).labels.settledDate;
    const { file } = this.options;
    const [line] = lines;
    if (lines.length === 1) {
      this.error(
        line,
        column,
        code,
        code === "MISSING_DATE"
          ? `${this.where(line)} has no settled date in "${column}". Download the file again from Seller Center.`
          : `${this.where(line)}, column "${column}": "${sample}" is not a date as Seller Center writes it (YYYY/MM/DD). Download the file again instead of re-saving it in Excel.`,
      );
      return;
    }
    this.error(
      line,
      column,
      code,
      code === "MISSING_DATE"
        ? `${file}: ${lines.length} rows have no settled date in "${column}" (rows ${listRows(lines)}). Download the file again from Seller Center.`
        : `${file}: "${column}" on ${lines.length} rows (rows ${listRows(lines)}) is not a date as Seller Center writes it (YYYY/MM/DD), for example "${sample}" on row ${line}: Excel rewrote these dates when the file was saved. Download the file again from Seller Center and load it directly, without opening and saving it in Excel. Nothing in this file is posted.`,
    );
  }

  private settlementBroken(
    line: number,
    digits: number,
    settlement: Sen,
    revenue: Sen,
    fees: Sen,
    adjustment: Sen,
  ): void {
    const { labels, feesLabel } = this.columns as Columns;
    this.broken(
      line,
      labels.settlement,
      `${money(settlement, digits)} ≠ ${labels.revenue} ${money(revenue, digits)} + ${feesLabel} ${money(fees, digits)} + ${labels.adjustment} ${money(adjustment, digits)} = ${money(revenue + fees + adjustment, digits)}.`,
    );
  }

  private revenueBroken(line: number, digits: number, revenue: Sen, after: Sen, refundAfter: Sen): void {
    this.broken(
      line,
      (this.columns as Columns).labels.revenue,
      `${money(revenue, digits)} ≠ subtotal after seller discounts ${money(after, digits)} + refund subtotal after seller discounts ${money(refundAfter, digits)}.`,
    );
  }

  /** Subtotal after (or refund subtotal after) ≠ its before ± its discounts. */
  private subtotalBroken(
    line: number,
    digits: number,
    which: "subtotalAfter" | "refundAfter",
    after: Sen,
    before: Sen,
    discounts: Sen,
  ): void {
    const { labels } = this.columns as Columns;
    const [beforeLabel, discountsLabel] =
      which === "subtotalAfter"
        ? [labels.subtotalBefore, labels.sellerDiscounts]
        : [labels.refundBefore, labels.refundSellerDiscounts];
    this.broken(
      line,
      labels[which],
      `${money(after, digits)} ≠ ${beforeLabel} ${money(before, digits)} + ${discountsLabel} ${money(discounts, digits)}.`,
    );
  }

  private feeMapMismatch(line: number, mismatch: { column: string | null; message: string }): void {
    this.rowValid = false;
    const column = mismatch.column ?? (this.columns as Columns).labels.feesTotal;
    this.error(line, column, "FEE_MAP_MISMATCH", `${this.where(line)}: ${mismatch.message}`);
  }

  private warnUnmappedFee(line: number, index: number): void {
    const name = (this.columns as Columns).names[index];
    this.otherFeeWarned.add(index);
    this.warning(
      line,
      name,
      "UNMAPPED_FEE_COLUMN",
      `${this.options.file}: column "${name}" is not in the fee map (first amount at row ${line}); its amounts are booked as Other fees. Add it to a fee bucket in the store's fee map if it belongs elsewhere.`,
    );
  }

  /** Per-SKU layouts: one row per order, type, kind, settled date and statement. */
  private mergeSkuRow(row: SettlementRow): void {
    const key = [row.id, row.type, row.kind, row.settledDate, row.statementId ?? ""].join("\u0000");
    const into = this.merged.get(key);
    if (!into) {
      this.merged.set(key, row);
      return;
    }
    const sum = (a: Sen, b: Sen) => sen(a + b);
    into.settlementAmount = sum(into.settlementAmount, row.settlementAmount);
    into.revenue = sum(into.revenue, row.revenue);
    into.fees = sum(into.fees, row.fees);
    into.adjustment = sum(into.adjustment, row.adjustment);
    into.subtotalBeforeDiscounts = sum(into.subtotalBeforeDiscounts, row.subtotalBeforeDiscounts);
    into.sellerDiscounts = sum(into.sellerDiscounts, row.sellerDiscounts);
    into.subtotalAfterDiscounts = sum(into.subtotalAfterDiscounts, row.subtotalAfterDiscounts);
    into.refundSubtotalBeforeDiscounts = sum(
      into.refundSubtotalBeforeDiscounts,
      row.refundSubtotalBeforeDiscounts,
    );
    into.refundOfSellerDiscounts = sum(into.refundOfSellerDiscounts, row.refundOfSellerDiscounts);
    into.refundSubtotalAfterDiscounts = sum(
      into.refundSubtotalAfterDiscounts,
      row.refundSubtotalAfterDiscounts,
    );
    for (const [b, v] of Object.entries(row.feeBuckets) as [FeeBucket, Sen][]) {
      const total = (into.feeBuckets[b] ?? 0) + v;
      if (total === 0) delete into.feeBuckets[b];
      else into.feeBuckets[b] = sen(total);
    }
    for (const [p, v] of Object.entries(row.shippingParts)) {
      const total = (into.shippingParts[p] ?? 0) + v;
      if (total === 0) delete into.shippingParts[p];
      else into.shippingParts[p] = sen(total);
    }
    into.sourceLines.push(...row.sourceLines);
    into.skuIds.push(...row.skuIds.filter((s) => !into.skuIds.includes(s)));
    into.relatedOrderId ??= row.relatedOrderId;
    into.createdDate ??= row.createdDate;
    into.extra = { ...row.extra, ...into.extra };
    into.valid = into.valid && row.valid;
  }
}
