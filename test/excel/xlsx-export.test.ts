import ExcelJS from "exceljs";
import { createMemoryWorkbook } from "../../src/excel/memory-workbook";
import { CHARTS_NOTE, writeWorkbookXlsx, XLSX_LISTS_SHEET } from "../../src/excel/xlsx-export";
import type { ColumnSpec } from "../../src/excel/workbook";

const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "Tick", kind: "tick" },
  { name: "Order ID", kind: "id" },
  { name: "Order Date", kind: "date" },
  { name: "Order Total", kind: "amount" },
  { name: "Qty", kind: "quantity" },
  { name: "Status", kind: "status" },
  { name: "Invoice No", kind: "id" },
];
const LINE_COLUMNS: ColumnSpec[] = [
  { name: "Order ID", kind: "id" },
  { name: "Product Name", kind: "text" },
  { name: "Item Code", kind: "itemCode" },
];
const INVOICE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Amount", kind: "amount" },
];
const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  "+1",
  "-12",
  "@SUM(A1)",
  "\tX",
  "579912345678901234",
  "'quoted",
];

async function exported() {
  const wb = createMemoryWorkbook();
  await wb.writeTable("TikTok Orders", {
    columns: ORDER_COLUMNS,
    rows: [
      [true, "579912345678901234", "2026-03-01", 1234.5, 3, "Success", "IV-00002"],
      [false, "579912345678905678", "2026-03-02", 10, 1, "Failed – Missing Item Code", ""],
    ],
  });
  await wb.writeTable(
    "TikTok Order Lines",
    {
      columns: LINE_COLUMNS,
      rows: HOSTILE.map((text, i) => [String(579912345678900000n + BigInt(i)), text, text]),
    },
    { itemCodes: Array.from({ length: 60 }, (_, i) => `ITEM-${i}`) },
  );
  await wb.writeTable("Short List", { columns: LINE_COLUMNS, rows: [] }, { itemCodes: ["MUG", "LAMP"] });
  await wb.writeTable("Sales Invoices", {
    columns: INVOICE_COLUMNS,
    rows: [
      ["IV-00001", 1],
      ["IV-00002", 2],
    ],
  });
  await wb.writeChartSheet("Dashboard", {
    title: "ShopBooks Dashboard",
    subtitle: "As of 2026-03-31",
    blocks: [
      {
        title: "Daily sales and payouts",
        note: "Payouts appear once payments are posted.",
        table: {
          columns: [
            { name: "Date", kind: "date" },
            { name: "Sales", kind: "amount" },
            { name: "Payouts", kind: "amount" },
          ],
          rows: [["2026-03-01", 62.11, null]],
        },
        chart: { kind: "column", category: "Date", series: ["Sales", "Payouts"] },
      },
    ],
  });
  const bytes = await writeWorkbookXlsx(wb.snapshot());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return { bytes, book };
}

let result: Awaited<ReturnType<typeof exported>>;
beforeAll(async () => (result = await exported()));

const sheet = (name: string) => result.book.getWorksheet(name)!;
const tableOf = (ws: ExcelJS.Worksheet) =>
  Object.values(
    (
      ws as unknown as {
        tables: Record<
          string,
          {
            table: {
              name: string;
              tableRef: string;
              columns: { name: string; filterButton: boolean }[];
              headerRow: boolean;
            };
          }
        >;
      }
    ).tables,
  ).map((t) => t.table);

