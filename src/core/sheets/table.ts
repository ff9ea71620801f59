/** A sheet's table as plain data: what the product shows, independent of Excel or the preview. */
export type CellValue = string | number | boolean | null;

/** How a column is written and formatted. Text columns are always literal text: never formulas, never numbers. */
export type ColumnKind = "text" | "id" | "amount" | "quantity" | "date" | "tick" | "status" | "itemCode";

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
}

export interface SheetTable {
  columns: ColumnSpec[];
  /** Row values in column order. Amounts are numbers in major units; dates are "YYYY-MM-DD"; ticks booleans. */
  rows: CellValue[][];
}

/** A tick cell holds true, or the text "TRUE" when typed by hand. */
export function isTicked(value: CellValue | undefined): boolean {
  return value === true || (typeof value === "string" && value.trim().toUpperCase() === "TRUE");
}
