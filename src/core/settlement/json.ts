/** A SettlementFile as plain JSON: amounts as decimal strings with the currency's minor digits ("20.01", IDR "123497"). */
import { formatMoney, minorDigits, type Sen } from "../money/money";
import { FEE_BUCKETS } from "../posting/fee-map";
import type { RowKind, SettlementFile, Severity } from "./types";

export interface SettlementRowJson {
  id: string;
  type: string;
  kind: RowKind;
  settledDate: string;
  settlementAmount: string;
  revenue: string;
  fees: string;
  adjustment: string;
  relatedOrderId: string | null;
  feeBuckets: Record<string, string>;
  sourceLines: number[];
}

export interface SettlementFileJson {
  file: string;
  layout: string | null;
  currency: string | null;
  rows: SettlementRowJson[];
  totalsBySettledDate: Record<string, string>;
  problems: {
    severity: Severity;
    line: number | null;
    column: string | null;
    code: string;
    message: string;
  }[];
}

export function settlementFileToJson(file: SettlementFile): SettlementFileJson {
  const digits = minorDigits(file.currency ?? "MYR");
  const money = (v: Sen) => formatMoney(v, digits);
  return {
    file: file.file,
    layout: file.layout,
    currency: file.currency,
    rows: file.rows.map((row) => {
      const feeBuckets: Record<string, string> = {};
      for (const b of FEE_BUCKETS) {
        const v = row.feeBuckets[b];
        if (v !== undefined && v !== 0) feeBuckets[b] = money(v);
      }
      return {
        id: row.id,
        type: row.type,
        kind: row.kind,
        settledDate: row.settledDate,
        settlementAmount: money(row.settlementAmount),
        revenue: money(row.revenue),
        fees: money(row.fees),
        adjustment: money(row.adjustment),
        relatedOrderId: row.relatedOrderId,
        feeBuckets,
        sourceLines: row.sourceLines,
      };
    }),
    totalsBySettledDate: Object.fromEntries(
      Object.entries(file.totalsBySettledDate).map(([date, v]) => [date, money(v)]),
    ),
    problems: file.problems.map(({ severity, line, column, code, message }) => ({
      severity,
      line,
      column,
      code,
      message,
    })),
  };
}
