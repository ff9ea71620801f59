import {
  createOfficeWorkbook,
  ITEM_CODES_NAME,
  LISTS_SHEET,
  parseAddress,
  tableNameFor,
} from "../../src/excel/office-workbook";
import type { CellValue, ColumnSpec, TableEdit } from "../../src/excel/workbook";
import { installFakeExcel, uninstallFakeExcel, type FakeExcel } from "./fake-excel";

const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "Tick", kind: "tick" },
  { name: "Order ID", kind: "id" },
  { name: "Order Date", kind: "date" },
  { name: "TikTok Status", kind: "status" },
  { name: "Post Action", kind: "status" },
  { name: "Items", kind: "quantity" },
  { name: "Qty", kind: "quantity" },
  { name: "Subtotal", kind: "amount" },
  { name: "Seller Discount", kind: "amount" },
  { name: "Platform Discount", kind: "amount" },
  { name: "Shipping Fee", kind: "amount" },
  { name: "Order Total", kind: "amount" },
  { name: "Status", kind: "status" },
  { name: "Invoice No", kind: "id" },
];
const LINE_COLUMNS: ColumnSpec[] = [
  { name: "Order ID", kind: "id" },
  { name: "SKU ID", kind: "id" },
  { name: "Product Name", kind: "text" },
  { name: "Item Code", kind: "itemCode" },
];

const orderId = (i: number) => String(579912345678900000n + BigInt(i));
function orderRow(i: number): CellValue[] {
  return [false, orderId(i), "2024-05-01", "DELIVERED", "Post", 2, 3, 1234.5, 10, 5.25, 4.9, 1229.15, "", ""];
}

const HOSTILE = ['=HYPERLINK("x")', "+1", "-12", "@SUM(A1)", "\tX", "579912345678901234", "'quoted", "plain"];

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let excel: FakeExcel;
afterEach(() => uninstallFakeExcel());

