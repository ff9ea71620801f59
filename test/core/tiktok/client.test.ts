import {
  CancelledError,
  RELINK_MESSAGE,
  RelinkNeededError,
  TikTokApiError,
  TikTokClient,
  type ClientEvent,
  type ClientOptions,
} from "../../../src/core/tiktok/client";
import type { TikTokRequest, TikTokResponse, Transport } from "../../../src/core/tiktok/transport";
import type { Order, Product } from "../../../src/core/tiktok/types";

const auth = { shopCipher: "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3", accessToken: "TTP_old" };
const TOKEN_1 = "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT";
const TOKEN_2 = "b+/c==";

function envelope(data: unknown, code = 0, message = "Success"): string {
  return JSON.stringify({ code, message, request_id: "202606190151522272D4695E9B9043B79E", data: code === 0 ? data : null });
}

function order(id: string, status: Order["status"] = "DELIVERED"): Order {
  return { id, status, create_time: 1700000000, update_time: 1700000000 } as Order;
}

/** Answers each request with the next scripted response (or a thrown error) and records what was sent. */
function scriptedTransport(script: Array<TikTokResponse | Error | ((r: TikTokRequest) => TikTokResponse)>) {
  const sent: TikTokRequest[] = [];
  const transport: Transport = {
    async send(request) {
      sent.push(request);
      const next = script.shift();
      if (next === undefined) throw new Error(`unexpected request ${request.path}`);
      if (next instanceof Error) throw next;
      return typeof next === "function" ? next(request) : next;
    },
  };
  return { transport, sent, remaining: () => script.length };
}

function makeClient(transport: Transport, extra: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const events: ClientEvent[] = [];
  const client = new TikTokClient(transport, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { client, sleeps, events };
}

const ok = (data: unknown): TikTokResponse => ({ status: 200, body: envelope(data) });
const page = (orders: Order[], next: string, total = 5) => ok({ orders, next_page_token: next, total_count: total });

describe("order search", () => {
  test("pages through three pages passing decoded tokens and removes an order repeated across pages", async () => {
    const fake = scriptedTransport([
      page([order("576461413038785751"), order("576461413038785752")], TOKEN_1),
      page([order("576461413038785752", "COMPLETED"), order("576461413038785753")], TOKEN_2),
      page([order("576461413038785754")], ""),
    ]);
    const { client, events } = makeClient(fake.transport);
    const orders = await client.searchOrders(auth, { createTimeGe: 1700000000, createTimeLt: 1700086400 });

    expect(orders.map((o) => o.id)).toEqual(["576461413038785751", "576461413038785752", "576461413038785753", "576461413038785754"]);
    expect(orders[1].status).toBe("COMPLETED");
    expect(fake.sent.map((r) => r.query.page_token)).toEqual([undefined, TOKEN_1, TOKEN_2]);
    expect(fake.sent[0]).toEqual({
      method: "POST",
      path: "/order/202309/orders/search",
      query: { page_size: "100", sort_field: "create_time", sort_order: "ASC", shop_cipher: auth.shopCipher },
      body: '{"create_time_ge":1700000000,"create_time_lt":1700086400}',
      accessToken: "TTP_old",
    });
    expect(fake.sent.every((r) => r.body === fake.sent[0].body)).toBe(true);
    expect(events).toEqual([
      { type: "page", endpoint: "/order/202309/orders/search", count: 2, total: 5 },
      { type: "page", endpoint: "/order/202309/orders/search", count: 3, total: 5 },
      { type: "page", endpoint: "/order/202309/orders/search", count: 4, total: 5 },
    ]);
  });

  test("a status filter goes into the body as order_status", async () => {
    const fake = scriptedTransport([page([], "")]);
    const { client } = makeClient(fake.transport);
    await client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2, orderStatus: "CANCELLED" });
    expect(fake.sent[0].body).toBe('{"order_status":"CANCELLED","create_time_ge":1,"create_time_lt":2}');
  });

  test("an empty or reversed range is refused before any request", async () => {
    const fake = scriptedTransport([]);
    const { client } = makeClient(fake.transport);
    await expect(client.searchOrders(auth, { createTimeGe: 5, createTimeLt: 5 })).rejects.toThrow(
      "Order search range is empty: createTimeGe 5 must be before createTimeLt 5.",
    );
    expect(fake.sent).toHaveLength(0);
  });

  test("a page token that comes back twice stops paging with an error instead of looping", async () => {
    const fake = scriptedTransport([page([order("1")], TOKEN_1), page([order("2")], TOKEN_1)]);
    const { client } = makeClient(fake.transport);
    await expect(client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2 })).rejects.toThrow("sent the same page token twice");
  });
});

