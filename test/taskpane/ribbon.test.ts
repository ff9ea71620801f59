/**
 * @jest-environment node
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startServices, type RunningServices } from "../../src/cli/services";
import { openLedger, type Ledger } from "../../src/ledger";
import { createMemoryWorkbook, type MemoryWorkbook } from "../../src/excel/memory-workbook";
import { ORDERS_SHEET } from "../../src/core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../../src/core/sheets/product-sheets";
import { setShowPane } from "../../src/commands/command-bus";
import { ribbonAction } from "../../src/commands/commands";
import type { AppContext } from "../../src/taskpane/flows/context";
import { saveAuthorizedStores } from "../../src/taskpane/flows/link-flow";
import { sandboxSellerToken } from "../../src/sandbox/seller-token";
import { refreshOrders } from "../../src/taskpane/flows/orders-flow";
import {
  OTHER_SHEET_HINT,
  registerRibbon,
  SETTLEMENT_FETCH_HINT,
  SETTLEMENT_POST_HINT,
  SETTLEMENT_SHEET,
  setSettlementPoster,
  type RibbonIntent,
  type RibbonTab,
} from "../../src/taskpane/ribbon";
import { showsRibbonNotice } from "../../src/taskpane/components/app";

const END = "2026-03-31";

describe("ribbon Fetch and Post on the active sheet", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let workbook: MemoryWorkbook;
  let ctx: AppContext;
  let notices: [RibbonIntent, string][];
  /** The tab each notice belongs to. */
  let tabs: (RibbonTab | undefined)[];
  let panesShown: number;

  beforeAll(async () => {
    services = await startServices({
      port: 0,
      sandboxPort: 0,
      distDir: __dirname,
      sandbox: {
        seed: 5,
        orders: 60,
        days: 31,
        endDate: END,
        now: () => Date.parse("2026-04-01T04:00:00Z") / 1000,
      },
    });
  });
  afterAll(async () => services?.close());

  async function link(): Promise<void> {
    const sandbox = services.sandbox!;
    const token = await sandboxSellerToken(sandbox.url, sandbox.info);
    await saveAuthorizedStores(ctx, "Tik Tok", token);
  }

  beforeEach(async () => {
    ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-04-01T04:00:00.000Z" });
    workbook = createMemoryWorkbook();
    ctx = {
      ledger,
      workbook,
      linkBaseUrl: services.url,
      inExcel: false,
      now: () => services.sandbox!.clock.now(),
    };
    notices = [];
    tabs = [];
    panesShown = 0;
    setShowPane(async () => void panesShown++);
    registerRibbon(ctx, (intent, text, tab) => {
      notices.push([intent, text]);
      tabs.push(tab);
    });
    setSettlementPoster(undefined);
  });
  afterEach(() => ledger.close());

  /** A click as Excel makes it: the action gets an event whose completed() must be called once. */
  async function click(command: "fetch" | "post"): Promise<number> {
    let completed = 0;
    await ribbonAction(command)({
      completed: () => void completed++,
    } as unknown as Office.AddinCommands.Event);
    return completed;
  }

  async function onSheet(name: string): Promise<void> {
    if (!workbook.sheets.has(name))
      await workbook.writeTable(name, { columns: [{ name: "Note", kind: "text" }], rows: [] });
    await workbook.activate(name);
  }

  test("on TikTok Products, Fetch fetches the products and Post posts the ticked mappings", async () => {
    await link();
    await onSheet("Start");
    await onSheet(PRODUCTS_SHEET);
    expect(await click("fetch")).toBe(1);
    const skus = workbook.sheets.get(PRODUCTS_SHEET)!.rows.length;
    expect(notices).toEqual([
      ["success", expect.stringMatching(new RegExp(`^Fetching Done: \\d+ products, ${skus} SKUs\\.$`))],
    ]);

    expect(await click("post")).toBe(1);
    expect(notices[1]).toEqual(["info", "No SKU is ticked in TikTok Products: tick rows, then Post."]);
    const table = workbook.sheets.get(PRODUCTS_SHEET)!;
    await ledger.putStockItem({
      code: "GENERAL",
      description: "General",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
    workbook.edit(PRODUCTS_SHEET, 0, "Item Code", "GENERAL");
    workbook.edit(PRODUCTS_SHEET, 0, "Tick", true);
    expect(await click("post")).toBe(1);
    expect(notices[2]).toEqual(["success", "Posting done: 1 Success, 0 Failed."]);
    expect([table.rows[0][8], table.rows[0][9]]).toEqual(["GENERAL", "Success"]);
  });

  test("on TikTok Orders, Fetch refreshes the last range and Post posts the ticked orders", async () => {
    await link();
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
    const orders = workbook.sheets.get(ORDERS_SHEET)!;
    const count = orders.rows.length;
    expect(await click("fetch")).toBe(1);
    expect(notices).toEqual([["success", `Fetching Done: ${count} orders.`]]);

    expect(await click("post")).toBe(1);
    expect(notices[1]).toEqual([
      "info",
      "You have not selected any order: tick orders in TikTok Orders, then Post.",
    ]);
    const skip = orders.rows.findIndex((r) => r[4] === "Skip");
    workbook.edit(ORDERS_SHEET, skip, "Tick", true);
    expect(await click("post")).toBe(1);
    expect(notices[2]).toEqual([
      "success",
      "Posting done: 0 Success, 0 Posted, 0 Failed, 1 skipped by their post action.",
    ]);
    expect(panesShown).toBe(1);
    expect(tabs).toEqual(["orders", "orders", "orders"]);
  });

  test("on TikTok Settlement, Fetch and Post say to use the Payment tab until a poster is set", async () => {
    await onSheet(SETTLEMENT_SHEET);
    expect(await click("fetch")).toBe(1);
    expect(await click("post")).toBe(1);
    setSettlementPoster(async () => "Posting Payment done: 2 payments.");
    expect(await click("post")).toBe(1);
    expect(notices).toEqual([
      ["info", SETTLEMENT_FETCH_HINT],
      ["info", SETTLEMENT_POST_HINT],
      ["success", "Posting Payment done: 2 payments."],
    ]);
    expect(panesShown).toBe(2);
    expect(tabs).toEqual(["payment", "payment", "payment"]);
  });

  test("on any other sheet, both open the pane with a hint", async () => {
    await onSheet("Sales Invoices");
    const reads = jest.spyOn(workbook, "activeSheet");
    expect([await click("fetch"), await click("post")]).toEqual([1, 1]);
    expect(notices).toEqual([
      ["info", OTHER_SHEET_HINT],
      ["info", OTHER_SHEET_HINT],
    ]);
    expect(panesShown).toBe(2);
    expect(tabs).toEqual([undefined, undefined]);
    // Each click asks the workbook for its active sheet once (in Excel, a round trip each).
    expect(reads).toHaveBeenCalledTimes(2);
  });

  test("a ribbon notice shows on the tab whose work it did; a hint given elsewhere on every tab", () => {
    const posted = { intent: "success" as const, text: "Posting done: 1 Success, 0 Posted, 0 Failed.", id: 1, tab: "orders" as const };
    expect(showsRibbonNotice(posted, "orders")).toBe(true);
    expect(showsRibbonNotice(posted, "payment")).toBe(false);
    expect(showsRibbonNotice(posted, "books")).toBe(false);
    const hint = { intent: "info" as const, text: OTHER_SHEET_HINT, id: 2 };
    expect(showsRibbonNotice(hint, "payment")).toBe(true);
    expect(showsRibbonNotice(undefined, "orders")).toBe(false);
  });

  test("a failing flow is reported as an error, the pane comes forward, and the click completes", async () => {
    await onSheet(PRODUCTS_SHEET);
    expect(await click("fetch")).toBe(1);
    expect(notices).toEqual([
      ["error", "No TikTok Shop store is linked yet: link one on the Link tab first."],
    ]);
    expect(panesShown).toBe(1);
  });

  test("Fetch on TikTok Orders before any Refresh Order says what to do first", async () => {
    await onSheet(ORDERS_SHEET);
    jest.resetModules();
    const fresh = await import("../../src/taskpane/ribbon");
    await expect(fresh.runRibbonCommand(ctx, "fetch")).rejects.toThrow(
      "Pick a date range on the Orders tab and press Refresh Order first.",
    );
  });
});
