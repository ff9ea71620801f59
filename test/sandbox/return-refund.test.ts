import { parseMoney } from "../../src/core/money/money";
import type { CancellationSearchData, Order, ReturnOrder, ReturnSearchData } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;
const RETURNS = "/return_refund/202309/returns/search";
const CANCELLATIONS = "/return_refund/202309/cancellations/search";

const sen = (text: string): number => {
  const value = parseMoney(text);
  if (value === undefined) throw new Error(`not money: ${text}`);
  return value;
};

describe("returns, refunds and cancellations", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let orders: Map<string, Order>;
  let now = NOW;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, orders: 300, days: 40, endDate: "2026-03-31", now: () => now });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    orders = new Map(sandbox.orders(sandbox.info.shops[0].id).map((o) => [o.id, o]));
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    now += 2;
  });

  async function all<T, D extends { next_page_token: string }>(path: string, pageSize: string, pick: (d: D) => T[], body = "{}"): Promise<T[]> {
    const out: T[] = [];
    let pageToken = "";
    do {
      const page = await client.call<D>({ path, query: { shop_cipher: cipher, page_size: pageSize, ...(pageToken ? { page_token: pageToken } : {}) }, body, token });
      expect(page.json.code).toBe(0);
      out.push(...pick(page.json.data!));
      pageToken = page.json.data!.next_page_token;
    } while (pageToken);
    return out;
  }

  test("returns belong to delivered or completed orders, refund what the buyer paid for the returned units, and page by create_time", async () => {
    const returns = await all<ReturnOrder, ReturnSearchData>(RETURNS, "10", (d) => d.return_orders);
    expect(returns.length).toBeGreaterThan(10);
    expect(new Set(returns.map((r) => r.return_id)).size).toBe(returns.length);
    const created = returns.map((r) => r.create_time);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    for (const r of returns) {
      expect(r.return_id).toMatch(/^40\d{17}$/);
      const order = orders.get(r.order_id)!;
      expect(["DELIVERED", "COMPLETED"]).toContain(order.status);
      expect(r.create_time).toBeGreaterThan(order.delivery_time!);
      const lines = new Map(order.line_items.map((l) => [l.id, l]));
      const paid = r.return_line_items.reduce((sum, item) => sum + sen(lines.get(item.order_line_item_id)!.sale_price), 0);
      expect(sen(r.refund_amount!.refund_total)).toBe(paid);
      for (const item of r.return_line_items) expect(lines.get(item.order_line_item_id)!.sku_id).toBe(item.sku_id);
    }
    expect(new Set(returns.map((r) => r.return_status))).toContain("RETURN_OR_REFUND_REQUEST_COMPLETE");
  });

  test("every completed return is settled as a refund row in the export, for the refunded amount", async () => {
    const returns = await all<ReturnOrder, ReturnSearchData>(RETURNS, "50", (d) => d.return_orders, JSON.stringify({ return_status: ["RETURN_OR_REFUND_REQUEST_COMPLETE"] }));
    const csv = await (await fetch(`${sandbox.url}/sandbox/export/settlement.csv?from=2026-01-01&to=2026-04-30&shop=${sandbox.info.shops[0].id}`)).text();
    const [head, ...lines] = csv.trim().split("\n");
    const columns = head.split(",");
    const col = (name: string) => columns.indexOf(name);
    const refundRows = lines.map((l) => l.split(",")).filter((c) => c[col("Type")] === "Order" && c[col("Refund subtotal after seller discounts")] !== "0");
    expect(refundRows.map((c) => c[col("Order/adjustment ID")]).sort()).toEqual(returns.map((r) => r.order_id).sort());
    for (const r of returns) {
      const row = refundRows.find((c) => c[col("Order/adjustment ID")] === r.order_id)!;
      expect(sen(row[col("Customer refund")])).toBe(-sen(r.refund_amount!.refund_total));
    }
  });

  test("returns filter by order id and type; page_size must be 10–50", async () => {
    const some = await all<ReturnOrder, ReturnSearchData>(RETURNS, "50", (d) => d.return_orders);
    const target = some[0];
    const byOrder = await all<ReturnOrder, ReturnSearchData>(RETURNS, "10", (d) => d.return_orders, JSON.stringify({ order_ids: [target.order_id] }));
    expect(byOrder.map((r) => r.return_id)).toEqual(some.filter((r) => r.order_id === target.order_id).map((r) => r.return_id));
    const refundsOnly = await all<ReturnOrder, ReturnSearchData>(RETURNS, "50", (d) => d.return_orders, JSON.stringify({ return_types: ["REFUND"] }));
    expect(refundsOnly.every((r) => r.return_type === "REFUND")).toBe(true);
    const small = await client.call({ path: RETURNS, query: { shop_cipher: cipher, page_size: "5" }, body: "{}", token });
    expect(small.json).toMatchObject({ code: 36009004, message: "Invalid query parameter. 'page_size' must be a whole number from 10 to 50; got \"5\"." });
    const wrongType = await client.call({ path: RETURNS, query: { shop_cipher: cipher }, body: JSON.stringify({ return_types: ["EXCHANGE"] }), token });
    expect(wrongType.json.code).toBe(36009004);
  });

  test("each cancelled order has one completed cancellation; paid ones refund the buyer's total, unpaid ones nothing", async () => {
    const cancellations = await all<CancellationSearchData["cancellations"][number], CancellationSearchData>(CANCELLATIONS, "7", (d) => d.cancellations);
    const cancelled = [...orders.values()].filter((o) => o.status === "CANCELLED");
    expect(cancelled.length).toBeGreaterThan(5);
    expect(cancellations.map((c) => c.order_id).sort()).toEqual(cancelled.map((o) => o.id).sort());
    for (const c of cancellations) {
      const order = orders.get(c.order_id)!;
      expect(c.cancel_id).toMatch(/^40\d{17}$/);
      expect(c.cancel_status).toBe("CANCELLATION_REQUEST_COMPLETE");
      expect(c.cancel_type).toBe(order.cancellation_initiator === "BUYER" ? "BUYER_CANCEL" : "CANCEL");
      expect(c.role).toBe(order.cancellation_initiator);
      expect(c.cancel_reason_text).toBe(order.cancel_reason);
      expect(c.update_time).toBe(order.cancel_time);
      expect(c.refund_amount!.refund_total).toBe(order.paid_time === undefined ? "0.00" : order.payment.total_amount);
      expect(c.cancel_line_items.map((l) => l.order_line_item_id)).toEqual(order.line_items.map((l) => l.id));
    }
  });

  test("cancellations page_size is 1–50", async () => {
    const big = await client.call({ path: CANCELLATIONS, query: { shop_cipher: cipher, page_size: "51" }, body: "{}", token });
    expect(big.json.code).toBe(36009004);
    const types = await client.call<CancellationSearchData>({
      path: CANCELLATIONS,
      query: { shop_cipher: cipher, page_size: "50" },
      body: JSON.stringify({ cancel_types: ["BUYER_CANCEL"] }),
      token,
    });
    expect(types.json.data!.cancellations.every((c) => c.cancel_type === "BUYER_CANCEL")).toBe(true);
  });
});
