import { createPreviewWorkbook, formatAmount } from "../../src/excel/preview-workbook";
import type { ColumnSpec, TableEdit } from "../../src/excel/workbook";

const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "Tick", kind: "tick" },
  { name: "Order ID", kind: "id" },
  { name: "Product Name", kind: "text" },
  { name: "Qty", kind: "quantity" },
  { name: "Order Total", kind: "amount" },
  { name: "Status", kind: "status" },
];
const LINE_COLUMNS: ColumnSpec[] = [
  { name: "Order ID", kind: "id" },
  { name: "SKU ID", kind: "id" },
  { name: "Item Code", kind: "itemCode" },
];
const ID_1 = "579912345678901234";
const ID_2 = "579912345678905678";
const HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-12", "@SUM(A1)", "\tX", "<img src=x onerror=alert(1)>"];

function setup() {
  document.body.innerHTML = "";
  const host = document.createElement("div");
  document.body.append(host);
  const wb = createPreviewWorkbook(host);
  return { host, wb };
}

const bodyCells = (sheet: string) =>
  [...document.querySelectorAll(`table[data-sheet="${sheet}"] tbody tr`)].map((tr) => [...tr.querySelectorAll("td")]);

describe("the preview workbook", () => {
  test("renders each sheet as a table with data-sheet, column headers and a tab", async () => {
    const { wb } = setup();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [
        [false, ID_1, "Lamp", 2, 1234.5, ""],
        [false, ID_2, "Mug", 1, -0.5, "Posted"],
      ],
    });
    const table = document.querySelector('table[data-sheet="TikTok Orders"]')!;
    expect([...table.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(ORDER_COLUMNS.map((c) => c.name));
    const cells = bodyCells("TikTok Orders");
    expect(cells.map((row) => row.map((td) => td.textContent))).toEqual([
      ["", ID_1, "Lamp", "2", "1,234.50", ""],
      ["", ID_2, "Mug", "1", "-0.50", "Posted"],
    ]);
    expect(cells[0][4].className).toBe("sb-num");
    const tab = document.querySelector('[data-sheet-tab="TikTok Orders"]')!;
    expect(tab.getAttribute("role")).toBe("tab");
    expect(tab.getAttribute("aria-selected")).toBe("true");
    expect(document.querySelectorAll("#sb-workbook-style")).toHaveLength(1);
  });

  test("hostile strings render literally, never as markup", async () => {
    const { wb } = setup();
    await wb.writeTable("S", { columns: [{ name: "Product Name", kind: "text" }], rows: HOSTILE.map((s) => [s]) });
    expect(bodyCells("S").map((row) => row[0].textContent)).toEqual(HOSTILE);
    expect(document.querySelector("table[data-sheet='S'] img")).toBeNull();
  });

  test("a tick change reaches onEdit and readTable sees true", async () => {
    const { wb } = setup();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [[false, ID_1, "Lamp", 1, 10, ""]] });
    const edits: TableEdit[] = [];
    await wb.onEdit("TikTok Orders", (e) => edits.push(e));
    const box = document.querySelector<HTMLInputElement>(`input[aria-label="Tick ${ID_1}"]`)!;
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    expect(edits).toEqual([
      {
        sheet: "TikTok Orders",
        row: 0,
        column: "Tick",
        value: true,
        rowValues: { Tick: true, "Order ID": ID_1, "Product Name": "Lamp", Qty: 1, "Order Total": 10, Status: "" },
      },
    ]);
    expect((await wb.readTable("TikTok Orders"))![0].Tick).toBe(true);
  });

  test("item code cells offer the codes, allow empty, and report a change", async () => {
    const { wb } = setup();
    await wb.writeTable("Lines", { columns: LINE_COLUMNS, rows: [[ID_1, "1729", ""]] }, { itemCodes: ["LAMP", "MUG"] });
    const edits: TableEdit[] = [];
    await wb.onEdit("Lines", (e) => edits.push(e));
    const select = document.querySelector<HTMLSelectElement>(`select[aria-label="Item Code ${ID_1} 1729"]`)!;
    expect([...select.options].map((o) => o.value)).toEqual(["", "LAMP", "MUG"]);
    expect(select.value).toBe("");
    select.value = "MUG";
    select.dispatchEvent(new Event("change"));
    expect(edits.map((e) => [e.column, e.value, e.rowValues["SKU ID"]])).toEqual([["Item Code", "MUG", "1729"]]);
    expect(await wb.readTable("Lines")).toEqual([{ "Order ID": ID_1, "SKU ID": "1729", "Item Code": "MUG" }]);
  });

  test("our own writes and updates never fire onEdit, and updates show in place", async () => {
    const { wb } = setup();
    const edits: TableEdit[] = [];
    await wb.onEdit("TikTok Orders", (e) => edits.push(e));
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [[true, ID_1, "Lamp", 1, 10, ""], [true, ID_2, "Mug", 1, 5, ""]] });
    await wb.updateRows("TikTok Orders", "Order ID", { [ID_2]: { Tick: false, Status: "Success" }, "404": { Status: "x" } });
    expect(edits).toEqual([]);
    const cells = bodyCells("TikTok Orders");
    expect(cells[1][5].textContent).toBe("Success");
    expect(cells[1][0].querySelector("input")!.checked).toBe(false);
    expect(cells[0][0].querySelector("input")!.checked).toBe(true);
    expect((await wb.readTable("TikTok Orders"))!.map((r) => [r.Tick, r.Status])).toEqual([[true, ""], [false, "Success"]]);
  });

  test("a new sheet does not steal focus; activate and tab clicks switch sheets", async () => {
    const { wb, host } = setup();
    expect(await wb.activeSheet()).toBeNull();
    expect(host.querySelector(".sb-empty")?.textContent).toMatch(/^No sheets yet/);
    await wb.writeTable("A", { columns: LINE_COLUMNS, rows: [] });
    await wb.writeTable("B", { columns: LINE_COLUMNS, rows: [] });
    expect(await wb.activeSheet()).toBe("A");
    expect(host.textContent).not.toMatch(/No sheets yet/);
    const panel = (name: string) => document.querySelector(`table[data-sheet="${name}"]`)!.closest<HTMLElement>("[role=tabpanel]")!;
    expect([panel("A").hidden, panel("B").hidden]).toEqual([false, true]);
    await wb.activate("B");
    expect(await wb.activeSheet()).toBe("B");
    document.querySelector<HTMLButtonElement>('[data-sheet-tab="A"]')!.click();
    expect(await wb.activeSheet()).toBe("A");
    expect([panel("A").hidden, panel("B").hidden]).toEqual([false, true]);
    await expect(wb.activate("C")).rejects.toThrow('There is no "C" sheet yet.');
    expect(await wb.readTable("C")).toBeNull();
  });

  test("rewriting a sheet replaces its rows and keeps one tab", async () => {
    const { wb } = setup();
    await wb.writeTable("A", { columns: LINE_COLUMNS, rows: [["1", "2", ""]] });
    await wb.writeTable("A", { columns: LINE_COLUMNS, rows: [] });
    expect(document.querySelectorAll('[data-sheet-tab="A"]')).toHaveLength(1);
    expect(bodyCells("A")).toEqual([]);
    expect(await wb.readTable("A")).toEqual([]);
  });
});

describe("amount display", () => {
  test.each([
    [0, "0.00"],
    [1234567.891, "1,234,567.89"],
    [-1234.5, "-1,234.50"],
    [-0.001, "0.00"],
    [999.995, "1,000.00"],
  ])("%p shows as %p", (value, text) => {
    expect(formatAmount(value)).toBe(text);
  });
});
