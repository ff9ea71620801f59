/**
 * A small in-memory Excel for the adapter's tests: just the calls office-workbook.ts makes. It types
 * values the way Excel does (apostrophe = literal text, "=" = formula, numeric text in a General cell =
 * number), records every sync with the bytes of values and formats sent, and raises table events.
 */
type Value = string | number | boolean;

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

export interface SyncRecord {
  bytes: number;
  operations: string[];
}

export interface FakeCell {
  value: Value;
  format: string;
  formula?: string;
}

export interface FakeSheetModel {
  id: string;
  name: string;
  cells: Map<string, FakeCell>;
  visibility: string;
  frozenRows: number;
  controls: Map<string, string>;
  validations: {
    row: number;
    column: number;
    rows: number;
    columns: number;
    source?: string;
    style?: string;
  }[];
  /** Font settings by range address ("B2:B9"), merged in the order they were set. */
  fonts: Map<string, Record<string, unknown>>;
  conditionalFormats: FakeConditionalFormat[];
  charts: FakeChartModel[];
  /** Cell hyperlinks by "row,column". */
  hyperlinks: Map<string, { documentReference?: string; textToDisplay?: string; screenTip?: string }>;
}

export interface FakeConditionalFormat {
  address: string;
  type: string;
  rule?: { operator: string; text: string };
  fill?: string;
  font?: string;
}

export interface FakeChartModel {
  id: string;
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  legend?: string;
  position?: [string, string];
}

export interface FakeTableModel {
  id: string;
  name: string;
  sheet: FakeSheetModel;
  row: number;
  column: number;
  rows: number;
  columns: number;
  listeners: ((args: unknown) => unknown)[];
}

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
  }
}

function letters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, column: number, rows = 1, columns = 1): string {
  const start = `${letters(column)}${row + 1}`;
  return rows === 1 && columns === 1 ? start : `${start}:${letters(column + columns - 1)}${row + rows}`;
}

export class FakeExcel {
  sheets: FakeSheetModel[] = [];
  tables: FakeTableModel[] = [];
  names = new Map<string, string>();
  active: string | null = null;
  enableEvents = true;
  syncs: SyncRecord[] = [];
  eventsRaised = 0;
  /** What was last typed into each cell ("sheet!row,column"), before Excel interpreted it. */
  typed = new Map<string, Value>();
  /** Values written while the target cell was not yet formatted as it ends up (format after values). */
  lateFormats = 0;
  private pendingBytes = 0;
  private pendingOps: string[] = [];
  private loads: (() => void)[] = [];
  private pendingEvents: { table: FakeTableModel; address: string }[] = [];
  private nextId = 1;

  /** Supports ExcelApi 1.1 up to 1.`apiMinor`. */
  constructor(readonly apiMinor: number) {}

