/**
 * The narrow workbook interface the product talks to. Two implementations: Excel (office-workbook.ts,
 * the only code that calls Excel.*) and the in-page preview (preview-workbook.ts) used in a plain browser.
 */
import type { CellValue, SheetTable } from "../core/sheets/table";

export type { CellValue, ColumnKind, ColumnSpec, SheetTable } from "../core/sheets/table";
export { isTicked } from "../core/sheets/table";

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