describe("writing a table", () => {
  beforeEach(() => (excel = installFakeExcel(18)));

  test("20,000 rows of 14 columns take at most 5 syncs, none above 4 MB", async () => {
    const wb = createOfficeWorkbook();
    const rows = Array.from({ length: 20_000 }, (_, i) => orderRow(i));
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows });
    expect(excel.syncs.length).toBe(5);
    expect(Math.max(...excel.syncs.map((s) => s.bytes))).toBeLessThanOrEqual(4_000_000);
    expect(excel.syncs.every((s) => s.operations.filter((o) => o === "values").length <= 2)).toBe(true);
    expect(excel.lateFormats).toBe(0);
    const table = excel.tables.find((t) => t.sheet.name === "TikTok Orders")!;
    expect([table.name, table.row, table.column, table.rows, table.columns]).toEqual([
      "TikTokOrders",
      0,
      0,
      20_001,
      14,
    ]);
    expect(excel.cell("TikTok Orders", 20_000, 1)).toEqual({ value: orderId(19_999), format: "@" });
    expect(excel.sheet("TikTok Orders").frozenRows).toBe(1);
  });

  test("wide rows are split by bytes as well as by rows", async () => {
    const wb = createOfficeWorkbook();
    const columns: ColumnSpec[] = Array.from({ length: 14 }, (_, i) => ({ name: `Text ${i}`, kind: "text" }));
    const rows = Array.from({ length: 6000 }, (_, r) => columns.map((_, c) => `${r}-${c}-${"x".repeat(80)}`));
    await wb.writeTable("Wide", { columns, rows });
    const dataSyncs = excel.syncs.filter((s) => s.operations.includes("values"));
    expect(dataSyncs.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...excel.syncs.map((s) => s.bytes))).toBeLessThanOrEqual(4_000_000);
    expect(excel.cell("Wide", 6000, 13).value).toBe(rows[5999][13]);
  });

  test("cells get number formats by column kind, dates as serials, ticks as checkboxes", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1)] });
    const formats = ORDER_COLUMNS.map((_, c) => excel.cell("TikTok Orders", 1, c).format);
    expect(formats).toEqual([
      "General",
      "@",
      "yyyy-mm-dd",
      "@",
      "@",
      "0",
      "0",
      "#,##0.00",
      "#,##0.00",
      "#,##0.00",
      "#,##0.00",
      "#,##0.00",
      "@",
      "@",
    ]);
    expect(excel.cell("TikTok Orders", 1, 2).value).toBe(45413);
    expect(excel.cell("TikTok Orders", 0, 1)).toEqual({ value: "Order ID", format: "@" });
    expect(excel.sheet("TikTok Orders").controls.get("1,0")).toBe("Checkbox");
    expect(await wb.readTable("TikTok Orders")).toEqual([
      Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c.name, orderRow(1)[i]])),
    ]);
  });

  test("hostile strings are written as literal text and read back exactly", async () => {
    const wb = createOfficeWorkbook();
    const rows = HOSTILE.map((s, i) => [orderId(i), s, s, s]);
    await wb.writeTable("TikTok Order Lines", { columns: LINE_COLUMNS, rows });
    const typed = HOSTILE.map((_, r) => excel.typed.get(`TikTok Order Lines!${r + 1},2`));
    expect(typed).toEqual([
      `'=HYPERLINK("x")`,
      "'+1",
      "'-12",
      "'@SUM(A1)",
      "'\tX",
      "579912345678901234",
      "''quoted",
      "plain",
    ]);
    for (let r = 0; r < HOSTILE.length; r++) {
      for (const c of [1, 2, 3]) {
        const cell = excel.cell("TikTok Order Lines", r + 1, c);
        expect(cell.formula).toBeUndefined();
        expect(cell).toEqual({ value: HOSTILE[r], format: "@" });
      }
    }
    expect(await wb.readTable("TikTok Order Lines")).toEqual(
      HOSTILE.map((s, i) => ({ "Order ID": orderId(i), "SKU ID": s, "Product Name": s, "Item Code": s })),
    );
  });

  test("rewriting a sheet replaces its table and rows", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [orderRow(1), orderRow(2), orderRow(3)],
    });
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(4)] });
    expect(excel.tables).toHaveLength(1);
    expect(excel.tables[0].rows).toBe(2);
    expect(excel.cell("TikTok Orders", 2, 1).value).toBe("");
    expect((await wb.readTable("TikTok Orders"))!.map((r) => r["Order ID"])).toEqual([orderId(4)]);
  });

  test("an empty table reads back as no rows", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", { columns: LINE_COLUMNS, rows: [] });
    expect(excel.tables[0].rows).toBe(2);
    expect(await wb.readTable("Sales Invoices")).toEqual([]);
    expect(await wb.readTable("Nowhere")).toBeNull();
  });

  test("a table name taken on another sheet gets a suffix", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", { columns: LINE_COLUMNS, rows: [] });
    await wb.writeTable("Sales-Invoices", { columns: LINE_COLUMNS, rows: [] });
    expect(excel.tables.map((t) => t.name)).toEqual(["SalesInvoices", "SalesInvoices_2"]);
  });

  test("a short item-code list is inline; a long one lives on a hidden sheet behind a name", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable(
      "Short",
      { columns: LINE_COLUMNS, rows: [["1", "2", "x", ""]] },
      { itemCodes: ["LAMP", "MUG"] },
    );
    expect(excel.sheet("Short").validations).toEqual([
      { row: 1, column: 3, rows: 1, columns: 1, source: "LAMP,MUG", style: "Warning" },
    ]);

    const codes = Array.from({ length: 300 }, (_, i) => `ITEM-${i}`);
    await wb.writeTable("Long", { columns: LINE_COLUMNS, rows: [["1", "2", "x", ""]] }, { itemCodes: codes });
    expect(excel.sheet("Long").validations[0].source).toBe(`=${ITEM_CODES_NAME}`);
    expect(excel.sheet(LISTS_SHEET).visibility).toBe("Hidden");
    expect(excel.names.get(ITEM_CODES_NAME)).toBe(`='${LISTS_SHEET}'!A1:A300`);
    expect(excel.cell(LISTS_SHEET, 299, 0)).toEqual({ value: "ITEM-299", format: "@" });

    await wb.writeTable("Long", { columns: LINE_COLUMNS, rows: [] }, { itemCodes: [...codes, "ITEM-300"] });
    expect(excel.names.get(ITEM_CODES_NAME)).toBe(`='${LISTS_SHEET}'!$A$1:$A$301`);
  });

  test("before ExcelApi 1.18 ticks get a TRUE/FALSE dropdown instead of checkboxes", async () => {
    uninstallFakeExcel();
    excel = installFakeExcel(17);
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1)] });
    expect(excel.sheet("TikTok Orders").controls.size).toBe(0);
    expect(excel.sheet("TikTok Orders").validations.map((v) => [v.column, v.source])).toEqual([
      [0, "TRUE,FALSE"],
    ]);
  });

  test("events are off during the write and back on after", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1)] });
    const ops = excel.syncs.flatMap((s) => s.operations);
    expect(ops.indexOf("enableEvents=false")).toBeLessThan(ops.indexOf("values"));
    expect(ops.lastIndexOf("enableEvents=true")).toBeGreaterThan(ops.lastIndexOf("values"));
    expect(excel.enableEvents).toBe(true);
  });
});