  // ---- the parts tests use directly ----
  sheet(name: string): FakeSheetModel {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`ItemNotFound: sheet ${name}`);
    return sheet;
  }

  cell(sheet: string, row: number, column: number): FakeCell {
    return this.sheet(sheet).cells.get(`${row},${column}`) ?? { value: "", format: "General" };
  }

  /** The user types a value into a cell: Excel's typing rules apply and table events fire. */
  userEdit(sheetName: string, row: number, column: number, value: Value): void {
    const sheet = this.sheet(sheetName);
    this.typeInto(sheet, row, column, value);
    for (const table of this.tables) {
      if (table.sheet === sheet && this.inside(table, row, column)) {
        this.eventsRaised++;
        const args = {
          address: a1(row, column),
          tableId: table.id,
          worksheetId: sheet.id,
          source: "Local",
          changeType: "RangeEdited",
          type: "TableChanged",
        };
        for (const listener of table.listeners) void listener(args);
      }
    }
  }

  addSheet(name: string): FakeSheetModel {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`ItemAlreadyExists: ${name}`);
    const sheet: FakeSheetModel = {
      id: `{S${this.nextId++}}`,
      name,
      cells: new Map(),
      visibility: "Visible",
      frozenRows: 0,
      controls: new Map(),
      validations: [],
      fonts: new Map(),
      conditionalFormats: [],
      charts: [],
      hyperlinks: new Map(),
    };
    this.sheets.push(sheet);
    if (this.active === null) this.active = name;
    return sheet;
  }

  // ---- Excel semantics ----
  private inside(t: FakeTableModel, row: number, column: number): boolean {
    return row >= t.row && row < t.row + t.rows && column >= t.column && column < t.column + t.columns;
  }

  private typeInto(sheet: FakeSheetModel, row: number, column: number, raw: Value): void {
    const key = `${row},${column}`;
    this.typed.set(`${sheet.name}!${key}`, raw);
    const cell = sheet.cells.get(key) ?? { value: "", format: "General" };
    delete cell.formula;
    if (typeof raw !== "string") cell.value = raw;
    else if (raw.startsWith("'")) cell.value = raw.slice(1);
    else if (cell.format === "@") cell.value = raw;
    else if (/^[=+\-@]/.test(raw) && !/^[+-]?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(raw)) {
      cell.formula = raw;
      cell.value = "#FORMULA";
    } else if (/^[+-]?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(raw.trim())) cell.value = Number(raw);
    else if (/^(TRUE|FALSE)$/i.test(raw)) cell.value = raw.toUpperCase() === "TRUE";
    else cell.value = raw;
    sheet.cells.set(key, cell);
  }

  // ---- request plumbing ----
  op(name: string, bytes = 0): void {
    this.pendingOps.push(name);
    this.pendingBytes += bytes;
  }

  onSync(load: () => void): void {
    this.loads.push(load);
  }

  queueEvent(table: FakeTableModel, address: string): void {
    this.pendingEvents.push({ table, address });
  }

  get pending(): boolean {
    return this.pendingOps.length > 0 || this.loads.length > 0;
  }

  async sync(): Promise<void> {
    this.syncs.push({ bytes: this.pendingBytes, operations: this.pendingOps });
    this.pendingBytes = 0;
    this.pendingOps = [];
    const loads = this.loads;
    this.loads = [];
    for (const load of loads) load();
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const { table, address } of events) {
      this.eventsRaised++;
      const args = {
        address,
        tableId: table.id,
        worksheetId: table.sheet.id,
        source: "Local",
        changeType: "RangeEdited",
        type: "TableChanged",
      };
      for (const listener of table.listeners) void listener(args);
    }
  }

  write(sheet: FakeSheetModel, row: number, column: number, values: Value[][]): void {
    values.forEach((cells, r) => cells.forEach((v, c) => this.typeInto(sheet, row + r, column + c, v)));
    if (this.enableEvents) {
      for (const table of this.tables) {
        if (table.sheet === sheet && this.inside(table, row, column))
          this.queueEvent(table, a1(row, column, values.length, values[0]?.length ?? 1));
      }
    }
  }

  newTable(
    sheet: FakeSheetModel,
    row: number,
    column: number,
    rows: number,
    columns: number,
  ): FakeTableModel {
    for (const t of this.tables) {
      if (
        t.sheet === sheet &&
        !(
          row + rows <= t.row ||
          t.row + t.rows <= row ||
          column + columns <= t.column ||
          t.column + t.columns <= column
        )
      ) {
        throw new Error("InvalidOperation: a table can't overlap another table");
      }
    }
    const table: FakeTableModel = {
      id: `{T${this.nextId++}}`,
      name: `Table${this.nextId}`,
      sheet,
      row,
      column,
      rows,
      columns,
      listeners: [],
    };
    this.tables.push(table);
    return table;
  }

  /** The global `Excel` namespace. */
  namespace(): unknown {
    return {
      run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
        const context = new FakeContext(this);
        const result = await batch(context);
        if (this.pending) await context.sync();
        return result;
      },
      CellControlType: { checkbox: "Checkbox", empty: "Empty", mixed: "Mixed", unknown: "Unknown" },
    };
  }

  /** The global `Office` namespace, answering requirement-set checks for this API version. */
  office(): unknown {
    return {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === "ExcelApi" && Number(version.split(".")[1] ?? 0) <= this.apiMinor,
        },
      },
    };
  }
}

