/**
 * Conformance: request/response cases run against the sandbox through the client's Node signing
 * transport (and the client itself where it decides what happens next).
 */
import {
  RelinkNeededError,
  TikTokApiError,
  TikTokClient,
  type ClientEvent,
} from "../../src/core/tiktok/client";
import type { TikTokRequest, TikTokResponse } from "../../src/core/tiktok/transport";
import type { Envelope, Order, TokenBundle } from "../../src/core/tiktok/types";
import { createSigningTransport } from "../../src/server/node-transport";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";

const NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;
const SHOPS = "/authorization/202309/shops";
const SEARCH = "/order/202309/orders/search";
const DETAIL = "/order/202309/orders";
const PRODUCTS = "/product/202309/products/search";

let sandbox: RunningSandbox;
let now = NOW;
let seller1: TokenBundle;
let seller2: TokenBundle;
let cipher1: string;
let cipher2: string;

async function link(seller: number): Promise<TokenBundle> {
  const { code } = (await (
    await fetch(`${sandbox.url}/sandbox/auth-code`, {
      method: "POST",
      body: JSON.stringify(sandbox.info.sellers[seller]),
    })
  ).json()) as {
    code: string;
  };
  const query = new URLSearchParams({
    app_key: sandbox.info.appKey,
    app_secret: sandbox.info.appSecret,
    auth_code: code,
    grant_type: "authorized_code",
  });
  return ((await (await fetch(`${sandbox.url}/api/v2/token/get?${query}`)).json()) as { data: TokenBundle })
    .data;
}

/** The product's Node transport, optionally with a wrong secret or a skewed clock. */
function transport(options: { appSecret?: string; skew?: number } = {}) {
  return createSigningTransport({
    appKey: sandbox.info.appKey,
    appSecret: options.appSecret ?? sandbox.info.appSecret,
    apiBase: sandbox.url,
    now: () => now + (options.skew ?? 0),
  });
}

async function send(
  request: TikTokRequest,
  options: { appSecret?: string; skew?: number } = {},
): Promise<{ response: TikTokResponse; envelope: Envelope<unknown> }> {
  const response = await transport(options).send(request);
  return { response, envelope: JSON.parse(response.body) as Envelope<unknown> };
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 13,
    shops: 2,
    orders: 260,
    days: 30,
    endDate: "2026-03-31",
    now: () => now,
  });
  [seller1, seller2] = await Promise.all([link(0), link(1)]);
  cipher1 = sandbox.info.shops[0].cipher;
  cipher2 = sandbox.info.shops[1].cipher;
});
afterAll(() => sandbox.close());
// A fixed clock never opens a new rate-limit second by itself.
beforeEach(() => {
  now += 2;
});

const searchBody = JSON.stringify({ create_time_ge: NOW - 40 * 86400, create_time_lt: NOW });

interface Case {
  name: string;
  request: () => TikTokRequest;
  options?: { appSecret?: string; skew?: number };
  http: number;
  code: number;
  message?: string | RegExp;
}