describe("updating rows", () => {
  beforeEach(() => (excel = installFakeExcel(18)));

  test("writes only the changed cells of rows found by key, ignoring unknown keys", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [orderRow(1), orderRow(2), orderRow(3)],
    });
    excel.syncs = [];
    await wb.updateRows("TikTok Orders", "Order ID", {
      [orderId(2)]: { Status: "Success", "Invoice No": "IV-00001", Tick: false },
      [orderId(3)]: { Status: '=HYPERLINK("x")' },
      "404": { Status: "never" },
    });
    const rows = (await wb.readTable("TikTok Orders"))!;
    expect(rows.map((r) => [r["Order ID"], r.Status, r["Invoice No"]])).toEqual([
      [orderId(1), "", ""],
      [orderId(2), "Success", "IV-00001"],
      [orderId(3), '=HYPERLINK("x")', ""],
    ]);
    expect(excel.cell("TikTok Orders", 3, 12).formula).toBeUndefined();
    const valueWrites = excel.syncs.flatMap((s) => s.operations).filter((o) => o === "values");
    expect(valueWrites).toHaveLength(2); // Status rows 2–3 as one range, Invoice No row 2; Tick unchanged
  });

  test("an unknown column is refused with its name", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1)] });
    await expect(
      wb.updateRows("TikTok Orders", "Order ID", { [orderId(1)]: { Colour: "red" } }),
    ).rejects.toThrow('The "TikTok Orders" sheet has no "Colour" column.');
  });
});

describe("edits", () => {
  test.each([[18], [7]])(
    "with ExcelApi 1.%p our writes never reach onEdit; a user's change does",
    async (version) => {
      excel = installFakeExcel(version);
      const wb = createOfficeWorkbook();
      const edits: TableEdit[] = [];
      await wb.onEdit("TikTok Orders", (e) => edits.push(e));
      await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1), orderRow(2)] });
      await wb.updateRows("TikTok Orders", "Order ID", { [orderId(2)]: { Status: "Success" } });
      await settle();
      expect(edits).toEqual([]);

      excel.userEdit("TikTok Orders", 2, 0, true);
      await settle();
      expect(edits).toHaveLength(1);
      expect(edits[0]).toMatchObject({ sheet: "TikTok Orders", row: 1, column: "Tick", value: true });
      expect(edits[0].rowValues).toMatchObject({
        "Order ID": orderId(2),
        "Order Date": "2024-05-01",
        Status: "Success",
      });
      expect((await wb.readTable("TikTok Orders"))![1].Tick).toBe(true);
    },
  );

  test("a table from an earlier session is watched when a handler is added", async () => {
    excel = installFakeExcel(18);
    await createOfficeWorkbook().writeTable("TikTok Products", {
      columns: LINE_COLUMNS,
      rows: [["1", "2", "Lamp", ""]],
    });
    excel.tables[0].listeners = []; // a reload forgets handlers
    const wb = createOfficeWorkbook();
    const edits: TableEdit[] = [];
    await wb.onEdit("TikTok Products", (e) => edits.push(e));
    excel.userEdit("TikTok Products", 1, 3, "LAMP");
    await settle();
    expect(edits.map((e) => [e.column, e.value, e.rowValues["SKU ID"]])).toEqual([
      ["Item Code", "LAMP", "2"],
    ]);
  });

  test("two handlers added at once on an earlier table each hear an edit once", async () => {
    excel = installFakeExcel(18);
    await createOfficeWorkbook().writeTable("S", { columns: LINE_COLUMNS, rows: [["1", "2", "x", ""]] });
    excel.tables[0].listeners = [];
    const wb = createOfficeWorkbook();
    const heard: string[] = [];
    await Promise.all([wb.onEdit("S", () => heard.push("a")), wb.onEdit("S", () => heard.push("b"))]);
    expect(excel.tables[0].listeners).toHaveLength(1);
    excel.userEdit("S", 1, 3, "LAMP");
    await settle();
    expect(heard).toEqual(["a", "b"]);
  });

  test("unsubscribed handlers hear nothing", async () => {
    excel = installFakeExcel(18);
    const wb = createOfficeWorkbook();
    const edits: TableEdit[] = [];
    const stop = await wb.onEdit("S", (e) => edits.push(e));
    await wb.writeTable("S", { columns: LINE_COLUMNS, rows: [["1", "2", "x", ""]] });
    stop();
    excel.userEdit("S", 1, 3, "LAMP");
    await settle();
    expect(edits).toEqual([]);
  });
});

