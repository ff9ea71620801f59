import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Order } from "../../src/core/tiktok/types";

type Ribbon = typeof import("../../src/commands/preview-ribbon");
type Preview = typeof import("../../src/excel/preview-workbook");
type Bus = typeof import("../../src/commands/command-bus");
type LedgerModule = typeof import("../../src/ledger");

let ribbon: Ribbon;
let preview: Preview;
let bus: Bus;
let ledgers: LedgerModule;

beforeEach(async () => {
  document.body.innerHTML = "";
  (globalThis as Record<string, unknown>).indexedDB = new IDBFactory();
  delete (globalThis as Record<string, unknown>).CustomFunctions;
  await jest.isolateModulesAsync(async () => {
    ribbon = await import("../../src/commands/preview-ribbon");
    preview = await import("../../src/excel/preview-workbook");
    bus = await import("../../src/commands/command-bus");
    ledgers = await import("../../src/ledger");
  });
});
afterEach(() => ledgers.resetSharedLedgerForTests());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(assertion: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await wait(25);
    }
  }
}

function workbookElement(): HTMLElement {
  const element = document.createElement("div");
  element.id = "workbook";
  document.body.append(element);
  return element;
}

function formula(strip: HTMLElement, text: string): HTMLOutputElement {
  const input = strip.querySelector<HTMLInputElement>("input")!;
  input.value = text;
  strip.querySelector("form")!.requestSubmit();
  return strip.querySelector("output")!;
}

test("the strip waits for the preview workbook, then sits above it once", async () => {
  ribbon.mountPreviewRibbonWhenReady(document);
  expect(document.querySelector(".sb-ribbon")).toBeNull();
  const container = workbookElement();
  await wait(0);
  ribbon.mountPreviewRibbonWhenReady(document);
  expect(container.querySelectorAll(".sb-ribbon")).toHaveLength(1);
  expect(container.firstElementChild!.getAttribute("aria-label")).toBe("TikTok Shop ribbon");
});

test("Fetch and Post run the ribbon actions and stay disabled until the click completes", async () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  const seen: string[] = [];
  let finish = () => undefined as void;
  bus.setRibbonHandler((command) => {
    seen.push(command);
    return new Promise<void>((resolve) => (finish = resolve));
  });
  const [fetch, post] = [...strip.querySelectorAll<HTMLButtonElement>("button[data-ribbon-command]")];
  expect([fetch.textContent, post.textContent]).toEqual(["Fetch", "Post"]);
  expect([fetch.getAttribute("aria-label"), post.getAttribute("aria-label")]).toEqual([
    "Fetch (ribbon)",
    "Post (ribbon)",
  ]);
  post.click();
  expect([seen, strip.dataset.ribbonState, fetch.disabled, post.disabled]).toEqual([
    ["post"],
    "running",
    true,
    true,
  ]);
  finish();
  await wait(0);
  expect([strip.dataset.ribbonState, fetch.disabled, post.disabled]).toEqual(["idle", false, false]);
  fetch.click();
  expect(seen).toEqual(["post", "fetch"]);
});

test("the formula bar evaluates a TIKTOK function and keeps it current as the books change", async () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  const id = "579912345678901234";
  const output = formula(strip, `=TIKTOK.ORDERSTATUS("${id}")`);
  await eventually(() =>
    expect([output.textContent, output.hasAttribute("data-error")]).toEqual([
      `#N/A No order ${id} in the books: fetch it on the Orders tab.`,
      true,
    ]),
  );

  const file = join(__dirname, "..", "core", "posting", "golden", "worked-example.order.json");
  const order = JSON.parse(readFileSync(file, "utf8")) as Order;
  await (await ledgers.getSharedLedger()).saveFetchedOrders("7494049642642441621", [order]);
  await eventually(() =>
    expect([output.textContent, output.hasAttribute("data-error")]).toEqual(["DELIVERED", false]),
  );

  formula(strip, '=TIKTOK.BALANCE("300-000")');
  await eventually(() => expect(output.textContent).toBe("0.00"));
});

test("a formula that is not a call, not a TIKTOK function, or has the wrong number of arguments, says so", () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  expect(formula(strip, "hello").textContent).toBe('Write a call such as =TIKTOK.BALANCE("300-000").');
  expect(formula(strip, "=SUM(1,2)").textContent).toBe(
    "SUM is not a ShopBooks function: the preview's formula bar evaluates TIKTOK.* functions only " +
      "(ORDERSTATUS, POSTSTATUS, INVOICENO, OUTSTANDING, ITEMCODE, SETTLED, BALANCE).",
  );
  expect(formula(strip, '=TIKTOK.SETTLED("1","2")').textContent).toBe("TIKTOK.SETTLED takes 1 argument.");
  expect(formula(strip, "=TIKTOK.BALANCE()").textContent).toBe("TIKTOK.BALANCE takes 1 or 2 arguments.");
});

const ORDER_COLUMNS = [
  { name: "Tick", kind: "tick" as const },
  { name: "Order ID", kind: "id" as const },
  { name: "TikTok Status", kind: "text" as const },
];

