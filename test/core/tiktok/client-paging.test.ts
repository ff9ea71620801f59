import { CancelledError, TikTokApiError, TikTokClient, type ClientEvent, type ClientOptions } from "../../../src/core/tiktok/client";
import { apiOf, RequestThrottle, throttleKey } from "../../../src/core/tiktok/throttle";
import type { TikTokRequest, TikTokResponse, Transport } from "../../../src/core/tiktok/transport";
import type { Order, Product } from "../../../src/core/tiktok/types";

const auth = { shopCipher: "ROW_cipher", accessToken: "ROW_token" };
const DAY = 86400;
const START = 1_772_294_400; // 2026-02-28T16:00:00Z = 2026-03-01 in Kuala Lumpur

const ok = (data: unknown): TikTokResponse => ({
  status: 200,
  body: JSON.stringify({ code: 0, message: "Success", request_id: "202603011200001234567890ABCDEF1234", data }),
});
const fail = (code: number, message: string, status = 200): TikTokResponse => ({
  status,
  body: JSON.stringify({ code, message, request_id: "202603011200001234567890ABCDEF1234", data: null }),
});

function makeClient(transport: Transport, extra: Partial<ClientOptions> = {}) {
  const events: ClientEvent[] = [];
  const sleeps: number[] = [];
  const client = new TikTokClient(transport, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { client, events, sleeps };
}

/** A fake order search over `orders`, keyset-paged like the sandbox (page tokens are the next index). */
function orderSearchTransport(orders: Order[]) {
  const sent: TikTokRequest[] = [];
  const transport: Transport = {
    async send(request) {
      sent.push(request);
      const filter = JSON.parse(request.body!) as { create_time_ge: number; create_time_lt: number };
      const matching = orders
        .filter((o) => o.create_time >= filter.create_time_ge && o.create_time < filter.create_time_lt)
        .sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
      const from = Number(request.query.page_token ?? "0");
      const size = Number(request.query.page_size);
      const page = matching.slice(from, from + size);
      return ok({ orders: page, total_count: matching.length, next_page_token: from + size < matching.length ? String(from + size) : "" });
    },
  };
  return { transport, sent };
}

function ordersOverDays(days: number, perDay: number): Order[] {
  const orders: Order[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < perDay; i++) {
      const id = `57${String(d).padStart(4, "0")}${String(i).padStart(12, "0")}`;
      orders.push({ id, status: "COMPLETED", create_time: START + d * DAY + Math.floor((i * DAY) / perDay), update_time: START } as Order);
    }
  }
  return orders;
}

