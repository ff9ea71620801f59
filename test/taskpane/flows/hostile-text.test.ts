/**
 * @jest-environment node
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startServices, type RunningServices } from "../../../src/cli/services";
import { openLedger, type Ledger } from "../../../src/ledger";
import { createMemoryWorkbook, type MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { createOfficeWorkbook } from "../../../src/excel/office-workbook";
import type { CellValue, Workbook } from "../../../src/excel/workbook";
import { ORDER_LINES_SHEET, ORDERS_SHEET } from "../../../src/core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../../../src/core/sheets/product-sheets";
import type { Order, Product } from "../../../src/core/tiktok/types";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { saveAuthorizedStores } from "../../../src/taskpane/flows/link-flow";
import { sandboxSellerToken } from "../../../src/sandbox/seller-token";
import { postOrders, refreshOrders } from "../../../src/taskpane/flows/orders-flow";
import { fetchProducts, postProductMappings } from "../../../src/taskpane/flows/products-flow";
import { installFakeExcel, uninstallFakeExcel, type FakeExcel } from "../../excel/fake-excel";

const END = "2026-03-31";
/** Formula triggers, numbers in disguise, an apostrophe, markup. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example","Click")',
  "+60123456789",
  "-12",
  "@SUM(A1:A9)",
  "\tTabbed",
  "\rReturned",
  "0012345",
  "579912345678901234",
  "'quoted",
  "=1+1",
  "<img src=x onerror=alert(1)>",
];
const hostile = (key: string, salt: number) =>
  HOSTILE[[...key].reduce((n, ch) => n + ch.charCodeAt(0), salt) % HOSTILE.length];

/** Every product title, SKU, variation and buyer note the link service returns becomes a hostile string. */
function rewrite(body: string): string {
  const envelope = JSON.parse(body) as { data?: { products?: Product[]; orders?: Order[] } };
  for (const product of envelope.data?.products ?? []) {
    product.title = hostile(product.id, 1);
    for (const sku of product.skus) {
      sku.seller_sku = hostile(sku.id, 2);
      for (const attribute of sku.sales_attributes ?? []) attribute.value_name = hostile(sku.id, 3);
    }
  }
  for (const order of envelope.data?.orders ?? []) {
    order.buyer_message = hostile(order.id, 4);
    for (const item of order.line_items) {
      item.product_name = hostile(item.product_id, 1);
      item.seller_sku = hostile(item.sku_id, 2);
      item.sku_name = hostile(item.sku_id, 3);
    }
  }
  return JSON.stringify(envelope);
}

/** Writes go to both workbooks; reads come from memory, so the flows behave as with one workbook. */
function teeWorkbook(memory: MemoryWorkbook, office: Workbook): Workbook {
  return {
    ...memory,
    async writeTable(sheet, table, options) {
      await memory.writeTable(sheet, table, options);
      await office.writeTable(sheet, table, options);
    },
    async updateRows(sheet, key, updates) {
      await memory.updateRows(sheet, key, updates);
      await office.updateRows(sheet, key, updates);
    },
    async activate(sheet) {
      await memory.activate(sheet);
      await office.activate(sheet);
    },
  };
}

describe("text from TikTok stays literal text from the API through the flows into the sheets", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let excel: FakeExcel;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    services = await startServices({
      port: 0,
      sandboxPort: 0,
      distDir: __dirname,
      sandbox: {
        seed: 11,
        orders: 40,
        products: 12,
        days: 31,
        endDate: END,
        now: () => Date.parse("2026-04-01T04:00:00Z") / 1000,
      },
    });
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!String(input).includes("/tiktok/api/")) return response;
      return new Response(rewrite(await response.text()), {
        status: response.status,
        headers: response.headers,
      });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await services?.close();
  });
  afterEach(() => uninstallFakeExcel());

  test("hostile product names, SKUs and variations read back exactly from memory and from Excel, never as formulas", async () => {
    excel = installFakeExcel(18);
    ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-04-01T04:00:00.000Z" });
    const memory = createMemoryWorkbook();
    const office = createOfficeWorkbook();
    const ctx: AppContext = {
      ledger,
      workbook: teeWorkbook(memory, office),
      linkBaseUrl: services.url,
      inExcel: false,
      now: () => services.sandbox!.clock.now(),
    };
    const sandbox = services.sandbox!;
    const token = await sandboxSellerToken(sandbox.url, sandbox.info);
    await saveAuthorizedStores(ctx, "Tik Tok", token);

    await fetchProducts(ctx);
    const products = memory.sheets.get(PRODUCTS_SHEET)!;
    const name = (column: string) => products.columns.findIndex((c) => c.name === column);
    for (const row of products.rows) {
      expect(row[name("Product Name")]).toBe(hostile(String(row[name("Product ID")]), 1));
      expect(row[name("Seller SKU")]).toBe(hostile(String(row[name("SKU ID")]), 2));
    }
    await postProductMappings(ctx, { createMissing: true, selectAll: true });
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const orders = memory.sheets.get(ORDERS_SHEET)!;
    orders.rows.forEach(
      (row, i) => row[4] === "Post" && i < 12 && memory.edit(ORDERS_SHEET, i, "Tick", true),
    );
    await office.updateRows(
      ORDERS_SHEET,
      "Order ID",
      Object.fromEntries(orders.rows.filter((r) => r[0] === true).map((r) => [String(r[1]), { Tick: true }])),
    );
    const outcome = await postOrders(ctx);
    expect(outcome.results.length).toBeGreaterThan(0);
    expect(outcome.results.filter((r) => r.status !== "Success")).toEqual([]);

    const lines = memory.sheets.get(ORDER_LINES_SHEET)!;
    const texts = new Set(lines.rows.flatMap((r) => [r[2], r[3], r[4]]));
    expect([...texts].filter((t) => HOSTILE.includes(String(t))).length).toBeGreaterThanOrEqual(8);

    const blank = (v: CellValue | undefined) => (v === null || v === undefined ? "" : v);
    for (const [sheet, table] of memory.sheets) {
      const expected = table.rows.map((row) =>
        Object.fromEntries(table.columns.map((c, i) => [c.name, blank(row[i])])),
      );
      expect([sheet, await office.readTable(sheet)]).toEqual([sheet, expected]);
      expect([
        sheet,
        [...excel.sheet(sheet).cells.values()].filter((cell) => cell.formula !== undefined),
      ]).toEqual([sheet, []]);
    }
    const linked = [...excel.sheet(ORDERS_SHEET).hyperlinks.values()].map((l) => l.textToDisplay).sort();
    expect(linked).toEqual(outcome.results.map((r) => r.invoiceNo).sort());
    const typed = [...excel.typed.values()].filter((v): v is string => typeof v === "string");
    for (const text of HOSTILE.filter((t) => /^[=+\-@\t\r']/.test(t))) expect(typed).not.toContain(text);
    ledger.close();
  });
});