class Loadable {
  protected loaded = false;
  constructor(protected readonly excel: FakeExcel) {}
  load(_props?: unknown): this {
    this.excel.onSync(() => this.snapshot());
    return this;
  }
  protected snapshot(): void {
    this.loaded = true;
  }
  protected need(what: string): void {
    if (!this.loaded) throw new NotLoaded(what);
  }
}

class FakeContext {
  workbook: FakeWorkbook;
  runtime: { enableEvents: boolean };
  application = { suspendApiCalculationUntilNextSync: () => this.excel.op("suspendCalculation") };
  constructor(private readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(excel);
    const runtime = {};
    Object.defineProperty(runtime, "enableEvents", {
      get: () => excel.enableEvents,
      set: (on: boolean) => {
        excel.enableEvents = on;
        excel.op(`enableEvents=${on}`);
      },
    });
    this.runtime = runtime as { enableEvents: boolean };
  }
  sync(): Promise<void> {
    return this.excel.sync();
  }
}

class FakeWorkbook {
  worksheets: FakeWorksheets;
  tables: FakeWorkbookTables;
  names: FakeNames;
  constructor(excel: FakeExcel) {
    this.worksheets = new FakeWorksheets(excel);
    this.tables = new FakeWorkbookTables(excel);
    this.names = new FakeNames(excel);
  }
}

class FakeWorksheets extends Loadable {
  private snapshotItems: FakeWorksheet[] = [];
  get items(): FakeWorksheet[] {
    this.need("worksheets.items");
    return this.snapshotItems;
  }
  protected override snapshot(): void {
    super.snapshot();
    this.snapshotItems = this.excel.sheets.map((s) => new FakeWorksheet(this.excel, s, true));
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, this.excel.sheet(name), false);
  }
  add(name: string): FakeWorksheet {
    this.excel.op(`addSheet ${name}`);
    return new FakeWorksheet(this.excel, this.excel.addSheet(name), false);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.excel, this.excel.sheet(this.excel.active!), false);
  }
}

class FakeCharts extends Loadable {
  private snapshotItems: { name: string; delete: () => void }[] = [];
  constructor(
    excel: FakeExcel,
    private readonly sheet: FakeSheetModel,
  ) {
    super(excel);
  }
  get items(): { name: string; delete: () => void }[] {
    this.need("charts.items");
    return this.snapshotItems;
  }
  protected override snapshot(): void {
    super.snapshot();
    this.snapshotItems = this.sheet.charts.map((chart) => ({
      name: chart.id,
      delete: () => {
        this.excel.op("deleteChart");
        this.sheet.charts = this.sheet.charts.filter((c) => c !== chart);
      },
    }));
  }
  add(type: string, source: FakeRange, seriesBy: string) {
    this.excel.op("addChart");
    const chart: FakeChartModel = {
      id: `Chart ${this.sheet.charts.length + 1}`,
      type,
      seriesBy,
      source: a1(source.row, source.column, source.rows, source.columns),
    };
    this.sheet.charts.push(chart);
    return {
      title: {
        set text(value: string) {
          chart.title = value;
        },
      },
      legend: {
        set position(value: string) {
          chart.legend = value;
        },
      },
      setPosition: (start: string, end: string) => (chart.position = [start, end]),
    };
  }
}