describe("order search over long ranges", () => {
  test("a range with one page of orders costs one request", async () => {
    const orders = ordersOverDays(30, 3);
    const fake = orderSearchTransport(orders);
    const { client, events } = makeClient(fake.transport);
    const got = await client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 30 * DAY });
    expect(got.map((o) => o.id)).toEqual(orders.map((o) => o.id));
    expect(fake.sent).toHaveLength(1);
    expect(events).toEqual([{ type: "page", endpoint: "/order/202309/orders/search", count: 90, total: 90 }]);
  });

  test("a bigger range continues from the first page's last order in windows of whole days, without duplicates or gaps", async () => {
    const orders = ordersOverDays(10, 150);
    const fake = orderSearchTransport(orders);
    const { client, events } = makeClient(fake.transport);
    const got = await client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 10 * DAY });
    expect(got.map((o) => o.id)).toEqual(orders.map((o) => o.id));
    const bodies = fake.sent.map((r) => JSON.parse(r.body!) as { create_time_ge: number; create_time_lt: number });
    expect(bodies[0]).toEqual({ create_time_ge: START, create_time_lt: START + 10 * DAY });
    // 150 orders a day: windows of 6 days hold about 1,000; the first resumes where the first page ended.
    const windowBodies = [...new Map(bodies.slice(1).map((b) => [b.create_time_ge, b])).values()];
    expect(windowBodies).toEqual([
      { create_time_ge: orders[99].create_time, create_time_lt: START + 6 * DAY },
      { create_time_ge: START + 6 * DAY, create_time_lt: START + 10 * DAY },
    ]);
    expect(events.filter((e) => e.type === "window")).toEqual([
      { type: "window", endpoint: "/order/202309/orders/search", done: 1, windows: 2, createTimeLt: START + 6 * DAY },
      { type: "window", endpoint: "/order/202309/orders/search", done: 2, windows: 2, createTimeLt: START + 10 * DAY },
    ]);
    const pages = events.filter((e): e is Extract<ClientEvent, { type: "page" }> => e.type === "page");
    expect(pages.every((p) => p.total === 1500)).toBe(true);
    expect(pages[pages.length - 1].count).toBe(1500);
    // 1 first page + 801 orders (one seen again) in 9 pages + 600 in 6.
    expect(fake.sent).toHaveLength(1 + 9 + 6);
  });

  test("orders are handed over as the range fills in, each once, oldest first, each batch complete before its mark", async () => {
    const orders = ordersOverDays(10, 150);
    const fake = orderSearchTransport(orders);
    const { client } = makeClient(fake.transport);
    const batches: { ids: string[]; completeBefore: number }[] = [];
    const got = await client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 10 * DAY }, undefined, async (batch, completeBefore) => {
      batches.push({ ids: batch.map((o) => o.id), completeBefore });
    });
    expect(batches.map((b) => [b.ids.length, b.completeBefore])).toEqual([
      [100, orders[99].create_time],
      [800, START + 6 * DAY],
      [600, START + 10 * DAY],
    ]);
    expect(batches.flatMap((b) => b.ids)).toEqual(got.map((o) => o.id));
    let handed = 0;
    for (const batch of batches) {
      handed += batch.ids.length;
      const before = orders.filter((o) => o.create_time < batch.completeBefore).length;
      expect(handed).toBeGreaterThanOrEqual(before);
    }
  });

  test("a search cut short has handed over what it finished; resuming from its mark fetches the rest once", async () => {
    const orders = ordersOverDays(10, 150);
    const fake = orderSearchTransport(orders);
    let calls = 0;
    const flaky: Transport = {
      send: async (request) => {
        if (++calls === 12) return { status: 200, body: JSON.stringify({ code: 105001, message: "invalid token", request_id: "x", data: null }) };
        return fake.transport.send(request);
      },
    };
    const saved = new Map<string, Order>();
    let mark = START;
    const onOrders = async (batch: Order[], completeBefore: number) => {
      for (const o of batch) saved.set(o.id, o);
      mark = completeBefore;
    };
    const { client } = makeClient(flaky, { refreshAccessToken: async () => Promise.reject(new Error("refresh refused")) });
    await expect(client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 10 * DAY }, undefined, onOrders)).rejects.toThrow();
    expect([saved.size, mark]).toEqual([900, START + 6 * DAY]);

    const { client: again } = makeClient(fake.transport);
    const sentBefore = fake.sent.length;
    await again.searchOrders(auth, { createTimeGe: mark, createTimeLt: START + 10 * DAY }, undefined, onOrders);
    expect([...saved.keys()].sort()).toEqual(orders.map((o) => o.id).sort());
    expect(fake.sent.length - sentBefore).toBe(7);
  });

  test("a month of 200 orders costs three requests", async () => {
    const fake = orderSearchTransport(ordersOverDays(40, 5).slice(0, 200));
    const { client } = makeClient(fake.transport);
    expect(await client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 40 * DAY })).toHaveLength(200);
    expect(fake.sent).toHaveLength(3);
  });

  test("a status filter stays in every window's body", async () => {
    const fake = orderSearchTransport(ordersOverDays(3, 120));
    const { client } = makeClient(fake.transport);
    await client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 3 * DAY, orderStatus: "DELIVERED" });
    expect(fake.sent.every((r) => (JSON.parse(r.body!) as { order_status: string }).order_status === "DELIVERED")).toBe(true);
  });
});

