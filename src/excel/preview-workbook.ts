/**
 * The in-page workbook of preview mode: each sheet is a tab holding an HTML table
 * (`<table data-sheet="NAME">`). Tick and Item Code cells are editable; everything else is text set via
 * textContent, so hostile strings render literally. Plain DOM, no React.
 */
import type { ChartSheet } from "../core/sheets/chart-sheet";
import { isTicked, type CellValue, type ColumnSpec, type SheetTable } from "../core/sheets/table";
import { drawChart } from "./preview-charts";
import { findLinkedRow, isLinkable, linkColumns, statusColumns, statusStyleOf } from "./sheet-decorations";
import type {
  LinkTarget,
  SnapshotSheet,
  TableEdit,
  TableOptions,
  Workbook,
  WorkbookSnapshot,
} from "./workbook";

const STYLE_ID = "sb-workbook-style";
const WORKBOOK_CSS = `
.sb-workbook { flex: 1; min-height: 0; display: flex; flex-direction: column; font: 13px "Segoe UI", system-ui, sans-serif; color: #242424; background: #fff; }
.sb-tabs { display: flex; flex-wrap: wrap; gap: 2px; padding: 0 8px; border-bottom: 1px solid #d6d6d6; background: #f3f3f3; flex: none; }
.sb-tab { border: none; background: transparent; padding: 7px 14px 5px; font: inherit; color: #424242; cursor: pointer; border-bottom: 3px solid transparent; white-space: nowrap; }
.sb-tab:hover { background: #e8e8e8; }
.sb-tab[aria-selected="true"] { color: #107c41; font-weight: 600; border-bottom-color: #107c41; background: #fff; }
.sb-panels { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.sb-panel { flex: 1; min-height: 0; overflow: auto; }
.sb-panel[hidden] { display: none; }
.sb-empty { padding: 12px; color: #616161; margin: 0; }
.sb-sheet { border-collapse: separate; border-spacing: 0; white-space: nowrap; }
.sb-sheet th, .sb-sheet td { border-right: 1px solid #e0e0e0; border-bottom: 1px solid #e0e0e0; padding: 3px 8px; text-align: left; }
.sb-sheet thead th { position: sticky; top: 0; z-index: 1; background: #f0f6f2; font-weight: 600; border-bottom: 2px solid #107c41; }
.sb-sheet tbody tr:nth-child(even) td { background: #fafafa; }
.sb-sheet tbody tr:hover td { background: #eef6f0; }
.sb-sheet td.sb-num { text-align: right; font-variant-numeric: tabular-nums; }
.sb-sheet td.sb-tick { text-align: center; }
.sb-sheet select { font: inherit; min-width: 8em; }
.sb-sheet a.sb-link { color: #0f6cbd; }
.sb-sheet tr.sb-target td { background: #fff4ce !important; outline: 2px solid #c19c00; outline-offset: -2px; }
.sb-dashboard { padding: 12px 16px; display: flex; flex-direction: column; gap: 6px; }
.sb-dashboard h2 { margin: 0; font-size: 18px; }
.sb-dashboard h3 { margin: 14px 0 0; font-size: 15px; }
.sb-dashboard p { margin: 0; color: #616161; }
.sb-block-body { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.sb-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.sb-chart { max-width: 100%; height: auto; border: 1px solid #e0e0e0; border-radius: 4px; background: #fff; }
`;

/** 1234.5 → "1,234.50"; an amount is never shown through the host's locale. */
export function formatAmount(value: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(2).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(`${whole}.${fraction}`) !== 0;
  return `${negative ? "-" : ""}${grouped}.${fraction}`;
}

function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = WORKBOOK_CSS;
  doc.head.append(style);
}

function displayText(value: CellValue, column: ColumnSpec): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" && column.kind === "amount") return formatAmount(value);
  return String(value);
}

