/**
 * The workbook inside Excel: the only code that calls Excel.*. Sheets are Excel tables created over
 * pre-written ranges, written in chunks (≤ 5,000 rows and ≤ 4 MB per sync), with text always literal.
 * Our own writes run with events off and a writing flag, so they never reach onEdit handlers.
 */
import type { ChartKind, ChartSheet } from "../core/sheets/chart-sheet";
import type { CellValue, ColumnKind, SheetTable } from "../core/sheets/table";
import {
  DEFAULT_LINKS,
  isLinkable,
  linkColumns,
  quoteSheetName,
  STATUS_STYLES,
  statusColumns,
} from "./sheet-decorations";
import {
  chunkRows,
  dateToSerial,
  jsonBytes,
  literalText,
  readLiteralText,
  serialToDate,
} from "./sheet-safety";
import type { LinkTarget, TableEdit, TableOptions, Workbook } from "./workbook";

export const MAX_ROWS_PER_SYNC = 5000;
export const MAX_BYTES_PER_SYNC = 4_000_000;
export const LISTS_SHEET = "ShopBooks Lists";
export const ITEM_CODES_NAME = "ShopBooksItemCodes";
/** Excel's limit for an inline comma-separated validation list. */
const INLINE_LIST_MAX = 255;
const DATE_FORMAT = "yyyy-mm-dd";

const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: "@",
  id: "@",
  status: "@",
  itemCode: "@",
  amount: "#,##0.00",
  quantity: "0",
  date: DATE_FORMAT,
  tick: "General",
};

type ExcelValue = string | number | boolean;

const LINK_FONT = "#0563C1";
const CHART_TYPES: Record<ChartKind, string> = {
  line: "Line",
  column: "ColumnClustered",
  bar: "BarClustered",
};

function excelApi(version: string): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported("ExcelApi", version) === true
    );
  } catch {
    return false;
  }
}

/** A value as Excel should receive it: literal text, dates as serial numbers, blanks as "". */
export function toExcelValue(value: CellValue | undefined, kind: ColumnKind): ExcelValue {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return value;
  if (kind === "date") return dateToSerial(value) ?? literalText(value);
  return literalText(value);
}

/** A value read from Excel, back in the product's terms. */
export function fromExcelValue(value: unknown, numberFormat: unknown): CellValue {
  if (typeof value === "string") return readLiteralText(value);
  if (typeof value === "number") return numberFormat === DATE_FORMAT ? serialToDate(value) : value;
  if (typeof value === "boolean") return value;
  return null;
}

