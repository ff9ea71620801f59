/**
 * The narrow workbook interface the product talks to. Two implementations: Excel (office-workbook.ts,
 * the only code that calls Excel.*) and the in-page preview (preview-workbook.ts) used in a plain browser.
 */
import type { ChartSheet } from "../core/sheets/chart-sheet";
import type { CellValue, SheetTable } from "../core/sheets/table";

export type { CellValue, ColumnKind, ColumnSpec, SheetTable } from "../core/sheets/table";
export type { ChartBlock, ChartKind, ChartSheet } from "../core/sheets/chart-sheet";
export { isTicked } from "../core/sheets/table";

/** Where a link cell leads: the row of `sheet` whose `keyColumn` holds the cell's value. */
export interface LinkTarget {
  sheet: string;
  keyColumn: string;
}

export interface TableOptions {
  /** Items offered in the dropdown of "itemCode" columns. */
  itemCodes?: string[];
  /** Columns (by name) whose values link to another sheet's row; added to DEFAULT_LINKS (Invoice No → Sales Invoices). */
  links?: Record<string, LinkTarget>;
}

/** Everything a workbook shows, as plain data: what the .xlsx export writes. */
export interface WorkbookSnapshot {
  sheets: SnapshotSheet[];
}

export type SnapshotSheet =
  | { kind: "table"; name: string; table: SheetTable; options: TableOptions }
  | { kind: "charts"; name: string; content: ChartSheet };

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
  updateRows(
    sheet: string,
    keyColumn: string,
    updates: Record<string, Record<string, CellValue>>,
  ): Promise<void>;
  /** Reads the table back as values keyed by column name; null when the sheet does not exist. */
  readTable(sheet: string): Promise<Record<string, CellValue>[] | null>;
  /** Watches user edits of a sheet's table; returns a function that stops watching. */
  onEdit(sheet: string, handler: (edit: TableEdit) => void): Promise<() => void>;
  /** Name of the sheet the user is looking at. */
  activeSheet(): Promise<string | null>;
  /** Brings a sheet to the front. */
  activate(sheet: string): Promise<void>;
  /** Replaces a sheet with titled blocks, each a small table and a chart drawn from it (the Dashboard). */
  writeChartSheet(sheet: string, content: ChartSheet): Promise<void>;
  /** The sheets as written, in tab order: in-page and in-memory workbooks only (Excel keeps its own file). */
  snapshot?(): WorkbookSnapshot;
  /** True for a sheet this workbook would not keep (nothing shows it): a writer may skip building it. */
  forgets?(sheet: string): boolean;
}