const CASES: Case[] = [
  {
    name: "a correctly signed GET",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: seller1.access_token }),
    http: 200,
    code: 0,
  },
  {
    name: "a correctly signed POST whose body has spaces (the exact bytes are signed)",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "10", shop_cipher: cipher1 },
      body: '{ "order_status" : "DELIVERED" }',
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 0,
  },
  {
    name: "a signature made with the wrong secret",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: seller1.access_token }),
    options: { appSecret: "sandbox_secret_wrong" },
    http: 401,
    code: 106001,
    message: "Invalid credentials. The 'sign' query parameter is invalid.",
  },
  {
    name: "a timestamp 301 s old",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: seller1.access_token }),
    options: { skew: -301 },
    http: 200,
    code: 36009004,
    message:
      "Invalid timestamp. The 'timestamp' query parameter must not be earlier than 5 minutes before the current time.",
  },
  {
    name: "a timestamp 299 s old",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: seller1.access_token }),
    options: { skew: -299 },
    http: 200,
    code: 0,
  },
  {
    name: "a timestamp 31 s ahead",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: seller1.access_token }),
    options: { skew: 31 },
    http: 200,
    code: 36009004,
    message:
      "Invalid timestamp. The 'timestamp' query parameter must not exceed the current time by more than 30 seconds.",
  },
  {
    name: "no access token",
    request: () => ({ method: "GET", path: SHOPS, query: {} }),
    http: 200,
    code: 36009004,
  },
  {
    name: "an unknown access token",
    request: () => ({ method: "GET", path: SHOPS, query: {}, accessToken: "ROW_made_up" }),
    http: 200,
    code: 105001,
  },
  {
    name: "a made-up shop cipher",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "10", shop_cipher: "ROW_made_up" },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009004,
    message: "Invalid identifier. The 'shop_cipher' query parameter is invalid.",
  },
  {
    name: "another seller's shop cipher",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "10", shop_cipher: cipher2 },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 101000,
  },
  {
    name: "no shop cipher on a shop API",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "10" },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 106013,
  },
  {
    name: "a shop cipher on the authorized shops API",
    request: () => ({
      method: "GET",
      path: SHOPS,
      query: { shop_cipher: cipher1 },
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009004,
    message: "Unexpected identifier. The 'shop_cipher' query parameter is not accepted by this API.",
  },
  ...["0", "101", "ten"].map((size): Case => ({
    name: `order search page_size ${size}`,
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: size, shop_cipher: cipher1 },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009004,
  })),
  {
    name: "order search page_size 100",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "100", shop_cipher: cipher1 },
      body: searchBody,
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 0,
  },
  {
    name: "product search page_size 101",
    request: () => ({
      method: "POST",
      path: PRODUCTS,
      query: { page_size: "101", shop_cipher: cipher1 },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 12019109,
  },
  {
    name: "order detail with 51 ids",
    request: () => ({
      method: "GET",
      path: DETAIL,
      query: {
        ids: sandbox
          .orders(sandbox.info.shops[0].id)
          .slice(0, 51)
          .map((o) => o.id)
          .join(","),
        shop_cipher: cipher1,
      },
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009004,
    message: "Invalid query parameter. 'ids' takes at most 50 order IDs per call; got 51.",
  },
  {
    name: "order detail with 50 ids",
    request: () => ({
      method: "GET",
      path: DETAIL,
      query: {
        ids: sandbox
          .orders(sandbox.info.shops[0].id)
          .slice(0, 50)
          .map((o) => o.id)
          .join(","),
        shop_cipher: cipher1,
      },
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 0,
  },
  {
    name: "order detail of another shop's order",
    request: () => ({
      method: "GET",
      path: DETAIL,
      query: { ids: sandbox.orders(sandbox.info.shops[1].id)[0].id, shop_cipher: cipher1 },
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 21008111,
  },
  {
    name: "an altered page token",
    request: () => ({
      method: "POST",
      path: SEARCH,
      query: { page_size: "10", shop_cipher: cipher1, page_token: "c29tZSt0aGluZy9lbHNl+/==" },
      body: "{}",
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009004,
  },
  {
    name: "an unknown path",
    request: () => ({
      method: "GET",
      path: "/order/202309/nothing",
      query: {},
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009009,
  },
  {
    name: "the wrong method",
    request: () => ({ method: "GET", path: SEARCH, query: {}, accessToken: seller1.access_token }),
    http: 200,
    code: 36009010,
  },
  {
    name: "a retired version",
    request: () => ({
      method: "GET",
      path: "/authorization/202212/shops",
      query: {},
      accessToken: seller1.access_token,
    }),
    http: 200,
    code: 36009014,
  },
];

describe("the sandbox answers each request as TikTok does", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { response, envelope } = await send(c.request(), c.options);
    expect(response.status).toBe(c.http);
    expect(envelope.code).toBe(c.code);
    expect(envelope.request_id).toMatch(/^\d{14}[0-9A-F]{20}$/);
    if (c.code === 0) expect(envelope.data).not.toBeNull();
    else expect(envelope.data).toBeNull();
    if (typeof c.message === "string") expect(envelope.message).toBe(c.message);
  });
});

describe("the client against the sandbox", () => {
  const client = (extra: Partial<ConstructorParameters<typeof TikTokClient>[1]> = {}) => {
    const events: ClientEvent[] = [];
    const sleeps: number[] = [];
    const c = new TikTokClient(transport(), {
      sleep: async (ms) => {
        sleeps.push(ms);
        now += Math.ceil(ms / 1000);
      },
      onEvent: (e) => events.push(e),
      ...extra,
    });
    return { client: c, events, sleeps };
  };

  test("pages across three pages of tokens holding + and /, and gets the sandbox's orders exactly", async () => {
    const { client: c, events } = client();
    const orders = await c.searchOrders(
      { shopCipher: cipher1, accessToken: seller1.access_token },
      { createTimeGe: NOW - 40 * 86400, createTimeLt: NOW },
    );
    const expected = sandbox
      .orders(sandbox.info.shops[0].id)
      .sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
    expect(orders).toEqual(expected);
    expect(events.filter((e) => e.type === "page")).toHaveLength(3);
  });

  test("order detail for 120 ids takes three calls of at most 50", async () => {
    const sent: number[] = [];
    const inner = transport();
    const c = new TikTokClient(
      { send: (r) => (sent.push(r.query.ids.split(",").length), inner.send(r)) },
      { sleep: async () => undefined },
    );
    const ids = sandbox
      .orders(sandbox.info.shops[0].id)
      .slice(0, 120)
      .map((o) => o.id);
    const orders = await c.getOrders({ shopCipher: cipher1, accessToken: seller1.access_token }, ids);
    expect(orders.map((o: Order) => o.id)).toEqual(ids);
    expect(sent).toEqual([50, 50, 20]);
  });

  test("an expired token (105002) is refreshed once and the call completes", async () => {
    const fresh = await link(0);
    sandbox.faults.add([{ kind: "expire_token", path: SHOPS }]);
    const refresh = jest.fn(async () => (await link(0)).access_token);
    const { client: c, events } = client({ refreshAccessToken: refresh });
    const shops = await c.getAuthorizedShops(fresh.access_token);
    expect(shops.map((s) => s.id)).toEqual([sandbox.info.shops[0].id]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ type: "refresh" }]);
  });

  test("a revoked token (105001) asks for relinking without trying to refresh", async () => {
    const fresh = await link(0);
    sandbox.faults.add([{ kind: "revoke_token", path: SHOPS }]);
    const refresh = jest.fn(async () => "never");
    const { client: c } = client({ refreshAccessToken: refresh });
    await expect(c.getAuthorizedShops(fresh.access_token)).rejects.toBeInstanceOf(RelinkNeededError);
    expect(refresh).not.toHaveBeenCalled();
  });

  test("a bad signature is not retried: it is reported with TikTok's code and request id", async () => {
    const c = new TikTokClient(transport({ appSecret: "sandbox_secret_wrong" }), {
      sleep: async () => undefined,
    });
    const error = (await c
      .getAuthorizedShops(seller2.access_token)
      .catch((e: unknown) => e)) as TikTokApiError;
    expect(error).toBeInstanceOf(TikTokApiError);
    expect([error.code, error.httpStatus]).toEqual([106001, 401]);
    expect(error.message).toMatch(
      /^TikTok Shop refused \/authorization\/202309\/shops with code 106001: Invalid credentials\. The 'sign' query parameter is invalid\. \(request \d{14}[0-9A-F]{20}\)\.$/,
    );
  });

  test("51 requests in one second: the 51st is 429/36009002; the throttled client sends 120 without one", async () => {
    const burst = await Promise.all(
      Array.from({ length: 51 }, () =>
        send({ method: "GET", path: SHOPS, query: {}, accessToken: seller2.access_token }),
      ),
    );
    const refused = burst.filter((b) => b.response.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].envelope.code).toBe(36009002);

    now += 2;
    let virtualMs = now * 1000;
    const c = new TikTokClient(transport(), {
      nowMs: () => virtualMs,
      sleep: async (ms) => {
        virtualMs += ms;
        now = Math.floor(virtualMs / 1000);
      },
      onEvent: (e) => {
        if (e.type === "retry") throw new Error(`retried after ${e.code}`);
      },
    });
    for (let i = 0; i < 120; i++) await c.getAuthorizedShops(seller2.access_token);
  });

  test("a throttled answer is waited out and the page arrives", async () => {
    sandbox.faults.add([{ kind: "rate_limit", path: SEARCH, count: 2 }]);
    const { client: c, events, sleeps } = client();
    const orders = await c.searchOrders(
      { shopCipher: cipher2, accessToken: seller2.access_token },
      { createTimeGe: NOW - 86400, createTimeLt: NOW },
    );
    expect(orders.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { code: number }).code)).toEqual([
      36009002, 36009002,
    ]);
    expect(sleeps).toEqual([1000, 2000]);
  });
});

describe("a catalogue above TikTok's 10,000-result cap", () => {
  test("the client narrows the search by create_time until every part fits, and gets every product once", async () => {
    let clock = NOW;
    const big = await startSandbox({
      port: 0,
      seed: 2,
      products: 10_050,
      orders: 0,
      endDate: "2026-03-31",
      now: () => clock,
    });
    try {
      const { code } = (await (
        await fetch(`${big.url}/sandbox/auth-code`, {
          method: "POST",
          body: JSON.stringify(big.info.sellers[0]),
        })
      ).json()) as { code: string };
      const query = new URLSearchParams({
        app_key: big.info.appKey,
        app_secret: big.info.appSecret,
        auth_code: code,
        grant_type: "authorized_code",
      });
      const bundle = (
        (await (await fetch(`${big.url}/api/v2/token/get?${query}`)).json()) as { data: TokenBundle }
      ).data;
      const codes: number[] = [];
      const inner = createSigningTransport({
        appKey: big.info.appKey,
        appSecret: big.info.appSecret,
        apiBase: big.url,
        now: () => clock,
      });
      let virtualMs = clock * 1000;
      const events: ClientEvent[] = [];
      const c = new TikTokClient(
        {
          send: async (r) => {
            const response = await inner.send(r);
            codes.push((JSON.parse(response.body) as { code: number }).code);
            return response;
          },
        },
        {
          nowMs: () => virtualMs,
          sleep: async (ms) => {
            virtualMs += ms;
            clock = Math.floor(virtualMs / 1000);
          },
          onEvent: (e) => events.push(e),
        },
      );
      const products = await c.searchProducts({
        shopCipher: big.info.shops[0].cipher,
        accessToken: bundle.access_token,
      });
      const expected = big.products(big.info.shops[0].id);
      expect(products).toHaveLength(expected.length);
      expect(new Set(products.map((p) => p.id))).toEqual(new Set(expected.map((p) => p.id)));
      expect(codes[0]).toBe(12052180);
      expect(codes.filter((code) => code === 12052180).length).toBe(
        events.filter((e) => e.type === "split").length,
      );
      expect(codes.filter((code) => code === 36009002)).toEqual([]);
      expect(codes.length).toBeLessThan(10_050 / 100 + 40);
    } finally {
      await big.close();
    }
  });
});