interface PreviewSheet {
  name: string;
  columns: ColumnSpec[];
  rows: CellValue[][];
  itemCodes: string[];
  options: TableOptions;
  links: Map<number, LinkTarget>;
  status: Set<number>;
  /** Set when the sheet is a sheet of charts rather than a table. */
  charts?: ChartSheet;
  tab: HTMLButtonElement;
  panel: HTMLElement;
}

/** A cell the preview's formula bar reads: its sheet, its column's name, and its value. */
export type PreviewCell =
  | { ok: true; sheet: string; column: string; value: CellValue }
  | { ok: false; message: string };

export interface PreviewWorkbook extends Workbook {
  snapshot(): WorkbookSnapshot;
  /**
   * The cell A1 notation names (column 0 is A; row 1 is the header row, row 2 the first data row), on
   * `sheet` or else the active sheet. Beyond the table a cell is empty, as in Excel.
   */
  cell(at: { sheet?: string; column: number; row: number }): PreviewCell;
  /** Calls `listener` with the sheet's name after each write of a sheet; returns a function that stops it. */
  onWrite(listener: (sheet: string) => void): () => void;
}

const workbooksIn = new WeakMap<HTMLElement, PreviewWorkbook>();

/** The preview workbook created in `container`, for the strip mounted beside it (the formula bar). */
export function previewWorkbookIn(container: HTMLElement): PreviewWorkbook | undefined {
  return workbooksIn.get(container);
}

