/**
 * A workbook snapshot as an .xlsx file (exceljs): the same sheets as Excel tables with filter buttons,
 * frozen headers, number formats, fitted widths, tick and item-code dropdowns, Status colours and
 * Invoice No links. Text is stored as text cells, so nothing from TikTok or a file becomes a formula.
 * A sheet of charts keeps its figures as tables; exceljs cannot draw charts.
 */
import ExcelJS from "exceljs";
import type { ChartSheet } from "../core/sheets/chart-sheet";
import type { CellValue, ColumnKind, SheetTable } from "../core/sheets/table";
import { tableNameFor } from "./office-workbook";
import {
  findLinkedRow,
  isLinkable,
  linkColumns,
  quoteSheetName,
  STATUS_STYLES,
  statusColumns,
} from "./sheet-decorations";
import { dateToSerial } from "./sheet-safety";
import type { SnapshotSheet, TableOptions, WorkbookSnapshot } from "./workbook";

export const XLSX_LISTS_SHEET = "ShopBooks Lists";
export const CHARTS_NOTE =
  "Excel draws these charts when the sheet is written by the ShopBooks add-in; this file keeps their figures.";
const INLINE_LIST_MAX = 255;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_OFFSET = 25569;

const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: "@",
  id: "@",
  status: "@",
  itemCode: "@",
  amount: "#,##0.00",
  quantity: "0",
  date: "yyyy-mm-dd",
  tick: "General",
};

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\ , unique ignoring case. */
function sheetNameFor(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "Sheet";
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A cell value for exceljs: dates as Date (UTC midnight), the rest as they are. */
function xlsxValue(value: CellValue | undefined, kind: ColumnKind): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (kind === "date" && typeof value === "string") {
    const serial = dateToSerial(value);
    return serial === undefined ? value : new Date((serial - EXCEL_EPOCH_OFFSET) * DAY_MS);
  }
  return value;
}

function displayLength(value: CellValue | undefined, kind: ColumnKind): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number" && kind === "amount")
    return Math.abs(value).toFixed(2).length + Math.floor(Math.log10(Math.max(Math.abs(value), 1)) / 3) + 1;
  return String(value).length;
}

interface Lists {
  sheet?: ExcelJS.Worksheet;
  columns: number;
}

/** The source of an item-code dropdown: inline when short, else a column of the hidden lists sheet. */
function listSource(book: ExcelJS.Workbook, lists: Lists, codes: string[]): string | undefined {
  const unique = [...new Set(codes.filter((c) => c.trim() !== ""))];
  if (unique.length === 0) return undefined;
  const inline = unique.join(",");
  if (
    inline.length <= INLINE_LIST_MAX &&
    !unique.some((c) => c.includes(",") || c.includes('"') || c !== c.trim())
  )
    return `"${inline}"`;
  lists.sheet ??= book.addWorksheet(XLSX_LISTS_SHEET, { state: "hidden" });
  const letters = columnLetters(lists.columns++);
  unique.forEach((code, i) => {
    const cell = lists.sheet!.getCell(`${letters}${i + 1}`);
    cell.value = code;
    cell.numFmt = "@";
  });
  return `${quoteSheetName(XLSX_LISTS_SHEET)}!$${letters}$1:$${letters}$${unique.length}`;
}

/** Writes a table at `top` (zero-based row), returning how many rows it took (header included). */
function writeTableAt(
  sheet: ExcelJS.Worksheet,
  name: string,
  top: number,
  table: SheetTable,
  decorate: (row: number, column: number, cell: ExcelJS.Cell) => void = () => undefined,
): number {
  const { columns } = table;
  const rows = table.rows.length > 0 ? table.rows : [columns.map(() => null)];
  sheet.addTable({
    name,
    ref: `A${top + 1}`,
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    rows: rows.map((row) => columns.map((c, i) => xlsxValue(row[i], c.kind))),
  });
  columns.forEach((column, c) => {
    sheet.getCell(top + 1, c + 1).numFmt = "@";
    rows.forEach((_, r) => {
      const cell = sheet.getCell(top + 2 + r, c + 1);
      cell.numFmt = NUMBER_FORMATS[column.kind];
      decorate(r, c, cell);
    });
  });
  return rows.length + 1;
}

function fitWidths(sheet: ExcelJS.Worksheet, tables: SheetTable[], minimum = 8): void {
  const widths: number[] = [];
  for (const table of tables) {
    table.columns.forEach((column, c) => {
      let width = Math.max(column.name.length + 3, minimum); // room for the filter button
      for (const row of table.rows) width = Math.max(width, displayLength(row[c], column.kind) + 2);
      widths[c] = Math.max(widths[c] ?? 0, Math.min(width, 60));
    });
  }
  widths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));
}