test("the file is an .xlsx (a zip) with the same sheets in order, lists hidden", () => {
  expect([...result.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  expect(result.book.worksheets.map((w) => [w.name, w.state])).toEqual([
    ["TikTok Orders", "visible"],
    ["TikTok Order Lines", "visible"],
    [XLSX_LISTS_SHEET, "hidden"],
    ["Short List", "visible"],
    ["Sales Invoices", "visible"],
    ["Dashboard", "visible"],
  ]);
});

test("every sheet is a table with filter buttons and a frozen header", () => {
  const [orders] = tableOf(sheet("TikTok Orders"));
  expect([orders.name, orders.tableRef, orders.headerRow]).toEqual(["TikTokOrders", "A1:G3", true]);
  expect(orders.columns.map((c) => [c.name, c.filterButton])).toEqual(
    ORDER_COLUMNS.map((c) => [c.name, true]),
  );
  expect(sheet("TikTok Orders").views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(tableOf(sheet("Short List"))[0].tableRef).toBe("A1:C2"); // an empty table keeps one blank row
});

test("IDs are text, dates are dates, amounts #,##0.00", () => {
  const orders = sheet("TikTok Orders");
  expect([orders.getCell("B2").value, orders.getCell("B2").numFmt]).toEqual(["579912345678901234", "@"]);
  expect([(orders.getCell("C2").value as Date).toISOString(), orders.getCell("C2").numFmt]).toEqual([
    "2026-03-01T00:00:00.000Z",
    "yyyy-mm-dd",
  ]);
  expect([orders.getCell("D2").value, orders.getCell("D2").numFmt]).toEqual([1234.5, "#,##0.00"]);
  expect([orders.getCell("E2").numFmt, orders.getCell("A2").value]).toEqual(["0", true]);
  expect(orders.getColumn(2).width).toBe(20);
});

test("hostile text stays text: no formulas, no numbers", () => {
  const lines = sheet("TikTok Order Lines");
  HOSTILE.forEach((text, i) => {
    for (const column of ["B", "C"]) {
      const cell = lines.getCell(`${column}${i + 2}`);
      expect([cell.type, cell.value, cell.formula]).toEqual([ExcelJS.ValueType.String, text, undefined]);
    }
  });
});

test("ticks offer TRUE/FALSE; item codes a list, inline when short, else from the hidden sheet", () => {
  expect(sheet("TikTok Orders").getCell("A3").dataValidation).toMatchObject({
    type: "list",
    formulae: ['"TRUE,FALSE"'],
  });
  expect(sheet("TikTok Order Lines").getCell("C8").dataValidation).toMatchObject({
    type: "list",
    formulae: [`'${XLSX_LISTS_SHEET}'!$A$1:$A$60`],
    errorStyle: "warning",
  });
  expect(sheet(XLSX_LISTS_SHEET).getCell("A60").value).toBe("ITEM-59");
  expect(sheet("Short List").getCell("C2").dataValidation).toMatchObject({
    type: "list",
    formulae: ['"MUG,LAMP"'],
  });
});

test("Status cells are coloured by rule and Invoice No links to the invoice's row", () => {
  const rules = (
    sheet("TikTok Orders") as unknown as {
      conditionalFormattings: {
        ref: string;
        rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[];
      }[];
    }
  ).conditionalFormattings;
  expect(rules.map((r) => [r.ref, r.rules.map((x) => [x.formulae[0], x.style.fill.bgColor.argb])])).toEqual([
    [
      "F2:F3",
      [
        ['LEFT(F2,7)="Success"', "FFC6EFCE"],
        ['LEFT(F2,6)="Failed"', "FFFFC7CE"],
        ['LEFT(F2,6)="Posted"', "FFE7E6E6"],
        ['LEFT(F2,15)="Missing invoice"', "FFFFC7CE"],
        ['LEFT(F2,6)="Broken"', "FFFFC7CE"],
      ],
    ],
  ]);
  expect(sheet("TikTok Orders").getCell("G2").value).toEqual({
    text: "IV-00002",
    hyperlink: "#'Sales Invoices'!A3",
  });
  expect(sheet("TikTok Orders").getCell("G3").value).toBe("");
});

test("the Dashboard keeps its figures as titled tables and says where its charts are", () => {
  const dashboard = sheet("Dashboard");
  expect([1, 2, 3, 5, 6].map((r) => dashboard.getCell(r, 1).value)).toEqual([
    "ShopBooks Dashboard",
    "As of 2026-03-31",
    CHARTS_NOTE,
    "Daily sales and payouts",
    "Payouts appear once payments are posted.",
  ]);
  const [daily] = tableOf(dashboard);
  expect([daily.name, daily.tableRef]).toEqual(["DashboardDailysalesandpayouts", "A7:C8"]);
  expect([dashboard.getCell("B8").value, dashboard.getCell("B8").numFmt]).toEqual([62.11, "#,##0.00"]);
});
