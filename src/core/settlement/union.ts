/**
 * Row identity across files. Overlapping downloads repeat rows, and one file may legitimately hold two
 * identical rows, so rows are counted as a multiset: a row is in the union as many times as the file that
 * holds it most often, never once per file and never collapsed within a file.
 */
import { formatMoney, minorDigits, sen, type Sen } from "../money/money";
import { FEE_BUCKETS } from "../posting/fee-map";
import type { RowKind, SettlementFile, SettlementRow } from "./types";

/** The row's identity: ID, type, settled date and every amount (never the ID alone: refunds share it). */
export function settlementRowKey(row: SettlementRow): string {
  const buckets = FEE_BUCKETS.map((b) => row.feeBuckets[b] ?? 0);
  return [
    row.id,
    row.type,
    row.settledDate,
    row.settlementAmount,
    row.revenue,
    row.fees,
    row.adjustment,
    row.subtotalBeforeDiscounts,
    row.sellerDiscounts,
    row.subtotalAfterDiscounts,
    row.refundSubtotalBeforeDiscounts,
    row.refundOfSellerDiscounts,
    row.refundSubtotalAfterDiscounts,
    ...buckets,
  ].join("|");
}

/** A store's key of the row, as the ledger records it once posted. */
export function postedRowKey(shopId: string, row: SettlementRow): string {
  return `tiktok:${shopId}:settlement:${settlementRowKey(row)}`;
}

/** Several files read together: their rows once each, problems tagged with their file. */
export function unionSettlementFiles(files: SettlementFile[]): SettlementFile {
  if (files.length === 1) return files[0];
  const problems = files.flatMap((f) => f.problems.map((p) => ({ ...p, file: f.file })));
  const currencies = [...new Set(files.map((f) => f.currency).filter((c): c is string => c !== null))];
  if (currencies.length > 1) {
    problems.push({
      severity: "error",
      line: null,
      column: "Currency",
      code: "MIXED_CURRENCY",
      message: `The files are in different currencies (${files.map((f) => `${f.file}: ${f.currency}`).join(", ")}). Load each store's settlement separately.`,
      file: files[0].file,
    });
  }
  const kept = new Map<string, { file: string; line: number }[]>();
  const rows: SettlementRow[] = [];
  for (const f of files) {
    const occurrence = new Map<string, number>();
    for (const row of f.rows) {
      const key = settlementRowKey(row);
      const n = occurrence.get(key) ?? 0;
      occurrence.set(key, n + 1);
      const holders = kept.get(key) ?? [];
      const line = row.sourceLines[0] ?? 0;
      if (n < holders.length) {
        const first = holders[n];
        const digits = minorDigits(row.currency);
        problems.push({
          severity: "warning",
          line,
          column: null,
          code: "ROW_IN_SEVERAL_FILES",
          message: `${f.file} row ${line}: ${row.type} ${row.id} settled ${row.settledDate} (${formatMoney(row.settlementAmount, digits)}) is also in ${first.file} row ${first.line}; it is counted once.`,
          file: f.file,
        });
        continue;
      }
      holders.push({ file: f.file, line });
      kept.set(key, holders);
      rows.push({ ...row, file: f.file });
    }
  }
  const totals: Record<string, Sen> = {};
  for (const row of [...rows].sort((a, b) =>
    a.settledDate < b.settledDate ? -1 : a.settledDate > b.settledDate ? 1 : 0,
  )) {
    totals[row.settledDate] = sen((totals[row.settledDate] ?? 0) + row.settlementAmount);
  }
  const counts: Record<RowKind, number> = { order: 0, refund: 0, adjustment: 0 };
  for (const row of rows) counts[row.kind] += 1;
  const layouts = new Set(files.map((f) => f.layout));
  return {
    file: files.map((f) => f.file).join(", "),
    layout: layouts.size === 1 ? files[0].layout : null,
    currency: currencies.length === 1 ? currencies[0] : null,
    rows,
    totalsBySettledDate: totals,
    problems,
    accepted: !problems.some((p) => p.severity === "error"),
    counts,
  };
}
