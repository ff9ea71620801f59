/**
 * @jest-environment node
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startServices, type RunningServices } from "../../../src/cli/services";
import { openLedger, type Ledger } from "../../../src/ledger";
import { createMemoryWorkbook, type MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { ORDERS_SHEET } from "../../../src/core/sheets/order-sheets";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { saveAuthorizedStores } from "../../../src/taskpane/flows/link-flow";
import { sandboxSellerToken } from "../../../src/sandbox/seller-token";
import { refreshOrders } from "../../../src/taskpane/flows/orders-flow";

const RANGE = { from: "2026-03-01", to: "2026-03-31" };

/** The context with its ledger watched: Cancel is pressed once the Refresh has saved `batches` batches. */
function cutAfterBatches(ctx: AppContext, batches: number, stop: AbortController): AppContext {
  let saves = 0;
  const ledger = new Proxy(ctx.ledger, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name !== "saveSetting" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (key: string, setting: unknown) => {
        await (value as Ledger["saveSetting"]).call(target, key, setting);
        if (key.startsWith("orderFetch:") && setting && ++saves === batches) stop.abort();
      };
    },
  });
  return { ...ctx, ledger };
}

describe("a Refresh cut short keeps what it saved, and the next Refresh continues from there", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let workbook: MemoryWorkbook;
  let ctx: AppContext;
  let shopId: string;
  let searches: number;

  beforeAll(async () => {
    // The clock moves: on a frozen one the rate limit's second would never end.
    const started = Date.now();
    services = await startServices({
      port: 0,
      sandboxPort: 0,
      distDir: __dirname,
      sandbox: { seed: 5, orders: 2000, days: 31, endDate: "2026-03-31", now: () => Date.parse("2026-04-01T04:00:00Z") / 1000 + (Date.now() - started) / 1000 },
      log: (line) => {
        if (line.startsWith("sandbox: POST /order/202309/orders/search")) searches++;
      },
    });
  });
  afterAll(async () => services?.close());

  beforeEach(async () => {
    searches = 0;
    ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-04-01T04:00:00.000Z" });
    workbook = createMemoryWorkbook();
    const sandbox = services.sandbox!;
    ctx = { ledger, workbook, linkBaseUrl: services.url, inExcel: false, now: () => sandbox.clock.now() };
    const token = await sandboxSellerToken(sandbox.url, sandbox.info);
    shopId = (await saveAuthorizedStores(ctx, "Tik Tok", token)).stores[0].shopId;
  });
  afterEach(() => ledger.close());

  test("cancelled after its second batch, the orders before the mark are saved; the next Refresh fetches only the rest and shows all", async () => {
    const all = services.sandbox!.orders(shopId).filter((o) => o.create_time >= 1772294400 && o.create_time < 1774972800);
    const stop = new AbortController();
    const watched = cutAfterBatches(ctx, 2, stop);

    const cut = refreshOrders(watched, shopId, RANGE, "ALL", stop.signal);
    await expect(cut).rejects.toThrow(
      /The orders created before 2026-03-\d\d \d\d:\d\d are saved: Refresh Order with the same dates continues from there\.$/,
    );
    const mark = (await ledger.getSetting(`orderFetch:${shopId}`)) as { completeBefore: number };
    // The second batch ends a window: exactly the orders created before its end are saved.
    const saved = await ledger.listFetchedOrders(shopId);
    const beforeMark = all.filter((o) => o.create_time < mark.completeBefore);
    expect(beforeMark.length).toBeGreaterThan(100);
    expect(beforeMark.length).toBeLessThan(all.length);
    expect(saved.map((f) => f.orderId).sort()).toEqual(beforeMark.map((o) => o.id).sort());
    const searchesCut = searches;

    searches = 0;
    const resumed = await refreshOrders(ctx, shopId, RANGE);
    const searchesResumed = searches;
    expect(resumed.fetched).toBe(all.length);
    expect(resumed.resumedFrom).toMatch(/^2026-03-\d\d \d\d:\d\d$/);
    expect((await ledger.listFetchedOrders(shopId)).length).toBe(all.length);
    expect(workbook.sheets.get(ORDERS_SHEET)!.rows.map((r) => r[1]).sort()).toEqual(all.map((o) => o.id).sort());
    expect(await ledger.getSetting(`orderFetch:${shopId}`)).toBeNull();

    searches = 0;
    await refreshOrders(ctx, shopId, RANGE);
    const whole = searches;
    expect(whole).toBeGreaterThanOrEqual(Math.ceil(all.length / 100));
    expect(searchesCut).toBeGreaterThan(1);
    expect(searchesResumed).toBeLessThan(whole - searchesCut + 2);
  });

  test("a Refresh of other dates does not continue the one cut short, and fetches all of its own", async () => {
    await ledger.saveSetting(`orderFetch:${shopId}`, { ge: 1772294400, lt: 1774972800, completeBefore: 1773000000, savedAt: 1774900000 });
    const other = await refreshOrders(ctx, shopId, { from: "2026-03-10", to: "2026-03-12" });
    expect(other.resumedFrom).toBeUndefined();
    const ge = 1773072000; // 2026-03-10 in Kuala Lumpur
    const own = services.sandbox!.orders(shopId).filter((o) => o.create_time >= ge && o.create_time < ge + 3 * 86400);
    expect(other.fetched).toBe(own.length);
    expect(workbook.sheets.get(ORDERS_SHEET)!.rows.map((r) => r[1]).sort()).toEqual(own.map((o) => o.id).sort());
  });

  test("an order saved before the cut and cancelled since shows CANCELLED once the Refresh continues", async () => {
    const range = { from: "2026-03-29", to: "2026-03-31" };
    const stop = new AbortController();
    const watched = cutAfterBatches(ctx, 1, stop);
    await expect(refreshOrders(watched, shopId, range, "ALL", stop.signal)).rejects.toThrow(/are saved: Refresh Order with the same dates continues from there\.$/);
    const saved = await ledger.listFetchedOrders(shopId);
    const waiting = saved.find((f) => f.status === "AWAITING_SHIPMENT" || f.status === "AWAITING_COLLECTION")!;
    expect(waiting).toBeDefined();
    const cancelled = await fetch(`${services.sandbox!.url}/sandbox/orders/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: waiting.orderId }),
    });
    expect(cancelled.status).toBe(200);

    const resumed = await refreshOrders(ctx, shopId, range);
    expect(resumed.resumedFrom).toBeDefined();
    const sheet = workbook.sheets.get(ORDERS_SHEET)!;
    const status = sheet.columns.findIndex((c) => c.name === "TikTok Status");
    expect(sheet.rows.find((r) => r[1] === waiting.orderId)![status]).toBe("CANCELLED");
    expect((await ledger.listFetchedOrders(shopId)).find((f) => f.orderId === waiting.orderId)!.status).toBe("CANCELLED");
  });
});
