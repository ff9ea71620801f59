import type { CancellationSearchData, Order } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;

describe("POST /sandbox/orders/cancel: the seller cancels an order before it ships", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let orders: Order[];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, orders: 300, days: 40, endDate: "2026-03-31", now: () => NOW });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    orders = sandbox.orders(sandbox.info.shops[0].id);
  });
  afterAll(() => sandbox.close());

  const cancel = (body: unknown) =>
    fetch(`${sandbox.url}/sandbox/orders/cancel`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  test("an order awaiting shipment turns CANCELLED in order detail, line items too, with a seller cancellation on record", async () => {
    const order = orders.find((o) => o.status === "AWAITING_SHIPMENT")!;
    const answer = await cancel({ orderId: order.id, reason: "Out of stock" });
    expect([answer.status, await answer.json()]).toEqual([200, { orderId: order.id, status: "CANCELLED", cancelTime: NOW }]);

    const detail = await client.call<{ orders: Order[] }>({ path: "/order/202309/orders", query: { shop_cipher: cipher, ids: order.id }, token });
    const after = detail.json.data!.orders[0];
    expect([after.status, after.cancel_time, after.update_time, after.cancel_reason, after.cancellation_initiator]).toEqual([
      "CANCELLED",
      NOW,
      NOW,
      "Out of stock",
      "SELLER",
    ]);
    expect(new Set(after.line_items.map((l) => [l.display_status, l.cancel_user].join(" ")))).toEqual(new Set(["CANCELLED SELLER"]));

    const found = await client.call<CancellationSearchData>({
      path: "/return_refund/202309/cancellations/search",
      query: { shop_cipher: cipher, page_size: "50" },
      body: JSON.stringify({ order_ids: [order.id] }),
      token,
    });
    expect(found.json.data!.cancellations.map((c) => [c.order_id, c.cancel_type, c.role, c.cancel_reason_text, c.cancel_line_items.length])).toEqual([
      [order.id, "CANCEL", "SELLER", "Out of stock", order.line_items.length],
    ]);
  });

  test("a shipped order, an unknown order or a malformed request is refused with what to do", async () => {
    const shipped = orders.find((o) => o.status === "IN_TRANSIT")!;
    const refused = await cancel({ orderId: shipped.id });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toBe(
      `Order ${shipped.id} is IN_TRANSIT: a seller can cancel an order only before its parcel ships (UNPAID, ON_HOLD, AWAITING_SHIPMENT, AWAITING_COLLECTION).`,
    );
    expect(orders.find((o) => o.id === shipped.id)!.status).toBe("IN_TRANSIT");

    const unknown = await cancel({ orderId: "579999999999999999" });
    expect([unknown.status, (await unknown.json()).error]).toEqual([
      409,
      "There is no order 579999999999999999 in this shop: GET /sandbox/info lists the shops, and order search lists their orders.",
    ]);
    const malformed = await cancel({ orderId: 579999999999999999 });
    expect(malformed.status).toBe(400);
  });
});