class FakeWorksheet extends Loadable {
  charts: FakeCharts;
  tables: { add: (range: FakeRange, hasHeaders: boolean) => FakeTable };
  freezePanes: { freezeRows: (n: number) => void };
  constructor(
    excel: FakeExcel,
    readonly model: FakeSheetModel,
    preloaded: boolean,
  ) {
    super(excel);
    this.loaded = preloaded;
    this.charts = new FakeCharts(excel, model);
    this.tables = {
      add: (range, hasHeaders) => {
        if (!hasHeaders) throw new Error("only tables with headers are used");
        excel.op("addTable");
        return new FakeTable(
          excel,
          excel.newTable(model, range.row, range.column, range.rows, range.columns),
          false,
        );
      },
    };
    this.freezePanes = {
      freezeRows: (n) => {
        excel.op("freezeRows");
        model.frozenRows = n;
      },
    };
  }
  get name(): string {
    this.need("worksheet.name");
    return this.model.name;
  }
  set visibility(value: string) {
    this.excel.op("visibility");
    this.model.visibility = value;
  }
  activate(): void {
    this.excel.op("activate");
    this.excel.active = this.model.name;
  }
  getRange(address?: string): FakeRange {
    if (address === undefined) return new FakeRange(this.excel, this.model, 0, 0, MAX_ROW, MAX_COLUMN);
    const column = /^([A-Z]+):\1$/.exec(address);
    if (!column) throw new Error(`fake getRange supports whole columns only, not ${address}`);
    const index = column[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return new FakeRange(this.excel, this.model, 0, index, MAX_ROW, 1);
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    if (rows < 1 || columns < 1) throw new Error(`InvalidArgument: ${rows}x${columns} range`);
    return new FakeRange(this.excel, this.model, row, column, rows, columns);
  }
}

class FakeRange extends Loadable {
  private snap: { values: Value[][]; numberFormat: string[][] } | undefined;
  format: { autofitColumns: () => void; font: Record<string, unknown> };
  conditionalFormats: { add: (type: string) => unknown; clearAll: () => void };
  dataValidation: {
    clear: () => void;
    rule: unknown;
    errorAlert: unknown;
    ignoreBlanks: boolean;
  };
  constructor(
    excel: FakeExcel,
    readonly sheet: FakeSheetModel,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {
    super(excel);
    const address = a1(row, column, rows, columns);
    const font = new Proxy({} as Record<string, unknown>, {
      set: (_, property, value) => {
        excel.op(`font.${String(property)}`);
        sheet.fonts.set(address, { ...sheet.fonts.get(address), [property]: value });
        return true;
      },
    });
    this.format = { autofitColumns: () => excel.op("autofit"), font };
    this.conditionalFormats = {
      add: (type: string) => {
        excel.op("conditionalFormat");
        const model: FakeConditionalFormat = { address, type };
        sheet.conditionalFormats.push(model);
        return {
          textComparison: {
            format: {
              fill: {
                set color(value: string) {
                  model.fill = value;
                },
              },
              font: {
                set color(value: string) {
                  model.font = value;
                },
              },
            },
            set rule(rule: { operator: string; text: string }) {
              model.rule = rule;
            },
          },
        };
      },
      clearAll: () => {
        excel.op("clearConditionalFormats");
        sheet.conditionalFormats = [];
      },
    };
    const validation = { row, column, rows, columns } as FakeSheetModel["validations"][number];
    this.dataValidation = {
      clear: () => {
        excel.op("clearValidation");
        sheet.validations = sheet.validations.filter((v) => !(v.row === row && v.column === column));
      },
      set rule(rule: unknown) {
        excel.op("validationRule");
        validation.source = (rule as { list?: { source: string } }).list?.source;
        sheet.validations.push(validation);
      },
      get rule() {
        return undefined;
      },
      set errorAlert(alert: unknown) {
        excel.op("errorAlert");
        validation.style = (alert as { style: string }).style;
      },
      get errorAlert() {
        return undefined;
      },
      ignoreBlanks: true,
    };
  }
  private cells<T>(pick: (cell: FakeCell) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) =>
        pick(this.sheet.cells.get(`${this.row + r},${this.column + c}`) ?? { value: "", format: "General" }),
      ),
    );
  }
  private checkShape(values: unknown[][], what: string): void {
    if (values.length !== this.rows || values.some((r) => r.length !== this.columns)) {
      throw new Error(
        `InvalidArgument: ${what} is ${values.length}x${values[0]?.length} for a ${this.rows}x${this.columns} range`,
      );
    }
  }
  protected override snapshot(): void {
    super.snapshot();
    this.snap = { values: this.cells((c) => c.value), numberFormat: this.cells((c) => c.format) };
  }
  get values(): Value[][] {
    this.need("range.values");
    return this.snap!.values;
  }
  set values(values: Value[][]) {
    this.checkShape(values, "values");
    this.excel.op("values", JSON.stringify(values).length);
    this.excel.write(this.sheet, this.row, this.column, values);
  }
  get numberFormat(): string[][] {
    this.need("range.numberFormat");
    return this.snap!.numberFormat;
  }
  set numberFormat(formats: string[][]) {
    this.checkShape(formats, "numberFormat");
    this.excel.op("numberFormat", JSON.stringify(formats).length);
    formats.forEach((cells, r) =>
      cells.forEach((format, c) => {
        const key = `${this.row + r},${this.column + c}`;
        const cell = this.sheet.cells.get(key) ?? { value: "", format: "General" };
        if (cell.value !== "" && cell.format !== format) this.excel.lateFormats++;
        cell.format = format;
        this.sheet.cells.set(key, cell);
      }),
    );
  }
  set control(control: { type: string }) {
    this.excel.op("control");
    for (let r = 0; r < this.rows; r++)
      this.sheet.controls.set(`${this.row + r},${this.column}`, control.type);
  }
  get rowIndex(): number {
    this.need("range.rowIndex");
    return this.row;
  }
  get columnIndex(): number {
    this.need("range.columnIndex");
    return this.column;
  }
  get rowCount(): number {
    this.need("range.rowCount");
    return this.rows;
  }
  get columnCount(): number {
    this.need("range.columnCount");
    return this.columns;
  }
  getOffsetRange(rows: number, columns: number): FakeRange {
    return new FakeRange(
      this.excel,
      this.sheet,
      this.row + rows,
      this.column + columns,
      this.rows,
      this.columns,
    );
  }
  set hyperlink(link: { documentReference?: string; textToDisplay?: string; screenTip?: string }) {
    if (this.rows !== 1 || this.columns !== 1)
      throw new Error("the adapter sets hyperlinks one cell at a time");
    this.excel.op("hyperlink", JSON.stringify(link).length);
    this.sheet.hyperlinks.set(`${this.row},${this.column}`, link);
    if (link.textToDisplay !== undefined) {
      const cell = this.sheet.cells.get(`${this.row},${this.column}`) ?? { value: "", format: "General" };
      cell.value = link.textToDisplay;
      this.sheet.cells.set(`${this.row},${this.column}`, cell);
    }
  }
  private within(key: string): boolean {
    const [r, c] = key.split(",").map(Number);
    return r >= this.row && r < this.row + this.rows && c >= this.column && c < this.column + this.columns;
  }
  clear(applyTo?: string): void {
    this.excel.op(applyTo ? `clear ${applyTo}` : "clear");
    for (const key of [...this.sheet.hyperlinks.keys()])
      if (this.within(key)) this.sheet.hyperlinks.delete(key);
    if (applyTo === "Hyperlinks") return;
    if (applyTo !== undefined) throw new Error(`fake clear supports all or Hyperlinks, not ${applyTo}`);
    if (this.row === 0 && this.column === 0 && this.rows === MAX_ROW && this.columns === MAX_COLUMN)
      this.sheet.fonts.clear();
    for (const key of [...this.sheet.cells.keys()]) {
      const [r, c] = key.split(",").map(Number);
      if (r >= this.row && r < this.row + this.rows && c >= this.column && c < this.column + this.columns)
        this.sheet.cells.delete(key);
    }
    for (const key of [...this.sheet.controls.keys()]) {
      const [r, c] = key.split(",").map(Number);
      if (r >= this.row && r < this.row + this.rows && c >= this.column && c < this.column + this.columns)
        this.sheet.controls.delete(key);
    }
    this.sheet.validations = this.sheet.validations.filter(
      (v) =>
        !(
          v.row >= this.row &&
          v.row < this.row + this.rows &&
          v.column >= this.column &&
          v.column < this.column + this.columns
        ),
    );
  }
}