describe("sheets", () => {
  test("activeSheet and activate follow Excel's active worksheet", async () => {
    excel = installFakeExcel(18);
    const wb = createOfficeWorkbook();
    await wb.writeTable("A", { columns: LINE_COLUMNS, rows: [] });
    await wb.writeTable("B", { columns: LINE_COLUMNS, rows: [] });
    expect(await wb.activeSheet()).toBe("A");
    await wb.activate("B");
    expect(await wb.activeSheet()).toBe("B");
    await expect(wb.activate("C")).rejects.toThrow('There is no "C" sheet yet.');
  });
});

describe("helpers", () => {
  test("the fake Excel would turn unescaped text into formulas and numbers", () => {
    excel = installFakeExcel(18);
    const sheet = excel.addSheet("Raw");
    excel.write(sheet, 0, 0, [['=HYPERLINK("x")', "-12", "579912345678901234"]]);
    expect(excel.cell("Raw", 0, 0).formula).toBe('=HYPERLINK("x")');
    expect(excel.cell("Raw", 0, 1).value).toBe(-12);
    expect(excel.cell("Raw", 0, 2).value).toBe(579912345678901200);
  });

  test("table names are made of letters, digits and underscores", () => {
    expect(tableNameFor("TikTok Orders")).toBe("TikTokOrders");
    expect(tableNameFor("2024 Sales")).toBe("T_2024Sales");
    expect(tableNameFor("AB12")).toBe("T_AB12");
    expect(tableNameFor("R1C1")).toBe("T_R1C1");
  });

  test("addresses from table events are parsed to zero-based positions", () => {
    expect(parseAddress("B3")).toEqual({ row: 2, column: 1, rows: 1, columns: 1 });
    expect(parseAddress("'TikTok Orders'!$A$2:$N$5")).toEqual({ row: 1, column: 0, rows: 4, columns: 14 });
    expect(parseAddress("AA10")).toEqual({ row: 9, column: 26, rows: 1, columns: 1 });
    expect(parseAddress("nonsense")).toBeUndefined();
  });
});

