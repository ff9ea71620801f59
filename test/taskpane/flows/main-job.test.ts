/**
 * @jest-environment node
 */
import type { RunningServices } from "../../../src/cli/services";
import type { Ledger } from "../../../src/ledger";
import type { MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { businessDate } from "../../../src/core/dates/business-date";
import { ORDERS_SHEET, ORDER_LINES_SHEET, SALES_INVOICES_SHEET } from "../../../src/core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../../../src/core/sheets/product-sheets";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { postOrders, refreshOrders } from "../../../src/taskpane/flows/orders-flow";
import { fetchProducts, postProductMappings } from "../../../src/taskpane/flows/products-flow";
import { runRibbonCommand } from "../../../src/taskpane/ribbon";
import { linkedPane, startSandboxServices } from "./sandbox-pane";

const END = "2026-03-31";

describe("the pane's flows against the sandbox through the link service", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let workbook: MemoryWorkbook;
  let ctx: AppContext;

  beforeAll(async () => {
    services = await startSandboxServices({ seed: 3, orders: 120, days: 31, endDate: END });
  });
  afterAll(async () => services?.close());

  beforeEach(async () => {
    ({ ledger, workbook, ctx } = await linkedPane(services));
  });

  const rows = (sheet: string) => workbook.sheets.get(sheet)!;
  const column = (sheet: string, name: string) => rows(sheet).columns.findIndex((c) => c.name === name);
  const cell = (sheet: string, key: string, keyColumn: string, name: string) =>
    rows(sheet).rows.find((r) => r[column(sheet, keyColumn)] === key)![column(sheet, name)];
  const tick = (orderId: string) =>
    workbook.edit(ORDERS_SHEET, rows(ORDERS_SHEET).rows.findIndex((r) => r[1] === orderId), "Tick", true);
  const ordersWithStatus = (status: string) =>
    rows(ORDERS_SHEET).rows.filter((r) => r[column(ORDERS_SHEET, "TikTok Status")] === status).map((r) => String(r[1]));

  test("linking keeps one store per authorized shop, with its cipher", async () => {
    const stores = await ledger.listLinkedStores();
    expect(stores.map((s) => [s.shopId, s.shopCipher, s.status])).toEqual(
      services.sandbox!.info.shops.map((s) => [s.id, s.cipher, "Linked"]),
    );
  });

  test("Refresh Order writes every order of the range, once, with its lines", async () => {
    const result = await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const expected = services.sandbox!.orders(services.sandbox!.info.shops[0].id).filter((o) => {
      const date = businessDate(o.create_time);
      return date >= "2026-03-01" && date <= END;
    });
    expect(result.fetched).toBe(expected.length);
    expect(new Set(rows(ORDERS_SHEET).rows.map((r) => r[1]))).toEqual(new Set(expected.map((o) => o.id)));
    const units = expected.reduce((n, o) => n + o.line_items.length, 0);
    const qtyColumn = column(ORDER_LINES_SHEET, "Qty");
    expect(rows(ORDER_LINES_SHEET).rows.reduce((n, r) => n + Number(r[qtyColumn]), 0)).toBe(units);
  });

  test("an unmapped SKU fails the order until an item code is picked in TikTok Order Lines", async () => {
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const orderId = ordersWithStatus("DELIVERED")[0];
    tick(orderId);
    const first = await postOrders(ctx);
    expect(first.results.map((r) => [r.orderId, r.status, r.reason])).toEqual([[orderId, "Failed", "Missing Item Code"]]);
    expect(cell(ORDERS_SHEET, orderId, "Order ID", "Status")).toBe("Failed – Missing Item Code");
    expect(await ledger.listInvoices()).toEqual([]);

    await ledger.putStockItem({ code: "GENERAL", description: "General merchandise", group: "TIKTOK", salesAccount: "500-000", isFee: false, altCodes: [] });
    const lines = rows(ORDER_LINES_SHEET).rows;
    lines.forEach((line, i) => {
      if (line[0] === orderId) workbook.edit(ORDER_LINES_SHEET, i, "Item Code", "GENERAL");
    });
    tick(orderId);
    const second = await postOrders(ctx);
    expect(second.results.map((r) => [r.status, r.invoiceNo])).toEqual([["Success", "IV-00001"]]);
    expect(cell(ORDERS_SHEET, orderId, "Order ID", "Invoice No")).toBe("IV-00001");
  });

  test("after mapping products, ticked orders post once; a second post says Posted", async () => {
    await fetchProducts(ctx);
    const mapping = await postProductMappings(ctx, { createMissing: true, selectAll: true });
    expect(mapping.failed).toBe(0);
    expect(mapping.success).toBe(rows(PRODUCTS_SHEET).rows.length);
    expect(new Set(rows(PRODUCTS_SHEET).rows.map((r) => r[column(PRODUCTS_SHEET, "Status")]))).toEqual(new Set(["Success"]));

    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const chosen = ordersWithStatus("DELIVERED").slice(0, 3);
    chosen.forEach(tick);
    const outcome = await postOrders(ctx);
    expect(outcome.results.map((r) => r.status)).toEqual(["Success", "Success", "Success"]);
    expect(chosen.map((id) => cell(ORDERS_SHEET, id, "Order ID", "Invoice No"))).toEqual(["IV-00001", "IV-00002", "IV-00003"]);
    expect(rows(SALES_INVOICES_SHEET).rows.map((r) => [r[0], r[3]])).toEqual(chosen.map((id, i) => [`IV-0000${i + 1}`, id]));

    chosen.forEach(tick);
    const again = await postOrders(ctx);
    expect(again.results.map((r) => [r.status, r.invoiceNo])).toEqual([
      ["Posted", "IV-00001"],
      ["Posted", "IV-00002"],
      ["Posted", "IV-00003"],
    ]);
    expect(chosen.map((id) => cell(ORDERS_SHEET, id, "Order ID", "Status"))).toEqual(["Posted", "Posted", "Posted"]);
    expect(rows(SALES_INVOICES_SHEET).rows).toHaveLength(3);
    const trial = await ledger.trialBalance();
    expect(trial.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
  });

  test("Post skips a status set to Skip and keeps its tick; Post anyway then posts just that order", async () => {
    await fetchProducts(ctx);
    await postProductMappings(ctx, { createMissing: true, selectAll: true });
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const [orderId] = ordersWithStatus("AWAITING_SHIPMENT");
    tick(orderId);
    const skipped = await postOrders(ctx);
    expect(skipped.skipped).toEqual([orderId]);
    expect(cell(ORDERS_SHEET, orderId, "Order ID", "Status")).toBe("Skipped – AWAITING_SHIPMENT is set to Skip (use Post anyway)");
    // Still ticked: Post anyway posts exactly the skipped row, not every row shown.
    expect(cell(ORDERS_SHEET, orderId, "Order ID", "Tick")).toBe(true);
    const anyway = await postOrders(ctx, { anyStatus: true });
    expect(anyway.results.map((r) => [r.orderId, r.status])).toEqual([[orderId, "Success"]]);
  });

  test("nothing ticked is reported, not posted", async () => {
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    expect(await postOrders(ctx)).toEqual({ nothingTicked: true, results: [], skipped: [] });
  });

  test("the ribbon's Fetch refreshes the last range on the orders sheet, and explains itself elsewhere", async () => {
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    await expect(runRibbonCommand(ctx, "fetch")).resolves.toMatch(/^Fetching Done: \d+ orders\.$/);
    await workbook.writeTable("Notes", { columns: [{ name: "Note", kind: "text" }], rows: [] });
    await workbook.activate("Notes");
    await expect(runRibbonCommand(ctx, "post")).rejects.toThrow('Fetch and Post work on the "TikTok Orders" or "TikTok Products" sheet');
  });

  test("changing a date range the wrong way round says how to fix it", async () => {
    await expect(refreshOrders(ctx, undefined, { from: "2026-03-10", to: "2026-03-01" })).rejects.toThrow(
      "The From date 2026-03-10 is after the To date 2026-03-01: swap them.",
    );
  });
});
