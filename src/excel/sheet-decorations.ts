/**
 * What a sheet shows besides its values, decided once for every adapter (Excel, preview, memory, .xlsx):
 * coloured Status cells and cells that link to a row of another sheet.
 */
import type { CellValue, ColumnSpec } from "../core/sheets/table";
import type { LinkTarget, TableOptions } from "./workbook";

/** Invoice No (TikTok Orders, settlement rows, …) leads to the invoice's row in "Sales Invoices". */
export const DEFAULT_LINKS: Record<string, LinkTarget> = {
  "Invoice No": { sheet: "Sales Invoices", keyColumn: "Doc No" },
};

export interface StatusStyle {
  /** A Status cell starting with this text gets the style. */
  prefix: string;
  fill: string;
  font: string;
}

/** Excel's own "Good", "Bad" and "Neutral"-like greys. */
export const STATUS_STYLES: StatusStyle[] = [
  { prefix: "Success", fill: "#C6EFCE", font: "#006100" },
  { prefix: "Failed", fill: "#FFC7CE", font: "#9C0006" },
  { prefix: "Posted", fill: "#E7E6E6", font: "#595959" },
  // Settlement rows that cannot be posted yet: an order without an invoice, a row breaking its identity.
  { prefix: "Missing invoice", fill: "#FFC7CE", font: "#9C0006" },
  { prefix: "Broken", fill: "#FFC7CE", font: "#9C0006" },
];

export function statusStyleOf(value: CellValue | undefined): StatusStyle | undefined {
  return typeof value === "string" ? STATUS_STYLES.find((s) => value.startsWith(s.prefix)) : undefined;
}

/** Columns whose cells are coloured by their text: the posting-result column, "Status". */
export function statusColumns(columns: ColumnSpec[]): number[] {
  return columns.flatMap((c, i) => (c.kind === "status" && c.name === "Status" ? [i] : []));
}

/** Column index → where its values lead. A sheet never links to itself. */
export function linkColumns(
  sheet: string,
  columns: ColumnSpec[],
  options: TableOptions = {},
): Map<number, LinkTarget> {
  const targets = { ...DEFAULT_LINKS, ...options.links };
  const links = new Map<number, LinkTarget>();
  columns.forEach((column, i) => {
    const target = targets[column.name];
    if (target && target.sheet !== sheet) links.set(i, target);
  });
  return links;
}

/** Excel keeps a link's text to 255 characters. */
const MAX_LINK_TEXT = 255;

/** Whether a value can be a link: non-empty text short enough for a link's text. */
export function isLinkable(value: CellValue | undefined): value is string {
  return typeof value === "string" && value.trim() !== "" && value.length <= MAX_LINK_TEXT;
}

export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Zero-based data row of the target holding `value` in its key column, or -1. */
export function findLinkedRow(
  target: LinkTarget,
  value: string,
  sheetOf: (name: string) => { columns: ColumnSpec[]; rows: CellValue[][] } | undefined,
): number {
  const sheet = sheetOf(target.sheet);
  const key = sheet?.columns.findIndex((c) => c.name === target.keyColumn) ?? -1;
  if (!sheet || key < 0) return -1;
  return sheet.rows.findIndex((row) => row[key] === value);
}
