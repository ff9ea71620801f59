/**
 * @jest-environment node
 */
import type { RunningServices } from "../../../src/cli/services";
import type { MemoryWorkbook } from "../../../src/excel/memory-workbook";
import type { Ledger } from "../../../src/ledger";
import { ORDERS_SHEET } from "../../../src/core/sheets/order-sheets";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { postOrders, refreshOrders } from "../../../src/taskpane/flows/orders-flow";
import { describeShown, selectAllQuestion, showStatus } from "../../../src/taskpane/flows/order-filter";
import { fetchProducts, postProductMappings } from "../../../src/taskpane/flows/products-flow";
import { linkedPane, startSandboxServices } from "./sandbox-pane";

const END = "2026-03-31";

describe("the Orders tab's Status filter", () => {
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
    await fetchProducts(ctx);
    await postProductMappings(ctx, { createMissing: true, selectAll: true });
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
  });
  afterEach(() => ledger.close());

  const sheet = () => workbook.sheets.get(ORDERS_SHEET)!;
  const column = (name: string) => sheet().columns.findIndex((c) => c.name === name);
  const ids = (status?: string) =>
    sheet()
      .rows.filter((r) => !status || r[column("TikTok Status")] === status)
      .map((r) => String(r[column("Order ID")]));
  const ticked = () => sheet().rows.filter((r) => r[column("Tick")] === true).map((r) => String(r[column("Order ID")]));
  const tick = (orderId: string) => workbook.edit(ORDERS_SHEET, ids().indexOf(orderId), "Tick", true);
  const countOf = (status: string) =>
    services.sandbox!.orders(services.sandbox!.info.shops[0].id).filter((o) => o.status === status).length;

  test("picking DELIVERED shows its orders and keeps a tick on another status, saying so", async () => {
    const delivered = countOf("DELIVERED");
    const [awaiting] = ids("AWAITING_SHIPMENT");
    const [first, second] = ids("DELIVERED");
    tick(awaiting);
    tick(first);

    const shown = (await showStatus(ctx, undefined, "DELIVERED"))!;
    expect(ids()).toHaveLength(delivered);
    expect(ticked()).toEqual([first]);
    expect(describeShown(shown)).toBe(
      `Showing ${delivered} DELIVERED orders, 1 ticked. 1 ticked order of other statuses is not shown, so Post leaves it; ` +
        "All statuses shows it still ticked.",
    );
    // Post posts the ticked order shown, not the hidden one.
    expect((await postOrders(ctx)).results.map((r) => [r.orderId, r.status])).toEqual([[first, "Success"]]);

    tick(second);
    const all = (await showStatus(ctx, undefined, "ALL"))!;
    expect(new Set(ticked())).toEqual(new Set([awaiting, second]));
    expect(describeShown(all)).toBe(`Showing all ${ids().length} orders, 2 ticked.`);
  });

  test("a status set to Skip says only Post anyway posts it; unticking before a filter is kept too", async () => {
    const [awaiting] = ids("AWAITING_SHIPMENT");
    tick(awaiting);
    await showStatus(ctx, undefined, "DELIVERED");
    expect(countOf("AWAITING_SHIPMENT")).toBe(1);
    const skip = (await showStatus(ctx, undefined, "AWAITING_SHIPMENT"))!;
    expect(ticked()).toEqual([awaiting]);
    expect(describeShown(skip)).toBe(
      "Showing 1 AWAITING_SHIPMENT order, 1 ticked: AWAITING_SHIPMENT is set to Skip, so only Post ▾ Post anyway posts it.",
    );
    workbook.edit(ORDERS_SHEET, 0, "Tick", false);
    await showStatus(ctx, undefined, "ALL");
    expect(ticked()).toEqual([]);
  });

  test("with nothing ticked, the question names how many orders “all” is, and Yes posts just those", async () => {
    const delivered = countOf("DELIVERED");
    await showStatus(ctx, undefined, "DELIVERED");
    expect((await postOrders(ctx)).nothingTicked).toBe(true);
    expect(await selectAllQuestion(ctx, "DELIVERED", false)).toBe(
      `You have not selected any order. Would you like to select all ${delivered} DELIVERED orders?`,
    );
    const yes = await postOrders(ctx, { selectAll: true });
    expect(yes.results).toHaveLength(delivered);
    expect(new Set(yes.results.map((r) => r.status))).toEqual(new Set(["Success"]));

    await showStatus(ctx, undefined, "ALL");
    const skip = sheet().rows.filter((r) => r[column("Post Action")] !== "Post" && r[column("Invoice No")] === "").length;
    expect(await selectAllQuestion(ctx, "ALL", false)).toBe(
      `You have not selected any order. Would you like to select all ${ids().length} orders? ` +
        `${skip} of them have a status set to Skip: Post skips them (Post ▾ Post anyway posts them).`,
    );
    expect(await selectAllQuestion(ctx, "ALL", true)).toBe(
      `You have not selected any order. Would you like to select all ${ids().length} orders?`,
    );
  });

  // Last: it cancels an order in the sandbox the tests share.
  test("CANCELLED holding an order cancelled after posting is not called Skip, since Post posts its credit note", async () => {
    const [awaiting] = ids("AWAITING_SHIPMENT");
    tick(awaiting);
    expect((await postOrders(ctx, { anyStatus: true })).results.map((r) => r.status)).toEqual(["Success"]);
    const cancelled = await fetch(`${services.sandbox!.url}/sandbox/orders/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: awaiting }),
    });
    expect(cancelled.status).toBe(200);
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });

    const shown = (await showStatus(ctx, undefined, "CANCELLED"))!;
    expect(describeShown(shown)).toBe(`Showing ${countOf("CANCELLED")} CANCELLED orders, none ticked.`);
  });

  test("the notice for a status with no orders, or for several Skip orders, reads as English", () => {
    const base = { fetched: 120, ticked: 0, hiddenTicked: 0 };
    expect(describeShown({ ...base, filter: "UNPAID", shown: 0, setToSkip: true })).toBe(
      "No UNPAID orders among the 120 orders fetched.",
    );
    expect(describeShown({ ...base, filter: "CANCELLED", shown: 9, ticked: 2, setToSkip: true })).toBe(
      "Showing 9 CANCELLED orders, 2 ticked: CANCELLED is set to Skip, so only Post ▾ Post anyway posts them.",
    );
    expect(describeShown({ ...base, filter: "COMPLETED", shown: 1, ticked: 1, hiddenTicked: 3, setToSkip: false })).toBe(
      "Showing 1 COMPLETED order, 1 ticked. 3 ticked orders of other statuses are not shown, so Post leaves them; " +
        "All statuses shows them still ticked.",
    );
  });
});