function addTableSheet(
  book: ExcelJS.Workbook,
  sheetName: string,
  table: SheetTable,
  options: TableOptions,
  snapshot: WorkbookSnapshot,
  lists: Lists,
  tableNames: Set<string>,
): void {
  const sheet = book.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const links = linkColumns(sheetName, table.columns, options);
  const itemCodeSource = table.columns.some((c) => c.kind === "itemCode")
    ? listSource(book, lists, options.itemCodes ?? [])
    : undefined;
  const tablesOf = (name: string) => {
    const found = snapshot.sheets.find(
      (s): s is Extract<SnapshotSheet, { kind: "table" }> => s.kind === "table" && s.name === name,
    );
    return found?.table;
  };
  writeTableAt(sheet, uniqueTableName(tableNameFor(sheetName), tableNames), 0, table, (r, c, cell) => {
    const column = table.columns[c];
    const value = table.rows[r]?.[c];
    if (column.kind === "tick") {
      cell.dataValidation = { type: "list", allowBlank: true, formulae: ['"TRUE,FALSE"'] };
    } else if (column.kind === "itemCode" && itemCodeSource) {
      cell.dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [itemCodeSource],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "Item Code",
        error: "This is not a stock item code. Pick one from the list.",
      };
    }
    const link = links.get(c);
    if (link && isLinkable(value)) {
      const row = findLinkedRow(link, value, tablesOf);
      if (row >= 0) {
        cell.value = { text: value, hyperlink: `#${quoteSheetName(link.sheet)}!A${row + 2}` };
        cell.font = { color: { argb: argb("#0563C1") }, underline: true };
      }
    }
  });
  const bodyRows = Math.max(table.rows.length, 1);
  for (const c of statusColumns(table.columns)) {
    const letters = columnLetters(c);
    sheet.addConditionalFormatting({
      ref: `${letters}2:${letters}${bodyRows + 1}`,
      rules: STATUS_STYLES.map((style, priority) => ({
        type: "expression",
        priority: priority + 1,
        formulae: [`LEFT(${letters}2,${style.prefix.length})="${style.prefix}"`],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(style.fill) } },
          font: { color: { argb: argb(style.font) } },
        },
      })),
    });
  }
  fitWidths(sheet, [table]);
}

function uniqueTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function addChartsSheet(
  book: ExcelJS.Workbook,
  sheetName: string,
  content: ChartSheet,
  tableNames: Set<string>,
): void {
  const sheet = book.addWorksheet(sheetName);
  sheet.getCell("A1").value = content.title;
  sheet.getCell("A1").font = { bold: true, size: 16 };
  const notes = [content.subtitle, CHARTS_NOTE].filter((n): n is string => !!n);
  notes.forEach((note, i) => {
    const cell = sheet.getCell(2 + i, 1);
    cell.value = note;
    cell.font = { color: { argb: argb("#616161") } };
  });
  let top = notes.length + 2;
  for (const block of content.blocks) {
    const heading = sheet.getCell(top + 1, 1);
    heading.value = block.title;
    heading.font = { bold: true, size: 13 };
    top++;
    if (block.note) {
      const note = sheet.getCell(top + 1, 1);
      note.value = block.note;
      note.font = { italic: true, color: { argb: argb("#616161") } };
      top++;
    }
    top +=
      writeTableAt(
        sheet,
        uniqueTableName(tableNameFor(`${sheetName} ${block.title}`), tableNames),
        top,
        block.table,
      ) + 1;
  }
  fitWidths(
    sheet,
    content.blocks.map((b) => b.table),
    12,
  );
}

/** The snapshot as the bytes of an .xlsx file. */
export async function writeWorkbookXlsx(
  snapshot: WorkbookSnapshot,
  creator = "ShopBooks",
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = creator;
  const taken = new Set<string>([XLSX_LISTS_SHEET.toLowerCase()]);
  const tableNames = new Set<string>();
  const lists: Lists = { columns: 0 };
  for (const entry of snapshot.sheets) {
    const name = sheetNameFor(entry.name, taken);
    if (entry.kind === "table")
      addTableSheet(book, name, entry.table, entry.options, snapshot, lists, tableNames);
    else addChartsSheet(book, name, entry.content, tableNames);
  }
  if (book.worksheets.length === 0) book.addWorksheet("ShopBooks").getCell("A1").value = "No sheets yet.";
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