class FakeTable extends Loadable {
  onChanged: { add: (handler: (args: unknown) => unknown) => { remove: () => void } };
  constructor(
    excel: FakeExcel,
    readonly model: FakeTableModel,
    preloaded: boolean,
  ) {
    super(excel);
    this.loaded = preloaded;
    this.onChanged = {
      add: (handler) => {
        excel.op("onChanged.add");
        model.listeners.push(handler);
        return { remove: () => (model.listeners = model.listeners.filter((l) => l !== handler)) };
      },
    };
  }
  get id(): string {
    this.need("table.id");
    return this.model.id;
  }
  get name(): string {
    this.need("table.name");
    return this.model.name;
  }
  set name(name: string) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new Error(`InvalidArgument: table name ${name}`);
    if (this.excel.tables.some((t) => t !== this.model && t.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`table name ${name} is taken`);
    this.excel.op("tableName");
    this.model.name = name;
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.excel, this.model.sheet, this.loaded);
  }
  delete(): void {
    this.excel.op("deleteTable");
    this.excel.tables = this.excel.tables.filter((t) => t !== this.model);
  }
  getRange(): FakeRange {
    const t = this.model;
    return new FakeRange(this.excel, t.sheet, t.row, t.column, t.rows, t.columns);
  }
  getHeaderRowRange(): FakeRange {
    const t = this.model;
    return new FakeRange(this.excel, t.sheet, t.row, t.column, 1, t.columns);
  }
}

