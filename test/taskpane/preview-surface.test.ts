import { createPreviewWorkbook } from "../../src/excel/preview-workbook";
import { niceMaximum } from "../../src/excel/preview-charts";
import type { ChartSheet, ColumnSpec } from "../../src/excel/workbook";

const ORDER_COLUMNS: ColumnSpec[] = [
  { name: "Order ID", kind: "id" },
  { name: "Status", kind: "status" },
  { name: "Invoice No", kind: "id" },
];
const INVOICE_COLUMNS: ColumnSpec[] = [
  { name: "Doc No", kind: "id" },
  { name: "Amount", kind: "amount" },
];

function setup() {
  document.body.innerHTML = "";
  const host = document.createElement("div");
  document.body.append(host);
  return createPreviewWorkbook(host);
}

const cells = (sheet: string) =>
  [...document.querySelectorAll(`table[data-sheet="${sheet}"] tbody tr`)].map((tr) => [
    ...tr.querySelectorAll("td"),
  ]);

describe("status colours and links in the preview", () => {
  test("Status cells are green, red or grey by their text", async () => {
    const wb = setup();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [
        ["1", "Success", ""],
        ["2", "Failed – Missing Item Code", ""],
        ["3", "Posted", ""],
        ["4", "", ""],
      ],
    });
    const status = cells("TikTok Orders").map((row) => [
      row[1].dataset.status ?? "",
      row[1].style.backgroundColor,
    ]);
    expect(status).toEqual([
      ["Success", "rgb(198, 239, 206)"],
      ["Failed", "rgb(255, 199, 206)"],
      ["Posted", "rgb(231, 230, 230)"],
      ["", ""],
    ]);
    await wb.updateRows("TikTok Orders", "Order ID", {
      "4": { Status: "Success" },
      "1": { Status: "Failed – x" },
    });
    expect(cells("TikTok Orders").map((row) => row[1].dataset.status)).toEqual([
      "Failed",
      "Failed",
      "Posted",
      "Success",
    ]);
  });

  test("an Invoice No is a link that shows and focuses the invoice's row in Sales Invoices", async () => {
    const wb = setup();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [
        ["1", "Success", "IV-00002"],
        ["2", "", ""],
      ],
    });
    await wb.writeTable("Sales Invoices", {
      columns: INVOICE_COLUMNS,
      rows: [
        ["IV-00001", 1],
        ["IV-00002", 2],
      ],
    });
    const links = document.querySelectorAll<HTMLAnchorElement>('table[data-sheet="TikTok Orders"] a.sb-link');
    expect([...links].map((a) => [a.textContent, a.dataset.linkSheet])).toEqual([
      ["IV-00002", "Sales Invoices"],
    ]);
    links[0].click();
    expect(await wb.activeSheet()).toBe("Sales Invoices");
    const rows = document.querySelectorAll('table[data-sheet="Sales Invoices"] tbody tr');
    expect([...rows].map((tr) => tr.classList.contains("sb-target"))).toEqual([false, true]);
    expect(document.activeElement).toBe(rows[1]);
  });

  test("a link whose invoice is gone leaves the sheet as it is", async () => {
    const wb = setup();
    await wb.writeTable("TikTok Orders", { columns: ORDER_COLUMNS, rows: [["1", "Success", "IV-00009"]] });
    document.querySelector<HTMLAnchorElement>("a.sb-link")!.click();
    expect(await wb.activeSheet()).toBe("TikTok Orders");
  });

  test("a hostile invoice number is shown as text, not markup", async () => {
    const wb = setup();
    await wb.writeTable("TikTok Orders", {
      columns: ORDER_COLUMNS,
      rows: [["1", "<b>x</b>", "<img src=x onerror=alert(1)>"]],
    });
    expect(document.querySelectorAll("img, b")).toHaveLength(0);
    expect(cells("TikTok Orders")[0][2].textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("the Dashboard in the preview", () => {
  const dashboard: ChartSheet = {
    title: "Dashboard",
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
          rows: [
            ["2026-03-01", 62.11, null],
            ["2026-03-02", 1000, null],
          ],
        },
        chart: { kind: "column", category: "Date", series: ["Sales", "Payouts"] },
      },
      {
        title: "<script>Ageing</script>",
        table: {
          columns: [
            { name: "Age", kind: "text" },
            { name: "Amount", kind: "amount" },
          ],
          rows: [["0–7 days", 5]],
        },
        chart: { kind: "line", category: "Age", series: ["Amount"] },
      },
    ],
  };

  test("draws each block as an SVG chart beside its table, empty series named in the legend", async () => {
    const wb = setup();
    await wb.writeChartSheet("Dashboard", dashboard);
    const section = document.querySelector('[data-sheet="Dashboard"]')!;
    expect([...section.querySelectorAll("h2, h3, p")].map((e) => e.textContent)).toEqual([
      "Dashboard",
      "As of 2026-03-31",
      "Daily sales and payouts",
      "Payouts appear once payments are posted.",
      "<script>Ageing</script>",
    ]);
    expect(document.querySelectorAll("script")).toHaveLength(0);
    const chart = section.querySelector('svg[data-chart="Daily sales and payouts"]')!;
    expect(chart.getAttribute("aria-label")).toBe(
      "Daily sales and payouts, 2 points: Sales total 1,062.11; Payouts: none yet.",
    );
    expect(chart.querySelectorAll('g[data-series="Sales"] rect')).toHaveLength(2);
    expect(chart.querySelector('g[data-series="Payouts"]')).toBeNull();
    expect([...chart.querySelectorAll("text")].map((t) => t.textContent)).toContain("Payouts (none yet)");
    expect(section.querySelectorAll('svg[data-chart="<script>Ageing</script>"] polyline')).toHaveLength(1);
    const table = section.querySelector('table[data-chart-table="Daily sales and payouts"]')!;
    expect([...table.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual([
      "2026-03-01",
      "62.11",
      "",
      "2026-03-02",
      "1,000.00",
      "",
    ]);
  });

  test("a chart sheet is not a table, and rewriting a table sheet as charts replaces it", async () => {
    const wb = setup();
    await wb.writeTable("Dashboard", { columns: INVOICE_COLUMNS, rows: [["IV-1", 1]] });
    await wb.writeChartSheet("Dashboard", dashboard);
    expect(await wb.readTable("Dashboard")).toBeNull();
    expect(document.querySelectorAll('table[data-sheet="Dashboard"]')).toHaveLength(0);
    expect(wb.snapshot().sheets.map((s) => s.kind)).toEqual(["charts"]);
  });

  test("the value axis tops out at a round number", () => {
    expect([0, 0.4, 7, 62.11, 1062.11, 2400, 2600].map(niceMaximum)).toEqual([
      1, 0.5, 10, 100, 2000, 2500, 5000,
    ]);
  });
});

test("the snapshot lists sheets in tab order with their options", async () => {
  const wb = setup();
  await wb.writeTable("A", { columns: INVOICE_COLUMNS, rows: [["IV-1", 1]] }, { itemCodes: ["MUG"] });
  await wb.writeTable("B", { columns: INVOICE_COLUMNS, rows: [] });
  expect(wb.snapshot()).toEqual({
    sheets: [
      {
        kind: "table",
        name: "A",
        table: { columns: INVOICE_COLUMNS, rows: [["IV-1", 1]] },
        options: { itemCodes: ["MUG"] },
      },
      { kind: "table", name: "B", table: { columns: INVOICE_COLUMNS, rows: [] }, options: {} },
    ],
  });
});

test("a chart with nothing to draw says so", async () => {
  const wb = setup();
  await wb.writeChartSheet("Dashboard", {
    title: "Dashboard",
    blocks: [
      {
        title: "Fees by bucket",
        table: {
          columns: [
            { name: "Bucket", kind: "text" },
            { name: "Fees", kind: "amount" },
          ],
          rows: [],
        },
        chart: { kind: "bar", category: "Bucket", series: ["Fees"] },
      },
    ],
  });
  const chart = document.querySelector('svg[data-chart="Fees by bucket"]')!;
  expect(chart.getAttribute("aria-label")).toBe("Fees by bucket: no data yet.");
  expect([...chart.querySelectorAll("text")].map((t) => t.textContent)).toContain("Nothing to draw yet");
});

test("arrow keys move between sheet tabs, and a sheet can take focus to scroll", async () => {
  const wb = setup();
  for (const name of ["A", "B", "C"]) await wb.writeTable(name, { columns: INVOICE_COLUMNS, rows: [] });
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  tabs[0].focus();
  const press = (key: string) =>
    document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  press("ArrowRight");
  expect([document.activeElement, await wb.activeSheet()]).toEqual([tabs[1], "B"]);
  press("End");
  press("ArrowRight");
  expect(await wb.activeSheet()).toBe("A");
  press("ArrowLeft");
  expect([document.activeElement, await wb.activeSheet(), tabs.map((t) => t.tabIndex)]).toEqual([
    tabs[2],
    "C",
    [-1, -1, 0],
  ]);
  expect([...document.querySelectorAll<HTMLElement>('[role="tabpanel"]')].map((p) => p.tabIndex)).toEqual([
    0, 0, 0,
  ]);
});
