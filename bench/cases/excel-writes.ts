/** Excel writes: syncs and the largest request for 20,000 order rows through the Excel adapter (fake Excel). */
import { installFakeExcel, uninstallFakeExcel } from "../../test/excel/fake-excel";
import { createOfficeWorkbook } from "../../src/excel/office-workbook";
import { ORDER_COLUMNS } from "../../src/core/sheets/order-sheets";
import type { CellValue } from "../../src/core/sheets/table";
import { round, type BenchResult } from "../measure";

export async function benchExcelWrites(rows: number): Promise<BenchResult> {
  const excel = installFakeExcel(18);
  try {
    const data: CellValue[][] = Array.from({ length: rows }, (_, i) => [
      false, String(579912345678900000n + BigInt(i)), "2026-03-01", "DELIVERED", "Post", 2, 3, 1234.5, 10, 5.25, 4.9, 1229.15, "", "",
    ]);
    await createOfficeWorkbook().writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: data });
    const largest = Math.max(...excel.syncs.map((s) => s.bytes));
    return {
      case: "excel-writes",
      figure: "context.sync() calls",
      value: excel.syncs.length,
      baseline: { figure: "ceil(rows / 5,000)", value: Math.ceil(rows / 5000) },
      ratio: round(excel.syncs.length / Math.ceil(rows / 5000)),
      target: "≤ 5 syncs and every request ≤ 4 MB",
      met: excel.syncs.length <= 5 && largest <= 4_000_000,
      details: { rows, largestRequestBytes: largest },
    };
  } finally {
    uninstallFakeExcel();
  }
}