/** "AB" for column 27 (0-based), as Excel names columns. */
function columnLetters(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function createPreviewWorkbook(container: HTMLElement): PreviewWorkbook {
  const doc = container.ownerDocument;
  injectStyles(doc);
  const root = doc.createElement("div");
  root.className = "sb-workbook";
  const tabs = doc.createElement("div");
  tabs.className = "sb-tabs";
  tabs.setAttribute("role", "tablist");
  tabs.setAttribute("aria-label", "Sheets");
  // Arrow keys move between sheet tabs (only the selected tab is in the Tab order), as in a tab list.
  tabs.addEventListener("keydown", (event) => {
    const all = [...tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const current = all.findIndex((t) => t === doc.activeElement);
    if (current < 0) return;
    const next =
      event.key === "ArrowRight"
        ? (current + 1) % all.length
        : event.key === "ArrowLeft"
          ? (current - 1 + all.length) % all.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? all.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    selectSheet(all[next].dataset.sheetTab ?? "");
    all[next].focus();
  });
  const panels = doc.createElement("div");
  panels.className = "sb-panels";
  const placeholder = doc.createElement("p");
  placeholder.className = "sb-empty";
  placeholder.textContent =
    "No sheets yet: fetch products or orders and they appear here, as they would in Excel.";
  panels.append(placeholder);
  root.append(tabs, panels);
  container.append(root);

  const sheets = new Map<string, PreviewSheet>();
  const handlers = new Map<string, Set<(edit: TableEdit) => void>>();
  const writeListeners = new Set<(sheet: string) => void>();
  const written = (sheet: string) => [...writeListeners].forEach((listener) => listener(sheet));
  let active: string | null = null;
  let panelCount = 0;

  const rowObject = (sheet: PreviewSheet, row: CellValue[]): Record<string, CellValue> => {
    const values: Record<string, CellValue> = {};
    sheet.columns.forEach((column, i) => {
      const value = row[i] ?? null;
      values[column.name] = column.kind === "tick" ? isTicked(value) : value;
    });
    return values;
  };

  const userEdit = (sheet: PreviewSheet, rowIndex: number, columnIndex: number, value: CellValue) => {
    const row = sheet.rows[rowIndex];
    row[columnIndex] = value;
    const edit: TableEdit = {
      sheet: sheet.name,
      row: rowIndex,
      column: sheet.columns[columnIndex].name,
      value,
      rowValues: rowObject(sheet, row),
    };
    for (const handler of [...(handlers.get(sheet.name) ?? [])]) handler(edit);
  };

  const rowLabel = (sheet: PreviewSheet, row: CellValue[], firstOnly: boolean): string => {
    const ids = sheet.columns.flatMap((c, i) =>
      c.kind === "id" && row[i] !== null && row[i] !== "" ? [String(row[i])] : [],
    );
    return (firstOnly ? ids.slice(0, 1) : ids).join(" ");
  };

  const fillCell = (sheet: PreviewSheet, td: HTMLTableCellElement, rowIndex: number, columnIndex: number) => {
    const column = sheet.columns[columnIndex];
    const row = sheet.rows[rowIndex];
    const value = row[columnIndex] ?? null;
    td.replaceChildren();
    td.className = "";
    if (column.kind === "tick") {
      td.className = "sb-tick";
      const box = doc.createElement("input");
      box.type = "checkbox";
      box.checked = isTicked(value);
      box.setAttribute("aria-label", `Tick ${rowLabel(sheet, row, true)}`.trim());
      box.addEventListener("change", () => userEdit(sheet, rowIndex, columnIndex, box.checked));
      td.append(box);
      return;
    }
    if (column.kind === "itemCode") {
      const select = doc.createElement("select");
      select.setAttribute("aria-label", `${column.name} ${rowLabel(sheet, row, false)}`.trim());
      const current = value === null ? "" : String(value);
      const codes = ["", ...sheet.itemCodes.filter((c) => c !== "")];
      if (!codes.includes(current)) codes.push(current);
      for (const code of codes) {
        const option = doc.createElement("option");
        option.value = code;
        option.textContent = code;
        select.append(option);
      }
      select.value = current;
      select.addEventListener("change", () => userEdit(sheet, rowIndex, columnIndex, select.value));
      td.append(select);
      return;
    }
    td.removeAttribute("style");
    delete td.dataset.status;
    const link = sheet.links.get(columnIndex);
    if (link && isLinkable(value)) {
      const anchor = doc.createElement("a");
      anchor.href = "#";
      anchor.className = "sb-link";
      anchor.textContent = value;
      anchor.title = `Go to ${value} in ${link.sheet}`;
      anchor.dataset.linkSheet = link.sheet;
      anchor.addEventListener("click", (event) => {
        event.preventDefault();
        followLink(link, value);
      });
      td.append(anchor);
      return;
    }
    const style = sheet.status.has(columnIndex) ? statusStyleOf(value) : undefined;
    if (style) {
      td.style.backgroundColor = style.fill;
      td.style.color = style.font;
      td.dataset.status = style.prefix;
    }
    if ((column.kind === "amount" || column.kind === "quantity") && typeof value === "number")
      td.className = "sb-num";
    td.textContent = displayText(value, column);
  };

  /** Shows the target sheet with the linked row picked out and focused. */
  const followLink = (target: LinkTarget, value: string) => {
    const sheet = sheets.get(target.sheet);
    if (!sheet || sheet.charts) return;
    const row = findLinkedRow(target, value, (name) => sheets.get(name));
    selectSheet(sheet.name);
    const rows = sheet.panel.querySelectorAll<HTMLTableRowElement>("tbody tr");
    rows.forEach((tr) => tr.classList.remove("sb-target"));
    const tr = rows[row];
    if (!tr) return;
    tr.classList.add("sb-target");
    tr.tabIndex = -1;
    tr.scrollIntoView?.({ block: "center" });
    tr.focus();
  };

  const render = (sheet: PreviewSheet) => {
    const table = doc.createElement("table");
    table.className = "sb-sheet";
    table.dataset.sheet = sheet.name;
    const headRow = doc.createElement("tr");
    for (const column of sheet.columns) {
      const th = doc.createElement("th");
      th.scope = "col";
      th.textContent = column.name;
      headRow.append(th);
    }
    const thead = doc.createElement("thead");
    thead.append(headRow);
    const tbody = doc.createElement("tbody");
    sheet.rows.forEach((_, rowIndex) => {
      const tr = doc.createElement("tr");
      sheet.columns.forEach((_, columnIndex) => {
        const td = doc.createElement("td");
        fillCell(sheet, td, rowIndex, columnIndex);
        tr.append(td);
      });
      tbody.append(tr);
    });
    table.append(thead, tbody);
    const parts: HTMLElement[] = [table];
    if (sheet.rows.length === 0) {
      const empty = doc.createElement("p");
      empty.className = "sb-empty";
      empty.textContent = "No rows.";
      parts.push(empty);
    }
    sheet.panel.replaceChildren(...parts);
  };

  const renderCharts = (sheet: PreviewSheet, content: ChartSheet) => {
    const section = doc.createElement("section");
    section.className = "sb-dashboard";
    section.dataset.sheet = sheet.name;
    const title = doc.createElement("h2");
    title.textContent = content.title;
    section.append(title);
    if (content.subtitle) {
      const subtitle = doc.createElement("p");
      subtitle.textContent = content.subtitle;
      section.append(subtitle);
    }
    for (const block of content.blocks) {
      const heading = doc.createElement("h3");
      heading.textContent = block.title;
      section.append(heading);
      if (block.note) {
        const note = doc.createElement("p");
        note.className = "sb-note";
        note.textContent = block.note;
        section.append(note);
      }
      const body = doc.createElement("div");
      body.className = "sb-block-body";
      const table = doc.createElement("table");
      table.className = "sb-sheet";
      table.dataset.chartTable = block.title;
      const caption = doc.createElement("caption");
      caption.className = "sb-visually-hidden";
      caption.textContent = block.title;
      const headRow = doc.createElement("tr");
      for (const column of block.table.columns) {
        const th = doc.createElement("th");
        th.scope = "col";
        th.textContent = column.name;
        headRow.append(th);
      }
      const thead = doc.createElement("thead");
      thead.append(headRow);
      const tbody = doc.createElement("tbody");
      for (const row of block.table.rows) {
        const tr = doc.createElement("tr");
        block.table.columns.forEach((column, i) => {
          const td = doc.createElement("td");
          const value = row[i] ?? null;
          if ((column.kind === "amount" || column.kind === "quantity") && typeof value === "number")
            td.className = "sb-num";
          td.textContent = displayText(value, column);
          tr.append(td);
        });
        tbody.append(tr);
      }
      table.append(caption, thead, tbody);
      body.append(drawChart(doc, block), table);
      section.append(body);
    }
    sheet.panel.replaceChildren(section);
  };

  const selectSheet = (name: string) => {
    active = name;
    for (const sheet of sheets.values()) {
      const on = sheet.name === name;
      sheet.tab.setAttribute("aria-selected", String(on));
      sheet.tab.tabIndex = on ? 0 : -1;
      sheet.panel.hidden = !on;
    }
  };

  const requireSheet = (name: string): PreviewSheet => {
    const sheet = sheets.get(name);
    if (!sheet) throw new Error(`There is no "${name}" sheet yet.`);
    return sheet;
  };

  const addSheet = (name: string): PreviewSheet => {
    const id = `sb-sheet-${++panelCount}`;
    const tab = doc.createElement("button");
    tab.type = "button";
    tab.className = "sb-tab";
    tab.id = `${id}-tab`;
    tab.dataset.sheetTab = name;
    tab.setAttribute("role", "tab");
    tab.tabIndex = -1;
    tab.setAttribute("aria-controls", id);
    tab.textContent = name;
    tab.addEventListener("click", () => selectSheet(name));
    const panel = doc.createElement("div");
    panel.className = "sb-panel";
    panel.id = id;
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.hidden = true;
    panel.tabIndex = 0; // so the keyboard can scroll a wide sheet
    placeholder.remove();
    tabs.append(tab);
    panels.append(panel);
    const sheet: PreviewSheet = {
      name,
      columns: [],
      rows: [],
      itemCodes: [],
      options: {},
      links: new Map(),
      status: new Set(),
      tab,
      panel,
    };
    sheets.set(name, sheet);
    return sheet;
  };

  const workbook: PreviewWorkbook = {
    async writeTable(name: string, table: SheetTable, options?: TableOptions) {
      const sheet = sheets.get(name) ?? addSheet(name);
      sheet.charts = undefined;
      sheet.columns = table.columns.map((c) => ({ ...c }));
      sheet.rows = table.rows.map((r) => [...r]);
      sheet.itemCodes = [...(options?.itemCodes ?? [])];
      sheet.options = structuredClone(options ?? {});
      sheet.links = linkColumns(name, sheet.columns, sheet.options);
      sheet.status = new Set(statusColumns(sheet.columns));
      render(sheet);
      if (active === null) selectSheet(name);
      written(name);
    },

    async updateRows(name, keyColumn, updates) {
      const sheet = requireSheet(name);
      const key = sheet.columns.findIndex((c) => c.name === keyColumn);
      if (key < 0) throw new Error(`The "${name}" sheet has no "${keyColumn}" column.`);
      const tbody = sheet.panel.querySelector("tbody");
      sheet.rows.forEach((row, rowIndex) => {
        const change = updates[String(row[key] ?? "")];
        if (!change) return;
        for (const [columnName, value] of Object.entries(change)) {
          const columnIndex = sheet.columns.findIndex((c) => c.name === columnName);
          if (columnIndex < 0) throw new Error(`The "${name}" sheet has no "${columnName}" column.`);
          row[columnIndex] = value;
          const td = tbody?.rows[rowIndex]?.cells[columnIndex];
          if (td) fillCell(sheet, td, rowIndex, columnIndex);
        }
      });
    },

    async readTable(name) {
      const sheet = sheets.get(name);
      return sheet && !sheet.charts ? sheet.rows.map((row) => rowObject(sheet, row)) : null;
    },

    async writeChartSheet(name, content) {
      const sheet = sheets.get(name) ?? addSheet(name);
      sheet.charts = structuredClone(content);
      sheet.columns = [];
      sheet.rows = [];
      renderCharts(sheet, sheet.charts);
      if (active === null) selectSheet(name);
      written(name);
    },

    snapshot() {
      const names = [...tabs.children].map((tab) => (tab as HTMLElement).dataset.sheetTab ?? "");
      return {
        sheets: names.flatMap((name): SnapshotSheet[] => {
          const sheet = sheets.get(name);
          if (!sheet) return [];
          if (sheet.charts) return [{ kind: "charts", name, content: structuredClone(sheet.charts) }];
          const table = {
            columns: sheet.columns.map((c) => ({ ...c })),
            rows: sheet.rows.map((r) => [...r]),
          };
          return [{ kind: "table", name, table, options: structuredClone(sheet.options) }];
        }),
      };
    },

    async onEdit(name, handler) {
      const set = handlers.get(name) ?? new Set();
      set.add(handler);
      handlers.set(name, set);
      return () => void set.delete(handler);
    },

    async activeSheet() {
      return active;
    },

    async activate(name) {
      requireSheet(name);
      selectSheet(name);
    },

    cell({ sheet: sheetName, column, row }) {
      const name = sheetName ?? active;
      if (name === null) return { ok: false, message: "There are no sheets yet: fetch orders or products first." };
      const sheet = sheets.get(name);
      if (!sheet) return { ok: false, message: `There is no "${name}" sheet.` };
      if (sheet.charts) return { ok: false, message: `"${name}" holds charts, not cells: pick a sheet tab with a table.` };
      const spec = sheet.columns[column];
      const columnName = spec?.name ?? columnLetters(column);
      if (!spec) return { ok: true, sheet: name, column: columnName, value: null };
      if (row === 1) return { ok: true, sheet: name, column: columnName, value: spec.name };
      const data = sheet.rows[row - 2];
      if (!data) return { ok: true, sheet: name, column: columnName, value: null };
      const value = data[column] ?? null;
      return { ok: true, sheet: name, column: columnName, value: spec.kind === "tick" ? isTicked(value) : value };
    },

    onWrite(listener) {
      writeListeners.add(listener);
      return () => void writeListeners.delete(listener);
    },
  };
  workbooksIn.set(container, workbook);
  return workbook;
}