describe("product search above 10,000 results", () => {
  test("12052180 halves the create_time range until each part fits, and every product comes back once", async () => {
    const products = Array.from({ length: 250 }, (_, i) => ({ id: `17${String(i).padStart(17, "0")}`, create_time: 1_700_000_000 + i * 1000 }) as Product);
    const sent: string[] = [];
    const transport: Transport = {
      async send(request) {
        sent.push(request.body!);
        const filter = JSON.parse(request.body!) as { create_time_ge?: number; create_time_le?: number };
        const matching = products.filter((p) => p.create_time >= (filter.create_time_ge ?? 0) && p.create_time <= (filter.create_time_le ?? Infinity));
        // This fake caps searches at 100 results instead of 10,000.
        if (matching.length > 100) return fail(12052180, "The total number of search results can not exceed 10000.");
        const from = Number(request.query.page_token ?? "0");
        const page = matching.slice(from, from + 100);
        return ok({ products: page, total_count: matching.length, next_page_token: from + 100 < matching.length ? String(from + 100) : "" });
      },
    };
    const { client, events } = makeClient(transport);
    const got = await client.searchProducts(auth);
    expect(got.map((p) => p.id).sort()).toEqual(products.map((p) => p.id));
    expect(sent[0]).toBe("{}");
    expect(events.filter((e) => e.type === "split").length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThan(80);
  });

  test("more than the cap in one second cannot be split and says so", async () => {
    const transport: Transport = { send: async () => fail(12052180, "The total number of search results can not exceed 10000.") };
    const { client } = makeClient(transport);
    const error = await client.searchProducts(auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect((error as TikTokApiError).message).toMatch(/^TikTok Shop has more than 10,000 products created in the same second \(\d+\)/);
  });
});

describe("client-side throttle", () => {
  test("keeps each API and shop under 40 requests in any second, waiting instead of being refused", async () => {
    let now = 0;
    const times: number[] = [];
    const transport: Transport = {
      async send() {
        times.push(now);
        now += 2;
        return ok({ shops: [] });
      },
    };
    const { client, events } = makeClient(transport, {
      nowMs: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    for (let i = 0; i < 130; i++) await client.getAuthorizedShops("ROW_token");
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((t) => t > times[i] - 1000 && t <= times[i]).length).toBeLessThanOrEqual(40);
    }
    expect(events.filter((e) => e.type === "throttle").length).toBe(3);
    expect(now).toBeGreaterThanOrEqual(3000);
  });

  test("counts per API and shop: ids in the path are one API", () => {
    expect(apiOf("/finance/202501/statements/7238804564097517339/statement_transactions")).toBe("/finance/202501/statements/{id}/statement_transactions");
    expect(apiOf("/order/202309/orders/search")).toBe("/order/202309/orders/search");
    expect(throttleKey("/order/202309/orders", "ROW_a")).not.toBe(throttleKey("/order/202309/orders", "ROW_b"));
  });

  test("a throttle lets the 41st request of a second wait for the first to leave the window", async () => {
    let now = 5000;
    const waits: number[] = [];
    const throttle = new RequestThrottle({ nowMs: () => now, sleep: async (ms) => void (now += ms), perSecond: 40 });
    for (let i = 0; i < 41; i++) waits.push(await throttle.acquire("k"));
    expect(waits.slice(0, 40).every((w) => w === 0)).toBe(true);
    expect(waits[40]).toBe(1000);
  });
});

describe("cancellation", () => {
  test("an abort during a request ends with CancelledError, not a retry", async () => {
    const controller = new AbortController();
    let calls = 0;
    const transport: Transport = {
      send: (request) =>
        new Promise((_, reject) => {
          calls++;
          request.signal!.addEventListener("abort", () => reject(new Error("This operation was aborted")));
          controller.abort();
        }),
    };
    const { client, sleeps } = makeClient(transport);
    await expect(client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + DAY }, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  test("an abort during the windows of a long search stops before the next request", async () => {
    const controller = new AbortController();
    const fake = orderSearchTransport(ordersOverDays(30, 150));
    const client = new TikTokClient(fake.transport, {
      sleep: async () => undefined,
      onEvent: (e) => {
        if (e.type === "window" && e.done === 1) controller.abort();
      },
    });
    await expect(client.searchOrders(auth, { createTimeGe: START, createTimeLt: START + 30 * DAY }, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(fake.sent).toHaveLength(1 + 9);
  });
});

describe("finance, returns and cancellations", () => {
  function recording(answers: (r: TikTokRequest) => TikTokResponse) {
    const sent: TikTokRequest[] = [];
    const transport: Transport = {
      async send(request) {
        sent.push(request);
        return answers(request);
      },
    };
    return { transport, sent };
  }

  test("statements are read with sort_field=statement_time, the window and page_size 100, all pages", async () => {
    const fake = recording((r) =>
      ok(r.query.page_token ? { statements: [{ id: "7002" }], next_page_token: "" } : { statements: [{ id: "7001" }], next_page_token: "a+/b" }),
    );
    const { client } = makeClient(fake.transport);
    const statements = await client.getStatements(auth, { ge: START, lt: START + DAY });
    expect(statements.map((s) => s.id)).toEqual(["7001", "7002"]);
    expect(fake.sent[0]).toMatchObject({
      method: "GET",
      path: "/finance/202309/statements",
      query: {
        sort_field: "statement_time",
        sort_order: "ASC",
        page_size: "100",
        shop_cipher: "ROW_cipher",
        statement_time_ge: String(START),
        statement_time_lt: String(START + DAY),
      },
    });
    expect(fake.sent[0].body).toBeUndefined();
    expect(fake.sent[1].query.page_token).toBe("a+/b");
  });

  test("statement transactions use version 202501 with the statement id in the path; a non-digit id is refused", async () => {
    const fake = recording(() => ok({ transactions: [{ id: "1" }, { id: "2" }], next_page_token: "" }));
    const { client } = makeClient(fake.transport);
    expect((await client.getStatementTransactions(auth, "7238804564097517339")).map((t) => t.id)).toEqual(["1", "2"]);
    expect(fake.sent[0]).toMatchObject({
      method: "GET",
      path: "/finance/202501/statements/7238804564097517339/statement_transactions",
      query: { sort_field: "order_create_time", page_size: "100" },
    });
    await expect(client.getStatementTransactions(auth, "../../order/202309/orders")).rejects.toThrow(
      'A TikTok statement id is a string of digits; got "../../order/202309/orders".',
    );
  });

  test("returns and cancellations page 50 at a time and filter by order ids", async () => {
    const fake = recording((r) =>
      ok(
        r.path.endsWith("returns/search")
          ? { return_orders: [{ return_id: "4001", order_id: "57" }], next_page_token: "", total_count: 1 }
          : { cancellations: [{ cancel_id: "4002", order_id: "57" }], next_page_token: "", total_count: 1 },
      ),
    );
    const { client } = makeClient(fake.transport);
    expect(await client.searchReturns(auth, { orderIds: ["57"] })).toEqual([{ return_id: "4001", order_id: "57" }]);
    expect(await client.searchCancellations(auth, { ge: START, lt: START + DAY })).toEqual([{ cancel_id: "4002", order_id: "57" }]);
    expect(fake.sent.map((r) => [r.path, r.query.page_size, r.body])).toEqual([
      ["/return_refund/202309/returns/search", "50", '{"order_ids":["57"]}'],
      ["/return_refund/202309/cancellations/search", "50", `{"create_time_ge":${START},"create_time_lt":${START + DAY}}`],
    ]);
  });
});