describe("retries", () => {
  const throttled: TikTokResponse = {
    status: 429,
    body: envelope(null, 36009002, "Too many requests. You've made too many requests in a short period of time."),
  };

  test("two throttled answers are waited out with growing, jittered delays, then the page arrives", async () => {
    const fake = scriptedTransport([throttled, throttled, page([order("1")], "")]);
    const { client, sleeps, events } = makeClient(fake.transport, { random: () => 0.75 });
    const orders = await client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2 });

    expect(orders.map((o) => o.id)).toEqual(["1"]);
    expect(sleeps).toEqual([1250, 2500]);
    expect(events.filter((e) => e.type === "retry")).toEqual([
      { type: "retry", endpoint: "/order/202309/orders/search", code: 36009002, attempt: 1, waitMs: 1250 },
      { type: "retry", endpoint: "/order/202309/orders/search", code: 36009002, attempt: 2, waitMs: 2500 },
    ]);
  });

  test("the jitter comes from the injected random source", async () => {
    const fake = scriptedTransport([throttled, throttled, page([], "")]);
    const randoms = [0, 0.999];
    const { client, sleeps } = makeClient(fake.transport, { random: () => randoms.shift() ?? 0 });
    await client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2 });
    expect(sleeps).toEqual([500, 2998]);
  });

  test("5xx, internal errors, timeouts and dropped connections are retried", async () => {
    const fake = scriptedTransport([
      { status: 502, body: "<html>Bad gateway</html>" },
      { status: 200, body: envelope(null, 36009003, "Internal error. Please try again") },
      { status: 200, body: envelope(null, 36009007, "Request timeout") },
      new Error("socket hang up"),
      ok({ shops: [{ id: "7000714532876273420", cipher: "GCP_x" }] }),
    ]);
    const { client, sleeps, events } = makeClient(fake.transport);
    const shops = await client.getAuthorizedShops("TTP_t");
    expect(shops.map((s) => s.id)).toEqual(["7000714532876273420"]);
    expect(sleeps).toEqual([500, 1000, 2000, 4000]);
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { code: number }).code)).toEqual([502, 36009003, 36009007, 0]);
  });

  test("after maxAttempts the last failure is reported with the endpoint and code", async () => {
    const internal = { status: 500, body: envelope(null, 36009003, "Internal error") };
    const fake = scriptedTransport([internal, internal, internal]);
    const { client, sleeps } = makeClient(fake.transport, { maxAttempts: 3 });
    const error = await client.getAuthorizedShops("TTP_t").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect((error as TikTokApiError).message).toBe(
      "TikTok Shop refused /authorization/202309/shops with code 36009003: Internal error (request 202606190151522272D4695E9B9043B79E). Gave up after 3 attempts.",
    );
    expect((error as TikTokApiError).code).toBe(36009003);
    expect((error as TikTokApiError).httpStatus).toBe(500);
    expect(sleeps).toHaveLength(2);
  });

  test("an unreachable service ends as a TikTokApiError that says to check the connection", async () => {
    const fake = scriptedTransport([new Error("connect ECONNREFUSED"), new Error("connect ECONNREFUSED")]);
    const { client } = makeClient(fake.transport, { maxAttempts: 2 });
    await expect(client.getAuthorizedShops("TTP_t")).rejects.toThrow(
      "Could not reach TikTok Shop (/authorization/202309/shops): connect ECONNREFUSED. Check the internet connection and try again. Gave up after 2 attempts.",
    );
  });
});

