/**
 * The narrow workbook interface the product talks to. Two implementations: Excel (office-workbook.ts,
 * the only code that calls Excel.*) and the in-page preview (preview-workbook.ts) used in a plain browser.
 */
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

export interface TableOptions {
  /** Items offered in the dropdown of "itemCode" columns. */
  itemCodes?: string[];
}

/** A cell the user changed in a table (never fired for our own writes). */
export interface TableEdit {
  sheet: string;
  /** Zero-based data row index (header excluded). */
  row: number;
  column: string;
  value: CellValue;
  /** The row's values after the edit, by column name. */
  rowValues: Record<string, CellValue>;
}

export interface Workbook {
  /** Replaces the sheet's table (creating the sheet) with these columns and rows. */
  writeTable(sheet: string, table: SheetTable, options?: TableOptions): Promise<void>;
  /** Rewrites some cells of existing rows, located by a key column. Unknown keys are ignored. */
  updateRows(sheet: string, keyColumn: string, updates: Record<string, Record<string, CellValue>>): Promise<void>;
  /** Reads the table back as values keyed by column name; null when the sheet does not exist. */
  readTable(sheet: string): Promise<Record<string, CellValue>[] | null>;
  /** Watches user edits of a sheet's table; returns a function that stops watching. */
  onEdit(sheet: string, handler: (edit: TableEdit) => void): Promise<() => void>;
  /** Name of the sheet the user is looking at. */
  activeSheet(): Promise<string | null>;
  /** Brings a sheet to the front. */
  activate(sheet: string): Promise<void>;
}

/** A tick cell holds true, or the text "TRUE" when typed by hand. */
export function isTicked(value: CellValue | undefined): boolean {
  return value === true || (typeof value === "string" && value.trim().toUpperCase() === "TRUE");
}