describe("status colours and invoice links", () => {
  beforeEach(() => (excel = installFakeExcel(18)));

  const posted = (i: number, invoiceNo: string, status: string): CellValue[] => {
    const row = orderRow(i);
    row[12] = status;
    row[13] = invoiceNo;
    return row;
  };

  test("the Status column gets green, red and grey rules (red for unpostable settlement rows too); other status columns none", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1), orderRow(2)] });
    expect(excel.sheet("TikTok Orders").conditionalFormats).toEqual([
      {
        address: "M2:M3",
        type: "ContainsText",
        rule: { operator: "BeginsWith", text: "Success" },
        fill: "#C6EFCE",
        font: "#006100",
      },
      {
        address: "M2:M3",
        type: "ContainsText",
        rule: { operator: "BeginsWith", text: "Failed" },
        fill: "#FFC7CE",
        font: "#9C0006",
      },
      {
        address: "M2:M3",
        type: "ContainsText",
        rule: { operator: "BeginsWith", text: "Posted" },
        fill: "#E7E6E6",
        font: "#595959",
      },
      ...["Missing invoice", "Broken"].map((text) => ({
        address: "M2:M3",
        type: "ContainsText",
        rule: { operator: "BeginsWith", text },
        fill: "#FFC7CE",
        font: "#9C0006",
      })),
    ]);
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1)] });
    expect(excel.sheet("TikTok Orders").conditionalFormats.map((f) => f.address)).toEqual(["M2", "M2", "M2", "M2", "M2"]);
  });

  const INVOICE_COLUMNS: ColumnSpec[] = [
    { name: "Doc No", kind: "id" },
    { name: "Date", kind: "date" },
  ];
  const invoices = (n: number): CellValue[][] =>
    Array.from({ length: n }, (_, i) => [`IV-${String(i + 1).padStart(5, "0")}`, "2024-05-01"]);
  const link = (row: number, invoiceNo: string) => ({
    documentReference: `'Sales Invoices'!A${row}`,
    textToDisplay: invoiceNo,
    screenTip: `Go to ${invoiceNo} in Sales Invoices`,
  });

  test("an Invoice No links to its row in Sales Invoices once that sheet is written, and stays text", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [posted(1, "IV-00002", "Success"), orderRow(2), posted(3, "IV-00009", "Success")],
    });
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(0); // no Sales Invoices yet
    expect(excel.sheet("TikTok Orders").fonts.get("N2:N4")).toEqual({
      color: "#0563C1",
      underline: "Single",
    });

    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(3) });
    expect([...excel.sheet("TikTok Orders").hyperlinks]).toEqual([["1,13", link(3, "IV-00002")]]);
    expect(excel.cell("TikTok Orders", 1, 13)).toEqual({ value: "IV-00002", format: "@" });
    expect(Object.values(excel.cell("TikTok Orders", 3, 13))).not.toContain("formula");
    expect((await wb.readTable("TikTok Orders"))!.map((r) => r["Invoice No"])).toEqual([
      "IV-00002",
      "",
      "IV-00009",
    ]);

    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [orderRow(2), posted(1, "IV-00002", "Posted")],
    });
    expect([...excel.sheet("TikTok Orders").hyperlinks]).toEqual([["2,13", link(3, "IV-00002")]]);
    expect(
      excel.syncs.every(
        (s) => !s.operations.includes("values") || s.operations.includes("suspendCalculation"),
      ),
    ).toBe(true);
  });

  test("rewriting Sales Invoices moves the links to the invoices' new rows", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [posted(1, "IV-00002", "Success")],
    });
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(3) });
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(3).slice(1) });
    expect([...excel.sheet("TikTok Orders").hyperlinks]).toEqual([["1,13", link(2, "IV-00002")]]);
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: [] });
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(0);
  });

  test("updateRows links a posted order's invoice, and clearing it removes the link", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(7) });
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [orderRow(1), orderRow(2)] });
    await wb.updateRows("TikTok Orders", "Order ID", {
      [orderId(2)]: { Status: "Success", "Invoice No": "IV-00007" },
    });
    expect([...excel.sheet("TikTok Orders").hyperlinks]).toEqual([["2,13", link(8, "IV-00007")]]);
    expect(excel.cell("TikTok Orders", 2, 13)).toEqual({ value: "IV-00007", format: "@" });
    expect(excel.lateFormats).toBe(0);
    await wb.updateRows("TikTok Orders", "Order ID", { [orderId(2)]: { "Invoice No": "" } });
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(0);
    expect(excel.cell("TikTok Orders", 2, 13)).toEqual({ value: "", format: "@" });
  });

  test("a hostile invoice number is never a link and reads back exactly", async () => {
    const wb = createOfficeWorkbook();
    const hostile = `=cmd|'/C calc'!A0`;
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: [[hostile, "2024-05-01"]] });
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [posted(1, hostile, "Success")] });
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(0);
    expect(excel.cell("TikTok Orders", 1, 13)).toEqual({ value: hostile, format: "@" });
    expect((await wb.readTable("TikTok Orders"))![0]["Invoice No"]).toBe(hostile);
  });

  test("before ExcelApi 1.7 invoice numbers are plain text", async () => {
    uninstallFakeExcel();
    excel = installFakeExcel(6);
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(1) });
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [posted(1, "IV-00001", "Success")],
    });
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(0);
  });

  test("the sheet a link leads to is never linked from itself", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", {
      columns: [{ name: "Invoice No", kind: "id" }],
      rows: [["IV-00001"]],
    });
    expect(excel.sheet("Sales Invoices").hyperlinks.size).toBe(0);
  });

  test("20,000 posted orders linked to their invoices still take at most 5 syncs, none above 4 MB", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("Sales Invoices", { columns: INVOICE_COLUMNS, rows: invoices(20_000) });
    excel.syncs = [];
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      posted(i, `IV-${String(i + 1).padStart(5, "0")}`, "Success"),
    );
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows });
    expect(excel.syncs.length).toBe(5);
    expect(Math.max(...excel.syncs.map((s) => s.bytes))).toBeLessThanOrEqual(4_000_000);
    expect(excel.sheet("TikTok Orders").hyperlinks.size).toBe(20_000);
    expect(excel.sheet("TikTok Orders").hyperlinks.get("20000,13")).toEqual(link(20_001, "IV-20000"));
  });
});