describe("tokens", () => {
  const expired: TikTokResponse = { status: 200, body: envelope(null, 105002, "access token is expired, please refresh it") };

  test("an expired token is refreshed once and the new token is used for the retry and later pages", async () => {
    const fake = scriptedTransport([page([order("1")], TOKEN_1), expired, page([order("2")], TOKEN_2), page([order("3")], "")]);
    const refresh = jest.fn(async () => "TTP_new");
    const { client, events, sleeps } = makeClient(fake.transport, { refreshAccessToken: refresh });
    const orders = await client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2 });

    expect(orders.map((o) => o.id)).toEqual(["1", "2", "3"]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fake.sent.map((r) => r.accessToken)).toEqual(["TTP_old", "TTP_old", "TTP_new", "TTP_new"]);
    expect(fake.sent.map((r) => r.query.page_token)).toEqual([undefined, TOKEN_1, TOKEN_1, TOKEN_2]);
    expect(events.filter((e) => e.type === "refresh")).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("a later call that still holds the old token uses the refreshed one", async () => {
    const fake = scriptedTransport([expired, ok({ shops: [] }), ok({ orders: [] })]);
    const refresh = jest.fn(async () => "TTP_new");
    const { client } = makeClient(fake.transport, { refreshAccessToken: refresh });
    await client.getAuthorizedShops("TTP_old");
    await client.getOrders({ shopCipher: "ROW_c", accessToken: "TTP_old" }, ["1"]);
    expect(fake.sent.map((r) => r.accessToken)).toEqual(["TTP_old", "TTP_new", "TTP_new"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  test("a token that is still expired after one refresh means relinking", async () => {
    const fake = scriptedTransport([expired, expired]);
    const refresh = jest.fn(async () => "TTP_new");
    const { client } = makeClient(fake.transport, { refreshAccessToken: refresh });
    await expect(client.getAuthorizedShops("TTP_t")).rejects.toThrow(RelinkNeededError);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  test("an invalid or revoked token (105001) asks the user to relink", async () => {
    const fake = scriptedTransport([{ status: 200, body: envelope(null, 105001, "access token is invalid; detail:your token has been deauthorized") }]);
    const { client } = makeClient(fake.transport, { refreshAccessToken: async () => "never" });
    const error = await client.searchProducts(auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelinkNeededError);
    expect((error as Error).message).toBe(RELINK_MESSAGE);
    expect(RELINK_MESSAGE).toBe("The TikTok Shop link has expired or was revoked. Relink the store on the Link tab.");
  });

  test("a failed refresh asks the user to relink, whatever the refresh threw", async () => {
    const fake = scriptedTransport([expired]);
    const { client } = makeClient(fake.transport, {
      refreshAccessToken: async () => {
        throw new Error("36004001 rt has expired");
      },
    });
    const error = await client.getOrders(auth, ["1"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelinkNeededError);
    expect((error as Error).message).toBe(RELINK_MESSAGE);
    expect(((error as Error).cause as Error).message).toBe("36004001 rt has expired");
  });

  test("an expired token without a refresher asks the user to relink", async () => {
    const fake = scriptedTransport([expired]);
    const { client } = makeClient(fake.transport);
    await expect(client.getAuthorizedShops("TTP_t")).rejects.toThrow(RELINK_MESSAGE);
  });
});

describe("order detail", () => {
  test("120 ids are fetched in batches of 50, 50 and 20 as comma-joined GET queries", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(576461413038785000n + BigInt(i)));
    const answer = (r: TikTokRequest) => ok({ orders: r.query.ids.split(",").map((id) => order(id)) });
    const fake = scriptedTransport([answer, answer, answer]);
    const { client } = makeClient(fake.transport);
    const orders = await client.getOrders(auth, ids);

    expect(fake.sent.map((r) => r.query.ids.split(",").length)).toEqual([50, 50, 20]);
    expect(fake.sent[0]).toEqual({
      method: "GET",
      path: "/order/202309/orders",
      query: { ids: ids.slice(0, 50).join(","), shop_cipher: auth.shopCipher },
      accessToken: "TTP_old",
    });
    expect(orders.map((o) => o.id)).toEqual(ids);
  });

  test("no ids means no request", async () => {
    const fake = scriptedTransport([]);
    const { client } = makeClient(fake.transport);
    expect(await client.getOrders(auth, [])).toEqual([]);
    expect(fake.sent).toHaveLength(0);
  });
});

describe("products and shops", () => {
  test("product search pages with an empty JSON body and removes duplicates", async () => {
    const product = (id: string) => ({ id, title: `P${id}`, skus: [] }) as unknown as Product;
    const fake = scriptedTransport([
      ok({ products: [product("1729592969712207012"), product("1729592969712207013")], next_page_token: "x+y/z=", total_count: 3 }),
      ok({ products: [product("1729592969712207013"), product("1729592969712207014")], next_page_token: "" }),
    ]);
    const { client } = makeClient(fake.transport);
    const products = await client.searchProducts(auth);
    expect(products.map((p) => p.id)).toEqual(["1729592969712207012", "1729592969712207013", "1729592969712207014"]);
    expect(fake.sent[1]).toEqual({
      method: "POST",
      path: "/product/202309/products/search",
      query: { page_size: "100", shop_cipher: auth.shopCipher, page_token: "x+y/z=" },
      body: "{}",
      accessToken: "TTP_old",
    });
  });

  test("authorized shops are read without a shop cipher", async () => {
    const fake = scriptedTransport([ok({ shops: [{ id: "7000714532876273420", name: "Maju", region: "MY", seller_type: "LOCAL", cipher: "ROW_a", code: "MYLC1" }] })]);
    const { client } = makeClient(fake.transport);
    const shops = await client.getAuthorizedShops("TTP_t");
    expect(shops).toEqual([{ id: "7000714532876273420", name: "Maju", region: "MY", seller_type: "LOCAL", cipher: "ROW_a", code: "MYLC1" }]);
    expect(fake.sent[0]).toEqual({ method: "GET", path: "/authorization/202309/shops", query: {}, accessToken: "TTP_t" });
  });
});

describe("errors that are not retried", () => {
  test("an unknown code becomes a TikTokApiError naming the endpoint, code and TikTok's message", async () => {
    const fake = scriptedTransport([{ status: 200, body: envelope(null, 105005, "you should apply auth pkg for this api") }]);
    const { client, sleeps } = makeClient(fake.transport);
    const error = (await client.getOrders(auth, ["1"]).catch((e: unknown) => e)) as TikTokApiError;
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(error.code).toBe(105005);
    expect(error.endpoint).toBe("/order/202309/orders");
    expect(error.requestId).toBe("202606190151522272D4695E9B9043B79E");
    expect(error.message).toBe(
      "TikTok Shop refused /order/202309/orders with code 105005: you should apply auth pkg for this api (request 202606190151522272D4695E9B9043B79E).",
    );
    expect(sleeps).toEqual([]);
  });

  test("a bad signature answered with HTTP 401 is read from the body", async () => {
    const fake = scriptedTransport([{ status: 401, body: envelope(null, 106001, "Invalid credentials. The 'sign' query parameter is invalid.") }]);
    const { client } = makeClient(fake.transport);
    await expect(client.getAuthorizedShops("TTP_t")).rejects.toMatchObject({ code: 106001, httpStatus: 401 });
  });

  test("a body that is not JSON is an unexpected answer", async () => {
    const fake = scriptedTransport([{ status: 200, body: "<html>captive portal</html>" }]);
    const { client } = makeClient(fake.transport);
    await expect(client.getAuthorizedShops("TTP_t")).rejects.toThrow(
      "TikTok Shop gave an unexpected answer to /authorization/202309/shops (HTTP 200, not a JSON envelope).",
    );
  });
});

describe("cancellation", () => {
  test("an abort between pages stops with CancelledError before the next request", async () => {
    const controller = new AbortController();
    const fake = scriptedTransport([
      (_r) => {
        controller.abort();
        return page([order("1")], TOKEN_1);
      },
      page([order("2")], ""),
    ]);
    const { client } = makeClient(fake.transport);
    await expect(client.searchOrders(auth, { createTimeGe: 1, createTimeLt: 2 }, controller.signal)).rejects.toThrow(CancelledError);
    expect(fake.sent).toHaveLength(1);
  });
});
