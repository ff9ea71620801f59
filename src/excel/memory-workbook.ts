/**
 * A workbook held in memory, for Node tests and the command line. It keeps values exactly as written;
 * `edit` plays the part of a user changing a cell.
 */
import type { ChartSheet } from "../core/sheets/chart-sheet";
import type { CellValue, SheetTable } from "../core/sheets/table";
import type { SnapshotSheet, TableEdit, TableOptions, Workbook, WorkbookSnapshot } from "./workbook";

export interface MemoryWorkbook extends Workbook {
  sheets: Map<string, SheetTable>;
  /** Options of the last write of each sheet (item codes offered, …). */
  options: Map<string, TableOptions>;
  /** Sheets of charts (the Dashboard), by name. */
  chartSheets: Map<string, ChartSheet>;
  snapshot(): WorkbookSnapshot;
  forgets(sheet: string): boolean;
  /** A user edit: changes one cell and tells the sheet's onEdit handlers. */
  edit(sheet: string, row: number, column: string, value: CellValue): void;
}

function rowObject(table: SheetTable, row: CellValue[]): Record<string, CellValue> {
  const values: Record<string, CellValue> = {};
  table.columns.forEach((column, i) => (values[column.name] = row[i] ?? null));
  return values;
}

export interface MemoryWorkbookOptions {
  /**
   * Sheets written and forgotten: a command that never shows them (nor reads them back) need not hold
   * their rows. Reading one answers that there is no such sheet.
   */
  forget?: readonly string[];
}

export function createMemoryWorkbook(workbookOptions: MemoryWorkbookOptions = {}): MemoryWorkbook {
  const forget = new Set(workbookOptions.forget ?? []);
  const sheets = new Map<string, SheetTable>();
  const options = new Map<string, TableOptions>();
  const chartSheets = new Map<string, ChartSheet>();
  const handlers = new Map<string, Set<(edit: TableEdit) => void>>();
  /** Sheet names in tab order. */
  const order: string[] = [];
  let active: string | null = null;
  const place = (sheet: string) => {
    if (!order.includes(sheet)) order.push(sheet);
    if (active === null) active = sheet;
  };

  const requireSheet = (sheet: string): SheetTable => {
    const table = sheets.get(sheet);
    if (!table) throw new Error(`There is no "${sheet}" sheet yet.`);
    return table;
  };
  const columnIndex = (table: SheetTable, sheet: string, column: string): number => {
    const index = table.columns.findIndex((c) => c.name === column);
    if (index < 0) throw new Error(`The "${sheet}" sheet has no "${column}" column.`);
    return index;
  };

  return {
    sheets,
    options,
    chartSheets,
    forgets: (sheet) => forget.has(sheet),
    async writeTable(sheet, table, tableOptions) {
      if (forget.has(sheet)) return;
      chartSheets.delete(sheet);
      sheets.set(sheet, {
        columns: table.columns.map((c) => ({ ...c })),
        rows: table.rows.map((r) => [...r]),
      });
      options.set(sheet, { ...tableOptions });
      place(sheet);
    },
    async writeChartSheet(sheet, content) {
      sheets.delete(sheet);
      options.delete(sheet);
      chartSheets.set(sheet, structuredClone(content));
      place(sheet);
    },
    snapshot() {
      const all: SnapshotSheet[] = order.flatMap((name): SnapshotSheet[] => {
        const table = sheets.get(name);
        if (table)
          return [
            {
              kind: "table",
              name,
              table: structuredClone(table),
              options: structuredClone(options.get(name) ?? {}),
            },
          ];
        const content = chartSheets.get(name);
        return content ? [{ kind: "charts", name, content: structuredClone(content) }] : [];
      });
      return { sheets: all };
    },
    async updateRows(sheet, keyColumn, updates) {
      const table = requireSheet(sheet);
      const key = columnIndex(table, sheet, keyColumn);
      for (const row of table.rows) {
        const change = updates[String(row[key] ?? "")];
        if (!change) continue;
        for (const [column, value] of Object.entries(change)) row[columnIndex(table, sheet, column)] = value;
      }
    },
    async readTable(sheet) {
      const table = sheets.get(sheet);
      return table ? table.rows.map((row) => rowObject(table, row)) : null;
    },
    async onEdit(sheet, handler) {
      const set = handlers.get(sheet) ?? new Set();
      set.add(handler);
      handlers.set(sheet, set);
      return () => void set.delete(handler);
    },
    async activeSheet() {
      return active;
    },
    async activate(sheet) {
      if (!chartSheets.has(sheet)) requireSheet(sheet);
      active = sheet;
    },
    edit(sheet, row, column, value) {
      const table = requireSheet(sheet);
      const cells = table.rows[row];
      if (!cells) throw new Error(`The "${sheet}" sheet has no row ${row}.`);
      cells[columnIndex(table, sheet, column)] = value;
      const edit: TableEdit = { sheet, row, column, value, rowValues: rowObject(table, cells) };
      for (const handler of [...(handlers.get(sheet) ?? [])]) handler(edit);
    },
  };
}