test("a cell reference reads the active sheet of the preview workbook, row 1 being the header row", async () => {
  const container = workbookElement();
  const workbook = preview.createPreviewWorkbook(container);
  const strip = ribbon.mountPreviewRibbon(document, container);
  expect(formula(strip, "=TIKTOK.ORDERSTATUS(B2)").textContent).toBe(
    "B2: There are no sheets yet: fetch orders or products first.",
  );

  const file = join(__dirname, "..", "core", "posting", "golden", "worked-example.order.json");
  const order = JSON.parse(readFileSync(file, "utf8")) as Order;
  await (await ledgers.getSharedLedger()).saveFetchedOrders("7494049642642441621", [order]);
  await workbook.writeTable("TikTok Orders", {
    columns: ORDER_COLUMNS,
    rows: [[false, order.id, order.status]],
  });
  const output = formula(strip, "=TIKTOK.ORDERSTATUS(B2)");
  await eventually(() => expect([output.textContent, output.hasAttribute("data-error")]).toEqual(["DELIVERED", false]));

  // A2 is the Tick column there: the answer says what the cell held.
  formula(strip, "=TIKTOK.ORDERSTATUS(A2)");
  await eventually(() =>
    expect(output.textContent).toBe(
      "#VALUE! Order IDs must be text: format the column as Text and re-enter the ID. " +
        "(A2 on TikTok Orders (Tick) holds FALSE.)",
    ),
  );
  formula(strip, "=TIKTOK.ORDERSTATUS(B1)");
  await eventually(() =>
    expect(output.textContent).toBe(
      '#VALUE! "Order ID" is not an order ID: order IDs are digits only. (B1 on TikTok Orders (Order ID) holds "Order ID".)',
    ),
  );
  formula(strip, "=TIKTOK.ORDERSTATUS(B3)");
  await eventually(() =>
    expect(output.textContent).toBe(
      "#VALUE! Give an order ID: the 18–19 digits of a TikTok order, as text. (B3 on TikTok Orders (Order ID) holds nothing.)",
    ),
  );

  await workbook.writeChartSheet("Dashboard", { title: "Dashboard", blocks: [] });
  await workbook.activate("Dashboard");
  expect(formula(strip, "=TIKTOK.ORDERSTATUS(B2)").textContent).toBe(
    'B2: "Dashboard" holds charts, not cells: pick a sheet tab with a table.',
  );
  formula(strip, "=TIKTOK.ORDERSTATUS('TikTok Orders'!B2)");
  await eventually(() => expect(output.textContent).toBe("DELIVERED"));
  expect(formula(strip, "=TIKTOK.ORDERSTATUS(Lines!B2)").textContent).toBe('B2: There is no "Lines" sheet.');
});

test("the placeholder names a fetched order, and Calculate on an empty bar evaluates it", async () => {
  const container = workbookElement();
  const workbook = preview.createPreviewWorkbook(container);
  const strip = ribbon.mountPreviewRibbon(document, container);
  const input = strip.querySelector<HTMLInputElement>("input")!;
  await wait(0);
  expect(input.placeholder).toBe('=TIKTOK.BALANCE("300-000"); fetch orders to try =TIKTOK.ORDERSTATUS(B2)');

  await workbook.writeTable("TikTok Orders", {
    columns: ORDER_COLUMNS,
    rows: [
      [false, "577565762485974647", "DELIVERED"],
      [false, "577565762485974999", "CANCELLED"],
    ],
  });
  await eventually(() => expect(input.placeholder).toBe('=TIKTOK.ORDERSTATUS("577565762485974647")'));
  // Only a write of "TikTok Orders" can change the example: other sheets' writes do not read it again.
  const reads = jest.spyOn(workbook, "readTable");
  await workbook.writeTable("Sales Invoices", { columns: ORDER_COLUMNS.slice(1), rows: [["IV-00001", "Paid"]] });
  await wait(0);
  expect(reads).not.toHaveBeenCalled();
  reads.mockRestore();
  const output = formula(strip, "");
  expect(input.value).toBe('=TIKTOK.ORDERSTATUS("577565762485974647")');
  await eventually(() =>
    expect(output.textContent).toBe("#N/A No order 577565762485974647 in the books: fetch it on the Orders tab."),
  );
});

test("results show as Excel shows them", () => {
  expect(ribbon.showResult(true)).toEqual({ text: "TRUE", error: false });
  expect(ribbon.showResult(62.11)).toEqual({ text: "62.11", error: false });
  // OUTSTANDING and BALANCE answer amounts: shown as a cell formatted #,##0.00 shows them.
  expect(ribbon.showResult(21.9, "amount")).toEqual({ text: "21.90", error: false });
  expect(ribbon.showResult(8949.9, "amount")).toEqual({ text: "8,949.90", error: false });
  expect(ribbon.showResult(-3, "amount")).toEqual({ text: "-3.00", error: false });
  expect(ribbon.showResult({ code: "#VALUE!", message: "Give an account code." } as never)).toEqual({
    text: "#VALUE! Give an account code.",
    error: true,
  });
});