/** Excel table names: letters, digits and underscores, not looking like a cell reference. */
export function tableNameFor(sheet: string): string {
  let name = sheet.replace(/[^A-Za-z0-9_]/g, "");
  if (!/^[A-Za-z_]/.test(name)) name = `T_${name}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*([RrCc]\d*)?$/.test(name)) name = `T_${name}`;
  return name.slice(0, 250);
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3", "Sheet!B3:D7", "'My Sheet'!$B$3" → zero-based first row/column and size. */
export function parseAddress(
  address: string,
): { row: number; column: number; rows: number; columns: number } | undefined {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(local);
  if (!match) return undefined;
  const c1 = columnIndex(match[1]);
  const r1 = Number(match[2]) - 1;
  const c2 = match[3] ? columnIndex(match[3]) : c1;
  const r2 = match[4] ? Number(match[4]) - 1 : r1;
  return {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    columns: Math.abs(c2 - c1) + 1,
  };
}

function quoteSheet(name: string): string {
  return quoteSheetName(name);
}

function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The item codes as a validation source: inline when short, else a range on the hidden lists sheet. */
function inlineListSource(codes: string[]): string | undefined {
  if (codes.some((c) => c.includes(",") || c !== c.trim() || /^[=+\-@]/.test(c))) return undefined;
  const source = codes.join(",");
  return source.length <= INLINE_LIST_MAX ? source : undefined;
}

interface Attachment {
  tableId: string;
}

interface TableShape {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  top: number;
  left: number;
  rowCount: number;
  header: string[];
  /** Number format of each column's first data cell, to recognise date columns. */
  formats: unknown[];
}

export function createOfficeWorkbook(): Workbook {
  const handlers = new Map<string, Set<(edit: TableEdit) => void>>();
  const attached = new Map<string, Attachment>();
  const attaching = new Map<string, Promise<void>>();
  /** Link columns of each sheet as last written, by column name (updateRows links too). */
  const sheetLinks = new Map<string, Map<string, LinkTarget>>();
  /** Row (zero-based, header at 0) of each key of each link target written in this session. */
  const linkIndex = new Map<string, Map<string, number>>();
  const indexKey = (target: LinkTarget) => `${target.sheet}\u0000${target.keyColumn}`;
  let writing = 0;
  let queue: Promise<unknown> = Promise.resolve();

  /** One write at a time, so chunks of two writes never interleave and events go back on exactly once. */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      writing++;
      try {
        return await work();
      } finally {
        writing--;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const quiet = (context: Excel.RequestContext, on: boolean) => {
    if (excelApi("1.8")) context.runtime.enableEvents = !on;
  };
  const suspendCalculation = (context: Excel.RequestContext) => {
    if (excelApi("1.6")) context.application.suspendApiCalculationUntilNextSync();
  };
  const restoreEvents = async (context: Excel.RequestContext) => {
    try {
      quiet(context, false);
      await context.sync();
    } catch {
      // The original error matters more than a failed restore.
    }
  };

  const dispatch = async (sheetName: string, args: Excel.TableChangedEventArgs): Promise<void> => {
    if (writing > 0) return;
    const listeners = handlers.get(sheetName);
    if (!listeners?.size || attached.get(sheetName)?.tableId !== args.tableId) return;
    const changed = parseAddress(args.address);
    if (!changed) return;
    await Excel.run(async (context) => {
      const table = context.workbook.tables.getItem(args.tableId);
      const whole = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
      const headerRange = table.getHeaderRowRange().load("values");
      await context.sync();
      const first = Math.max(changed.row, whole.rowIndex + 1);
      const last = Math.min(changed.row + changed.rows - 1, whole.rowIndex + whole.rowCount - 1);
      const firstColumn = Math.max(changed.column, whole.columnIndex);
      const lastColumn = Math.min(
        changed.column + changed.columns - 1,
        whole.columnIndex + whole.columnCount - 1,
      );
      if (first > last || firstColumn > lastColumn) return;
      const block = table.worksheet
        .getRangeByIndexes(first, whole.columnIndex, last - first + 1, whole.columnCount)
        .load("values,numberFormat");
      await context.sync();
      const header = headerRange.values[0].map((h) => String(fromExcelValue(h, "@") ?? ""));
      block.values.forEach((rawRow, i) => {
        const rowValues: Record<string, CellValue> = {};
        header.forEach((name, c) => (rowValues[name] = fromExcelValue(rawRow[c], block.numberFormat[i][c])));
        for (let c = firstColumn - whole.columnIndex; c <= lastColumn - whole.columnIndex; c++) {
          const edit: TableEdit = {
            sheet: sheetName,
            row: first + i - whole.rowIndex - 1,
            column: header[c],
            value: rowValues[header[c]],
            rowValues: { ...rowValues },
          };
          for (const handler of [...listeners]) handler(edit);
        }
      });
    });
  };

  const watch = (sheetName: string, table: Excel.Table) =>
    table.onChanged.add(async (args) => {
      try {
        await dispatch(sheetName, args);
      } catch {
        // An edit we cannot read back is not worth interrupting the user for.
      }
    });

  /** The table on a sheet (the first one, if the user added more), or undefined. */
  const findTable = async (
    context: Excel.RequestContext,
    sheetName: string,
  ): Promise<Excel.Table | undefined> => {
    const tables = context.workbook.tables.load("items/name,items/id,items/worksheet/name");
    await context.sync();
    return tables.items.find((t) => t.worksheet.name === sheetName);
  };

  /** Position, header and column formats of a sheet's table (one sync). */
  const shapeOf = async (context: Excel.RequestContext, table: Excel.Table): Promise<TableShape> => {
    const whole = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
    const headerRange = table.getHeaderRowRange().load("values");
    const firstRow = table.getHeaderRowRange().getOffsetRange(1, 0).load("numberFormat");
    await context.sync();
    return {
      table,
      sheet: table.worksheet,
      top: whole.rowIndex,
      left: whole.columnIndex,
      rowCount: whole.rowCount - 1,
      header: headerRange.values[0].map((h) => String(fromExcelValue(h, "@") ?? "")),
      formats: firstRow.numberFormat[0],
    };
  };

  /**
   * A link cell's hyperlink (ExcelApi 1.7): to its row in the target, when that row is known. Cell
   * hyperlinks, not HYPERLINK formulas: a formula written into a table column can make Excel fill the
   * whole column with it ("calculated columns").
   */
  const linkTo = (target: LinkTarget, value: CellValue | undefined): Excel.RangeHyperlink | undefined => {
    if (!isLinkable(value) || literalText(value) !== value || !excelApi("1.7")) return undefined;
    const row = linkIndex.get(indexKey(target))?.get(value);
    if (row === undefined) return undefined;
    return {
      documentReference: `${quoteSheet(target.sheet)}!A${row + 1}`,
      textToDisplay: value,
      screenTip: `Go to ${value} in ${target.sheet}`,
    };
  };

  /** Sheets linking to `target`, with the link columns concerned. */
  const sourcesOf = (target: string): [string, [string, LinkTarget][]][] =>
    [...sheetLinks]
      .map(([source, links]): [string, [string, LinkTarget][]] => [
        source,
        [...links].filter(([, t]) => t.sheet === target),
      ])
      .filter(([source, links]) => source !== target && links.length > 0);

  /** After a target sheet is rewritten, the links of the sheets pointing at it follow its rows. */
  const relink = async (context: Excel.RequestContext, target: string) => {
    for (const [source, links] of sourcesOf(target)) {
      const table = await findTable(context, source);
      if (!table) continue;
      const shape = await shapeOf(context, table);
      if (shape.rowCount === 0) continue;
      for (const [columnName, link] of links) {
        const c = shape.header.indexOf(columnName);
        if (c < 0) continue;
        const blocks: Excel.Range[] = [];
        for (let start = 0; start < shape.rowCount; start += MAX_ROWS_PER_SYNC) {
          const count = Math.min(MAX_ROWS_PER_SYNC, shape.rowCount - start);
          blocks.push(
            shape.sheet.getRangeByIndexes(shape.top + 1 + start, shape.left + c, count, 1).load("values"),
          );
        }
        await context.sync();
        shape.sheet
          .getRangeByIndexes(shape.top + 1, shape.left + c, shape.rowCount, 1)
          .clear("Hyperlinks" as Excel.ClearApplyTo);
        let pending = 0;
        for (let b = 0; b < blocks.length; b++) {
          for (let r = 0; r < blocks[b].values.length; r++) {
            const hyperlink = linkTo(link, fromExcelValue(blocks[b].values[r][0], "@"));
            if (!hyperlink) continue;
            shape.sheet.getRangeByIndexes(
              shape.top + 1 + b * MAX_ROWS_PER_SYNC + r,
              shape.left + c,
              1,
              1,
            ).hyperlink = hyperlink;
            if (++pending >= MAX_ROWS_PER_SYNC) {
              suspendCalculation(context);
              await context.sync();
              pending = 0;
            }
          }
        }
      }
    }
  };

  const writeTable = (sheetName: string, data: SheetTable, options: TableOptions = {}) =>
    exclusive(async () => {
      const columns = data.columns;
      if (columns.length === 0) throw new Error(`The "${sheetName}" sheet needs at least one column.`);
      const width = columns.length;
      const header = columns.map((c) => literalText(c.name));
      const links = linkColumns(sheetName, columns, options);
      sheetLinks.set(sheetName, new Map([...links].map(([c, target]) => [columns[c].name, target])));
      const targets = [
        ...new Map(
          [...Object.values(DEFAULT_LINKS), ...[...sheetLinks.values()].flatMap((l) => [...l.values()])]
            .filter((t) => t.sheet === sheetName)
            .map((t) => [indexKey(t), t]),
        ).values(),
      ];
      const body = data.rows.map((row) => columns.map((c, i) => toExcelValue(row[i], c.kind)));
      const bodyFormats = columns.map((c) => NUMBER_FORMATS[c.kind]);
      // A hyperlink travels with its row: about as many bytes as its reference and text.
      const linkBytes = links.size * 200;
      const codes = [...new Set((options.itemCodes ?? []).filter((c) => c.trim() !== ""))];
      const hasItemCodes = columns.some((c) => c.kind === "itemCode") && codes.length > 0;
      const inlineSource = hasItemCodes ? inlineListSource(codes) : undefined;
      const useListsSheet = hasItemCodes && inlineSource === undefined;
      const listValues = useListsSheet ? codes.map((c) => [literalText(c)]) : [];

      const overhead = jsonBytes([header, bodyFormats.map(() => "@")]) + 2 * jsonBytes(listValues) + 4096;
      const chunks = chunkRows(body, {
        maxRows: MAX_ROWS_PER_SYNC,
        maxBytes: MAX_BYTES_PER_SYNC - overhead,
        extraBytesPerRow: jsonBytes(bodyFormats) + 1 + linkBytes,
      });
      if (chunks.length === 0) chunks.push([]);
      const bodyRows = Math.max(body.length, 1); // an Excel table always has at least one data row

      await Excel.run(async (context) => {
        const book = context.workbook;
        const sheets = book.worksheets.load("items/name");
        const tables = book.tables.load("items/name,items/worksheet/name");
        const names = useListsSheet ? book.names.load("items/name") : undefined;
        await context.sync();

        try {
          const sheetExists = sheets.items.some((s) => s.name === sheetName);
          const sheet = sheetExists ? book.worksheets.getItem(sheetName) : book.worksheets.add(sheetName);
          quiet(context, true);
          for (const t of tables.items) if (t.worksheet.name === sheetName) t.delete();
          if (excelApi("1.6")) sheet.getRange().conditionalFormats.clearAll();
          sheet.getRange().clear();
          sheet.getRangeByIndexes(0, 0, 1, width).numberFormat = [header.map(() => "@")];
          sheet.getRangeByIndexes(0, 0, 1, width).values = [header];

          let listSource = inlineSource;
          if (useListsSheet) {
            const lists = sheets.items.some((s) => s.name === LISTS_SHEET)
              ? book.worksheets.getItem(LISTS_SHEET)
              : book.worksheets.add(LISTS_SHEET);
            lists.visibility = "Hidden";
            lists.getRange("A:A").clear();
            const listRange = lists.getRangeByIndexes(0, 0, listValues.length, 1);
            listRange.numberFormat = listValues.map(() => ["@"]);
            listRange.values = listValues;
            const reference = `=${quoteSheet(LISTS_SHEET)}!$A$1:$A$${listValues.length}`;
            if (names?.items.some((n) => n.name === ITEM_CODES_NAME))
              book.names.getItem(ITEM_CODES_NAME).formula = reference;
            else book.names.add(ITEM_CODES_NAME, listRange);
            listSource = `=${ITEM_CODES_NAME}`;
          }
          let row = 1;
          for (let i = 0; i < chunks.length; i++) {
            const chunk = chunks[i];
            const count = Math.max(chunk.length, body.length === 0 ? 1 : 0);
            if (count > 0) {
              const range = sheet.getRangeByIndexes(row, 0, count, width);
              range.numberFormat = Array.from({ length: count }, () => bodyFormats);
              if (chunk.length > 0) range.values = chunk;
              for (const [c, target] of links) {
                for (let k = 0; k < chunk.length; k++) {
                  const hyperlink = linkTo(target, data.rows[row - 1 + k][c]);
                  if (hyperlink) sheet.getRangeByIndexes(row + k, c, 1, 1).hyperlink = hyperlink;
                }
              }
              row += count;
            }
            if (i === chunks.length - 1) {
              const taken = new Set(
                tables.items.filter((t) => t.worksheet.name !== sheetName).map((t) => t.name.toLowerCase()),
              );
              const base = tableNameFor(sheetName);
              let name = base;
              for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
              const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, bodyRows + 1, width), true);
              table.name = name;
              table.load("id");
              columns.forEach((column, c) => {
                const cells = sheet.getRangeByIndexes(1, c, bodyRows, 1);
                if (column.kind === "tick") {
                  if (excelApi("1.18")) cells.control = { type: Excel.CellControlType.checkbox };
                  else {
                    cells.dataValidation.clear();
                    cells.dataValidation.rule = { list: { inCellDropDown: true, source: "TRUE,FALSE" } };
                  }
                } else if (column.kind === "itemCode" && listSource) {
                  cells.dataValidation.clear();
                  cells.dataValidation.ignoreBlanks = true;
                  cells.dataValidation.rule = { list: { inCellDropDown: true, source: listSource } };
                  cells.dataValidation.errorAlert = {
                    showAlert: true,
                    style: "Warning",
                    title: "Item Code",
                    message: "This is not a stock item code. Pick one from the list.",
                  };
                }
                if (links.has(c)) {
                  cells.format.font.color = LINK_FONT;
                  cells.format.font.underline = "Single";
                }
              });
              if (excelApi("1.6")) {
                for (const c of statusColumns(columns)) {
                  const cells = sheet.getRangeByIndexes(1, c, bodyRows, 1);
                  for (const style of STATUS_STYLES) {
                    const format = cells.conditionalFormats.add(
                      "ContainsText" as Excel.ConditionalFormatType,
                    );
                    format.textComparison.format.fill.color = style.fill;
                    format.textComparison.format.font.color = style.font;
                    format.textComparison.rule = {
                      operator: "BeginsWith" as Excel.ConditionalTextOperator,
                      text: style.prefix,
                    };
                  }
                }
              }
              sheet.freezePanes.freezeRows(1);
              sheet.getRangeByIndexes(0, 0, bodyRows + 1, width).format.autofitColumns();
              watch(sheetName, table);
              for (const target of targets) {
                const key = columns.findIndex((c) => c.name === target.keyColumn);
                const rows = new Map<string, number>();
                if (key >= 0)
                  data.rows.forEach(
                    (r, i) => typeof r[key] === "string" && !rows.has(r[key]) && rows.set(r[key], i + 1),
                  );
                linkIndex.set(indexKey(target), rows);
              }
              if (targets.length > 0 && sourcesOf(sheetName).length > 0) {
                suspendCalculation(context);
                await context.sync();
                await relink(context, sheetName);
              }
              quiet(context, false);
              suspendCalculation(context);
              await context.sync();
              attached.set(sheetName, { tableId: table.id });
            } else {
              suspendCalculation(context);
              await context.sync();
            }
          }
        } catch (error) {
          await restoreEvents(context);
          throw error;
        }
      });
    });

  const updateRows = (
    sheetName: string,
    keyColumn: string,
    updates: Record<string, Record<string, CellValue>>,
  ) =>
    exclusive(async () => {
      if (Object.keys(updates).length === 0) return;
      await Excel.run(async (context) => {
        const table = await findTable(context, sheetName);
        if (!table) throw new Error(`There is no "${sheetName}" table to update: fetch it again.`);
        const shape = await shapeOf(context, table);
        const key = shape.header.indexOf(keyColumn);
        if (key < 0) throw new Error(`The "${sheetName}" sheet has no "${keyColumn}" column.`);
        const targets = new Map<string, number>();
        for (const change of Object.values(updates)) {
          for (const column of Object.keys(change)) {
            const index = shape.header.indexOf(column);
            if (index < 0) throw new Error(`The "${sheetName}" sheet has no "${column}" column.`);
            targets.set(column, index);
          }
        }

        /** A value for Excel and, in a link column, the cell's hyperlink (null: none). */
        type Cell = [ExcelValue, Excel.RangeHyperlink | null | undefined];
        const kindOf = (c: number): ColumnKind => (shape.formats[c] === DATE_FORMAT ? "date" : "text");
        const links =
          sheetLinks.get(sheetName) ??
          new Map(Object.entries(DEFAULT_LINKS).filter(([, t]) => t.sheet !== sheetName));
        const cellAt = (c: number, value: CellValue): Cell => {
          const link = links.get(shape.header[c]);
          return [
            toExcelValue(value, kindOf(c)),
            link && excelApi("1.7") ? (linkTo(link, value) ?? null) : undefined,
          ];
        };
        const writes = new Map<number, Map<number, Cell>>(); // column → data row → cell
        const watched = [key, ...new Set(targets.values())];
        for (let start = 0; start < shape.rowCount; start += MAX_ROWS_PER_SYNC) {
          const count = Math.min(MAX_ROWS_PER_SYNC, shape.rowCount - start);
          const ranges = watched.map((c) =>
            shape.sheet.getRangeByIndexes(shape.top + 1 + start, shape.left + c, count, 1).load("values"),
          );
          await context.sync();
          const keys = ranges[0].values;
          for (let r = 0; r < count; r++) {
            const change = updates[String(fromExcelValue(keys[r][0], shape.formats[key]) ?? "")];
            if (!change) continue;
            for (const [column, value] of Object.entries(change)) {
              const c = targets.get(column)!;
              const current = fromExcelValue(ranges[watched.indexOf(c)].values[r][0], shape.formats[c]);
              if (current === (value ?? "")) continue;
              const cells = writes.get(c) ?? new Map<number, Cell>();
              cells.set(start + r, cellAt(c, value));
              writes.set(c, cells);
            }
          }
        }
        if (writes.size === 0) return;

        // Contiguous rows of one column travel as one range; runs are then packed into chunks.
        interface Run {
          column: number;
          row: number;
          values: ExcelValue[][];
          /** In link columns, each row's hyperlink (null: remove any). */
          links?: (Excel.RangeHyperlink | null)[];
        }
        const runs: Run[] = [];
        for (const [column, cells] of writes) {
          let run: Run | undefined;
          for (const row of [...cells.keys()].sort((a, b) => a - b)) {
            const [value, link] = cells.get(row)!;
            if (!(run && row === run.row + run.values.length && run.values.length < MAX_ROWS_PER_SYNC)) {
              runs.push((run = { column, row, values: [], links: link === undefined ? undefined : [] }));
            }
            run.values.push([value]);
            run.links?.push(link ?? null);
          }
        }
        const batches: Run[][] = [[]];
        let rows = 0;
        let bytes = 0;
        for (const run of runs) {
          const size = jsonBytes(run.values) + (run.links ? jsonBytes(run.links) + run.links.length * 64 : 0);
          if (
            batches[batches.length - 1].length > 0 &&
            (rows + run.values.length > MAX_ROWS_PER_SYNC || bytes + size > MAX_BYTES_PER_SYNC)
          ) {
            batches.push([]);
            rows = 0;
            bytes = 0;
          }
          batches[batches.length - 1].push(run);
          rows += run.values.length;
          bytes += size;
        }

        try {
          quiet(context, true);
          for (let i = 0; i < batches.length; i++) {
            for (const run of batches[i]) {
              const range = shape.sheet.getRangeByIndexes(
                shape.top + 1 + run.row,
                shape.left + run.column,
                run.values.length,
                1,
              );
              range.values = run.values;
              run.links?.forEach((hyperlink, k) => {
                const cell = shape.sheet.getRangeByIndexes(
                  shape.top + 1 + run.row + k,
                  shape.left + run.column,
                  1,
                  1,
                );
                if (hyperlink) cell.hyperlink = hyperlink;
                else cell.clear("Hyperlinks" as Excel.ClearApplyTo);
              });
            }
            if (i === batches.length - 1) quiet(context, false);
            suspendCalculation(context);
            await context.sync();
          }
        } catch (error) {
          await restoreEvents(context);
          throw error;
        }
      });
    });

  /**
   * The Dashboard: a title, then each block's title and note, its table, and a chart beside the table.
   * Small data: one write and one sync after the first look at the workbook.
   */
  const writeChartSheet = (sheetName: string, content: ChartSheet) =>
    exclusive(async () => {
      await Excel.run(async (context) => {
        const book = context.workbook;
        const sheets = book.worksheets.load("items/name");
        const tables = book.tables.load("items/name,items/worksheet/name");
        await context.sync();
        const sheet = sheets.items.some((s) => s.name === sheetName)
          ? book.worksheets.getItem(sheetName)
          : book.worksheets.add(sheetName);
        const charts = sheet.charts.load("items/name");
        await context.sync();
        try {
          quiet(context, true);
          for (const chart of charts.items) chart.delete();
          for (const t of tables.items) if (t.worksheet.name === sheetName) t.delete();
          sheet.getRange().clear();
          const taken = new Set(
            tables.items.filter((t) => t.worksheet.name !== sheetName).map((t) => t.name.toLowerCase()),
          );
          const title = sheet.getRangeByIndexes(0, 0, 1, 1);
          title.values = [[literalText(content.title)]];
          title.format.font.bold = true;
          title.format.font.size = 16;
          if (content.subtitle) {
            const subtitle = sheet.getRangeByIndexes(1, 0, 1, 1);
            subtitle.values = [[literalText(content.subtitle)]];
            subtitle.format.font.color = "#616161";
          }

          const widest = Math.max(1, ...content.blocks.map((b) => b.table.columns.length));
          let top = 3;
          for (const block of content.blocks) {
            const { columns } = block.table;
            const width = columns.length;
            const heading = sheet.getRangeByIndexes(top, 0, 1, 1);
            heading.values = [[literalText(block.title)]];
            heading.format.font.bold = true;
            heading.format.font.size = 13;
            let tableTop = top + 1;
            if (block.note) {
              const note = sheet.getRangeByIndexes(tableTop, 0, 1, 1);
              note.values = [[literalText(block.note)]];
              note.format.font.italic = true;
              note.format.font.color = "#616161";
              tableTop++;
            }
            const rows = Math.max(block.table.rows.length, 1);
            const headerRange = sheet.getRangeByIndexes(tableTop, 0, 1, width);
            headerRange.numberFormat = [columns.map(() => "@")];
            headerRange.values = [columns.map((c) => literalText(c.name))];
            const bodyRange = sheet.getRangeByIndexes(tableTop + 1, 0, rows, width);
            bodyRange.numberFormat = Array.from({ length: rows }, () =>
              columns.map((c) => NUMBER_FORMATS[c.kind]),
            );
            bodyRange.values =
              block.table.rows.length > 0
                ? block.table.rows.map((row) => columns.map((c, i) => toExcelValue(row[i], c.kind)))
                : [columns.map(() => "")];
            const whole = sheet.getRangeByIndexes(tableTop, 0, rows + 1, width);
            const table = sheet.tables.add(whole, true);
            const base = tableNameFor(`${sheetName} ${block.title}`);
            let name = base;
            for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
            taken.add(name.toLowerCase());
            table.name = name;

            const used = [block.chart.category, ...block.chart.series].map((n) =>
              columns.findIndex((c) => c.name === n),
            );
            if (used.some((i) => i < 0))
              throw new Error(`The "${block.title}" chart names a column its table does not have.`);
            const contiguous = used.every((c, i) => i === 0 || c === used[i - 1] + 1);
            const source = contiguous
              ? sheet.getRangeByIndexes(tableTop, used[0], rows + 1, used.length)
              : sheet.getRangeByIndexes(tableTop, 0, rows + 1, width);
            const chart = sheet.charts.add(
              CHART_TYPES[block.chart.kind] as Excel.ChartType,
              source,
              "Columns" as Excel.ChartSeriesBy,
            );
            chart.title.text = block.title;
            chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
            const chartRows = Math.max(rows + 2, 14);
            const left = columnLetters(widest + 1);
            const right = columnLetters(widest + 8);
            chart.setPosition(`${left}${top + 1}`, `${right}${top + chartRows}`);
            top += Math.max(tableTop - top + rows + 1, chartRows) + 2;
          }
          sheet.getRangeByIndexes(2, 0, Math.max(top - 2, 1), widest).format.autofitColumns();
          quiet(context, false);
          suspendCalculation(context);
          await context.sync();
        } catch (error) {
          await restoreEvents(context);
          throw error;
        }
      });
    });

  const readTable = async (sheetName: string): Promise<Record<string, CellValue>[] | null> =>
    Excel.run(async (context) => {
      const table = await findTable(context, sheetName);
      if (!table) return null;
      const shape = await shapeOf(context, table);
      const result: Record<string, CellValue>[] = [];
      for (let start = 0; start < shape.rowCount; start += MAX_ROWS_PER_SYNC) {
        const count = Math.min(MAX_ROWS_PER_SYNC, shape.rowCount - start);
        const block = shape.sheet
          .getRangeByIndexes(shape.top + 1 + start, shape.left, count, shape.header.length)
          .load("values");
        await context.sync();
        for (const raw of block.values) {
          if (raw.every((v) => v === "" || v === null)) continue;
          const row: Record<string, CellValue> = {};
          shape.header.forEach((name, c) => (row[name] = fromExcelValue(raw[c], shape.formats[c])));
          result.push(row);
        }
      }
      return result;
    });

  const onEdit = async (sheetName: string, handler: (edit: TableEdit) => void): Promise<() => void> => {
    const set = handlers.get(sheetName) ?? new Set();
    set.add(handler);
    handlers.set(sheetName, set);
    if (!attached.has(sheetName) && !attaching.has(sheetName)) {
      // A table left from an earlier session: watch it now (later writes attach to their new table).
      const attach = Excel.run(async (context) => {
        const table = await findTable(context, sheetName);
        if (!table || attached.has(sheetName)) return;
        watch(sheetName, table);
        await context.sync();
        attached.set(sheetName, { tableId: table.id });
      });
      attaching.set(sheetName, attach);
      try {
        await attach;
      } finally {
        attaching.delete(sheetName);
      }
    }
    return () => void set.delete(handler);
  };

  const activeSheet = () =>
    Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      return sheet.name;
    });

  const activate = (sheetName: string) =>
    Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      if (!sheets.items.some((s) => s.name === sheetName))
        throw new Error(`There is no "${sheetName}" sheet yet.`);
      context.workbook.worksheets.getItem(sheetName).activate();
      await context.sync();
    });

  return { writeTable, updateRows, readTable, onEdit, activeSheet, activate, writeChartSheet };
}
