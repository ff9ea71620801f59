/**
 * Reads the records of one settlement export (already split into cells) into rows: finds the header below
 * any banner rows, maps columns by name, reads each cell as text, checks each row's identities to the sen,
 * classifies rows and merges per-SKU rows. Fed in slices, so a large file never blocks the caller.
 */
import { formatMoney, minorDigits, sen, ZERO, type Sen } from "../money/money";
import {
  allocateFees,
  DEFAULT_FEE_MAP,
  feeColumnRole,
  planFeeColumns,
  type FeeBucket,
  type FeeColumnPlan,
  type FeeMap,
} from "../posting/fee-map";
import { isNone, normalizeType, readAmount, readDate, readId } from "./cells";
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
  shippingParts: { index: number; header: string }[];
  extra: { index: number; key: string }[];
  amountColumns: number[];
  /** Unknown columns outside the fee block: read as money only to explain a fee mismatch, so text is fine. */
  textTolerant: Set<number>;
}

interface Tally {
  count: number;
  line: number;
  column: string;
}

function listRows(lines: number[]): string {
  const shown = lines.slice(0, LISTED_ROWS).join(", ");
  return lines.length > LISTED_ROWS ? `${shown} and ${lines.length - LISTED_ROWS} more` : shown;
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
  private readonly damagedIds = new Map<string, { lines: number[]; sample: string }>();
  private readonly otherCurrency: { line: number; currency: string }[] = [];
  private currency: string | null = null;
  private readonly tallies = new Map<string, Tally>();
  private readonly otherFeeWarned = new Set<number>();
  private longRowWarned = false;
  private readonly unknownTypes = new Set<string>();
  /** Types and dates repeat on most rows: each distinct text is read once. */
  private readonly types = new Map<string, string>();
  private readonly dates = new Map<string, string | null | undefined>();

  /** `decimalComma`: the file writes decimals with a comma (it is `;`-delimited). */
  constructor(
    private readonly options: ReaderOptions,
    private readonly decimalComma = false,
  ) {
    this.feeMap = options.feeMap ?? DEFAULT_FEE_MAP;
    if (options.currency) this.currency = options.currency.trim().toUpperCase();
  }

  private remembered<T>(seen: Map<string, T>, text: string, read: (text: string) => T): T {
    if (seen.has(text)) return seen.get(text) as T;
    const value = read(text);
    if (seen.size < 4096) seen.set(text, value);
    return value;
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
      this.readRecord(record, this.recordNo);
    }
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
    const totals: Record<string, Sen> = {};
    const dated = rows.filter((r) => r.settledDate !== "");
    for (const row of dated.sort((a, b) =>
      a.settledDate < b.settledDate ? -1 : a.settledDate > b.settledDate ? 1 : 0,
    )) {
      totals[row.settledDate] = sen((totals[row.settledDate] ?? 0) + row.settlementAmount);
    }
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
    return {
      headers,
      headerLine,
      index,
      layout,
      perSku: layout === "cross-border" || layout === "us-statement",
      feePlan,
      noFeeDetail: feePlan.parents.length === 0 && feePlan.otherFees.length === 0,
      shippingParts,
      extra,
      amountColumns,
      textTolerant: new Set(
        feePlan.outside.filter((c) => feeColumnRole(this.feeMap, c.header) === undefined).map((c) => c.index),
      ),
    };
  }

  private readRecord(record: string[], line: number): void {
    const cols = this.columns as Columns;
    const { index, headers } = cols;
    const { file } = this.options;
    const cell = (c: Concept): string | undefined =>
      index[c] === undefined ? undefined : (record[index[c] as number] ?? "");
    const header = (i: number) => headers[i].trim() || `Column ${i + 1}`;
    const label = (c: Concept) => (index[c] === undefined ? CONCEPT_LABEL[c] : header(index[c] as number));
    const at = `${file} row ${line}`;

    if (
      record.length > headers.length &&
      !this.longRowWarned &&
      record.slice(headers.length).some((v) => v.trim() !== "")
    ) {
      this.longRowWarned = true;
      this.warning(
        line,
        null,
        "EXTRA_CELLS",
        `${at} has more cells than the header has columns; the cells past the last column were ignored.`,
      );
    }

    const type = this.remembered(this.types, cell("type") ?? "", normalizeType);
    const typeKey = type.toLowerCase();
    const currencyCell = (cell("currency") ?? "").trim().toUpperCase();
    const rowCurrency = isNone(currencyCell) ? this.currency : currencyCell;
    const digits = minorDigits(rowCurrency ?? "MYR");
    if (this.currency === null && rowCurrency) this.currency = rowCurrency;
    else if (rowCurrency && rowCurrency !== this.currency && !this.fatal)
      this.otherCurrency.push({ line, currency: rowCurrency });

    let valid = true;
    const amounts: (Sen | undefined)[] = [];
    for (const i of cols.amountColumns) {
      const text = record[i] ?? "";
      const reading = readAmount(text, digits, this.decimalComma);
      if (reading.ok) {
        amounts[i] = reading.value;
        if (reading.thousands) this.tally("THOUSANDS_SEPARATOR", line, header(i));
        if (reading.decimalComma) this.tally("DECIMAL_COMMA", line, header(i));
        if (reading.decorated) this.tally("DECORATED_AMOUNT", line, header(i));
      } else if (cols.textTolerant.has(i)) {
        // An unknown column outside the fee block may hold text: it is kept raw, not read as money.
      } else {
        valid = false;
        if (!this.fatal) {
          this.error(
            line,
            header(i),
            "BAD_AMOUNT",
            reading.reason === "digits"
              ? `${at}, column "${header(i)}": "${text.trim()}" has more decimals than ${rowCurrency ?? "the currency"} allows (${digits}). Download the file again from Seller Center.`
              : `${at}, column "${header(i)}": "${text.trim()}" is not an amount. Correct the cell (amounts look like -12.30) or download the file again from Seller Center.`,
          );
        }
      }
    }
    const amount = (c: Concept): Sen | undefined =>
      index[c] === undefined ? undefined : (amounts[index[c] as number] ?? ZERO);

    // Revenue tree. A layout may lack some children: they are derived, and then not checked.
    const revenue = amount("revenue") ?? ZERO;
    const before = amount("subtotalBefore");
    const disc = amount("sellerDiscounts");
    const refundBefore = amount("refundBefore");
    const refundDisc = amount("refundSellerDiscounts");
    let after = amount("subtotalAfter") ?? (before !== undefined ? sen(before + (disc ?? 0)) : undefined);
    let refundAfter =
      amount("refundAfter") ??
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
    this.counts[kind] += 1;
    if (this.fatal) return;

    const money = (v: number) => formatMoney(sen(v), digits);
    const broken = (column: string, message: string) => {
      valid = false;
      this.error(
        line,
        column,
        "IDENTITY_BROKEN",
        `${at}, column "${column}": ${message} Download the file again from Seller Center; if the row still does not add up, report it to TikTok Seller Support.`,
      );
    };

    // IDs are text; Excel-damaged ones are collected and refuse the file.
    const idOf = (c: Concept, required: boolean): string | null => {
      const text = cell(c);
      if (text === undefined) return null;
      const reading = readId(text);
      if (reading.ok) {
        if (reading.value === null && required) {
          valid = false;
          this.error(
            line,
            label(c),
            "MISSING_ID",
            `${at} has no ${label(c)}. Download the file again from Seller Center; rows are never posted without their ID.`,
          );
        }
        return reading.value;
      }
      if (reading.reason === "excel") {
        const d = this.damagedIds.get(label(c));
        if (d) d.lines.push(line);
        else this.damagedIds.set(label(c), { lines: [line], sample: text.trim() });
      } else {
        valid = false;
        this.error(
          line,
          label(c),
          "BAD_ID",
          `${at}, column "${label(c)}": "${text.trim()}" is not an ID (IDs are digits only). Download the file again from Seller Center.`,
        );
      }
      return null;
    };
    const id = idOf("id", true) ?? "";
    const relatedOrderId = idOf("relatedOrderId", false);
    const statementId = idOf("statementId", false);
    const skuId = idOf("skuId", false);

    if (type === "") {
      valid = false;
      this.error(
        line,
        label("type"),
        "MISSING_TYPE",
        `${at} has no Type. Download the file again from Seller Center.`,
      );
    }
    if (type.includes("\uFFFD")) this.tally("ENCODING_IN_TYPE", line, label("type"));
    else if (
      kind === "adjustment" &&
      type !== "" &&
      !KNOWN_TYPES.has(typeKey) &&
      !this.unknownTypes.has(typeKey)
    ) {
      this.unknownTypes.add(typeKey);
      this.warning(
        line,
        label("type"),
        "UNKNOWN_TYPE",
        `${at}: Type "${type}" is new to ShopBooks; its rows are booked as TikTok adjustments. Check them in the TikTok Adjustment document after posting.`,
      );
    }

    const settledText = cell("settledDate") ?? "";
    const settledDate = this.remembered(this.dates, settledText, readDate);
    if (!settledDate) {
      valid = false;
      this.error(
        line,
        label("settledDate"),
        settledDate === null ? "MISSING_DATE" : "BAD_DATE",
        settledDate === null
          ? `${at} has no settled date in "${label("settledDate")}". Download the file again from Seller Center.`
          : `${at}, column "${label("settledDate")}": "${settledText.trim()}" is not a date as Seller Center writes it (YYYY/MM/DD). Download the file again instead of re-saving it in Excel.`,
      );
    }
    const createdDate =
      index.createdDate === undefined
        ? null
        : (this.remembered(this.dates, cell("createdDate") ?? "", readDate) ?? null);

    const settlement = amount("settlement") ?? ZERO;
    const feesTotal = sen((amount("feesTotal") ?? 0) + (amount("shippingTotal") ?? 0));
    const feesLabel =
      index.shippingTotal !== undefined
        ? `${label("feesTotal")} + ${label("shippingTotal")}`
        : label("feesTotal");
    const adjustment = amount("adjustment") ?? sen(settlement - revenue - feesTotal);

    if (valid) {
      if (settlement !== revenue + feesTotal + adjustment) {
        broken(
          label("settlement"),
          `${money(settlement)} ≠ ${label("revenue")} ${money(revenue)} + ${feesLabel} ${money(feesTotal)} + ${label("adjustment")} ${money(adjustment)} = ${money(revenue + feesTotal + adjustment)}.`,
        );
      }
      if (revenueChecked && revenue !== subtotalAfter + refundSubtotalAfter) {
        broken(
          label("revenue"),
          `${money(revenue)} ≠ subtotal after seller discounts ${money(subtotalAfter)} + refund subtotal after seller discounts ${money(refundSubtotalAfter)}.`,
        );
      }
      const signed = (b: Sen, d: Sen, a: Sen) => a === b + d || a === b - d;
      if (
        index.subtotalAfter !== undefined &&
        before !== undefined &&
        disc !== undefined &&
        !signed(before, disc, subtotalAfter)
      ) {
        broken(
          label("subtotalAfter"),
          `${money(subtotalAfter)} ≠ ${label("subtotalBefore")} ${money(before)} + ${label("sellerDiscounts")} ${money(disc)}.`,
        );
      }
      if (
        index.refundAfter !== undefined &&
        refundBefore !== undefined &&
        refundDisc !== undefined &&
        !signed(refundBefore, refundDisc, refundSubtotalAfter)
      ) {
        broken(
          label("refundAfter"),
          `${money(refundSubtotalAfter)} ≠ ${label("refundBefore")} ${money(refundBefore)} + ${label("refundSellerDiscounts")} ${money(refundDisc)}.`,
        );
      }
    }

    let feeBuckets: Partial<Record<FeeBucket, Sen>>;
    if (cols.noFeeDetail) feeBuckets = feesTotal !== 0 ? { "Other fees": feesTotal } : {};
    else {
      const allocation = allocateFees(cols.feePlan, amounts, feesTotal, feesLabel, digits);
      feeBuckets = allocation.buckets;
      if (allocation.mismatch && valid) {
        valid = false;
        const column = allocation.mismatch.column ?? label("feesTotal");
        this.error(line, column, "FEE_MAP_MISMATCH", `${at}: ${allocation.mismatch.message}`);
      }
      for (const o of cols.feePlan.otherFees) {
        if ((amounts[o.index] ?? 0) !== 0 && !this.otherFeeWarned.has(o.index)) {
          this.otherFeeWarned.add(o.index);
          this.warning(
            line,
            header(o.index),
            "UNMAPPED_FEE_COLUMN",
            `${file}: column "${header(o.index)}" is not in the fee map (first amount at row ${line}); its amounts are booked as Other fees. Add it to a fee bucket in the store's fee map if it belongs elsewhere.`,
          );
        }
      }
    }
    if (kind !== "adjustment" && adjustment !== 0) feeBuckets = { ...feeBuckets, Adjustment: adjustment };

    const shippingParts: Record<string, Sen> = {};
    for (const p of cols.shippingParts) {
      const v = amounts[p.index] ?? 0;
      if (v !== 0) shippingParts[p.header.trim()] = sen(v);
    }
    const extra: Record<string, string> = {};
    for (const e of cols.extra) {
      const v = record[e.index];
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
      valid,
    };
    if (cols.perSku) this.mergeSkuRow(row);
    else this.rows.push(row);
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