describe("a sheet of charts", () => {
  beforeEach(() => (excel = installFakeExcel(18)));

  const dashboard = {
    title: "=Dashboard",
    subtitle: "As of 2026-03-31",
    blocks: [
      {
        title: "Daily sales and payouts",
        note: "Payouts appear once payments are posted.",
        table: {
          columns: [
            { name: "Date", kind: "date" as const },
            { name: "Sales", kind: "amount" as const },
            { name: "Payouts", kind: "amount" as const },
          ],
          rows: [
            ["2026-03-01", 62.11, null],
            ["2026-03-02", 10, null],
          ],
        },
        chart: { kind: "column" as const, category: "Date", series: ["Sales", "Payouts"] },
      },
      {
        title: "Outstanding by age",
        table: {
          columns: [
            { name: "Age", kind: "text" as const },
            { name: "Amount", kind: "amount" as const },
            { name: "Orders", kind: "quantity" as const },
          ],
          rows: [],
        },
        chart: { kind: "bar" as const, category: "Age", series: ["Amount"] },
      },
    ],
  };

  test("each block is a titled table with a chart beside it, in one write", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeChartSheet("Dashboard", dashboard);
    expect(excel.syncs.length).toBe(3);
    expect(excel.cell("Dashboard", 0, 0).value).toBe("=Dashboard");
    expect(excel.cell("Dashboard", 0, 0).formula).toBeUndefined();
    expect(excel.cell("Dashboard", 1, 0).value).toBe("As of 2026-03-31");
    expect([excel.cell("Dashboard", 3, 0).value, excel.cell("Dashboard", 4, 0).value]).toEqual([
      "Daily sales and payouts",
      "Payouts appear once payments are posted.",
    ]);
    expect([5, 6, 7].map((r) => [0, 1, 2].map((c) => excel.cell("Dashboard", r, c).value))).toEqual([
      ["Date", "Sales", "Payouts"],
      [46082, 62.11, ""],
      [46083, 10, ""],
    ]);
    expect(excel.cell("Dashboard", 6, 1).format).toBe("#,##0.00");
    expect(excel.tables.map((t) => [t.name, t.row, t.rows, t.columns])).toEqual([
      ["DashboardDailysalesandpayouts", 5, 3, 3],
      ["DashboardOutstandingbyage", 20, 2, 3],
    ]);
    expect(excel.sheet("Dashboard").charts).toEqual([
      {
        id: "Chart 1",
        type: "ColumnClustered",
        seriesBy: "Columns",
        source: "A6:C8",
        title: "Daily sales and payouts",
        legend: "Bottom",
        position: ["E4", "L17"],
      },
      {
        id: "Chart 2",
        type: "BarClustered",
        seriesBy: "Columns",
        source: "A21:B22",
        title: "Outstanding by age",
        legend: "Bottom",
        position: ["E20", "L33"],
      },
    ]);
  });

  test("writing it again replaces its charts and tables", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeChartSheet("Dashboard", dashboard);
    await wb.writeChartSheet("Dashboard", { ...dashboard, blocks: dashboard.blocks.slice(0, 1) });
    expect(excel.sheet("Dashboard").charts).toHaveLength(1);
    expect(excel.tables).toHaveLength(1);
    expect(excel.enableEvents).toBe(true);
  });
});

describe("bulk writes", () => {
  beforeEach(() => (excel = installFakeExcel(18)));

  test("calculation is suspended in every sync that writes rows", async () => {
    const wb = createOfficeWorkbook();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: Array.from({ length: 12_000 }, (_, i) => orderRow(i)),
    });
    const writing = excel.syncs.filter((s) => s.operations.includes("values"));
    expect(writing).toHaveLength(3);
    expect(writing.every((s) => s.operations.includes("suspendCalculation"))).toBe(true);
    await wb.updateRows("TikTok Orders", "Order ID", { [orderId(5)]: { Status: "Success" } });
    expect(excel.syncs[excel.syncs.length - 1].operations).toEqual([
      "enableEvents=false",
      "values",
      "enableEvents=true",
      "suspendCalculation",
    ]);
  });
});