class FakeWorkbookTables extends Loadable {
  private snapshotItems: FakeTable[] = [];
  get items(): FakeTable[] {
    this.need("tables.items");
    return this.snapshotItems;
  }
  protected override snapshot(): void {
    super.snapshot();
    this.snapshotItems = this.excel.tables.map((t) => new FakeTable(this.excel, t, true));
  }
  getItem(key: string): FakeTable {
    const model = this.excel.tables.find((t) => t.id === key || t.name === key);
    if (!model) throw new Error(`ItemNotFound: table ${key}`);
    return new FakeTable(this.excel, model, false);
  }
}

class FakeNames extends Loadable {
  private snapshotItems: { name: string }[] = [];
  get items(): { name: string }[] {
    this.need("names.items");
    return this.snapshotItems;
  }
  protected override snapshot(): void {
    super.snapshot();
    this.snapshotItems = [...this.excel.names.keys()].map((name) => ({ name }));
  }
  add(name: string, reference: FakeRange | string): void {
    if (this.excel.names.has(name)) throw new Error(`ItemAlreadyExists: name ${name}`);
    this.excel.op("addName");
    this.excel.names.set(
      name,
      typeof reference === "string"
        ? reference
        : `='${reference.sheet.name}'!${a1(reference.row, reference.column, reference.rows, reference.columns)}`,
    );
  }
  getItem(name: string): { formula: string } {
    const excel = this.excel;
    if (!excel.names.has(name)) throw new Error(`ItemNotFound: name ${name}`);
    return {
      set formula(value: string) {
        excel.op("nameFormula");
        excel.names.set(name, value);
      },
      get formula() {
        return excel.names.get(name)!;
      },
    };
  }
}

/** Installs a fake Excel supporting ExcelApi 1.`apiMinor` (and Office requirement checks) as globals. */
export function installFakeExcel(apiMinor = 18): FakeExcel {
  const excel = new FakeExcel(apiMinor);
  (globalThis as Record<string, unknown>).Excel = excel.namespace();
  (globalThis as Record<string, unknown>).Office = excel.office();
  return excel;
}

export function uninstallFakeExcel(): void {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
}
