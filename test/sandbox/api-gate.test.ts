import { signRequest } from "../../src/core/tiktok/sign";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { hmacSha256Hex } from "../../src/server/hmac";
import { SignedClient } from "./signed-client";

const NOW = 1_780_000_000; // 2026-05-28T20:26:40Z
const SHOPS = "/authorization/202309/shops";
const SEARCH = "/order/202309/orders/search";

describe("the sandbox's request gate", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 3, shops: 2, orders: 30, products: 8, endDate: "2026-05-28", now: () => NOW });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link(0));
  });

  afterAll(() => sandbox.close());

  const search = (query: Record<string, string>, extra: Partial<Parameters<SignedClient["call"]>[0]> = {}) =>
    client.call({ path: SEARCH, query: { page_size: "10", shop_cipher: cipher, ...query }, body: "{}", token, ...extra });

  test("GET /sandbox/info describes the demo app, sellers and shops", async () => {
    const info = (await (await fetch(`${sandbox.url}/sandbox/info`)).json()) as typeof sandbox.info;
    expect(info).toEqual(sandbox.info);
    expect(info.appKey).toMatch(/^sandbox_[0-9a-f]{10}$/);
    expect(info.appSecret).toMatch(/^sandbox_secret_[0-9a-f]{32}$/);
    expect(info.authorizeUrl).toBe(`${sandbox.url}/open/authorize?service_id=${info.serviceId}`);
    expect(info.apiBase).toBe(sandbox.url);
    expect(info.authBase).toBe(sandbox.url);
    expect(info.sellers).toEqual([
      { email: "seller1@sandbox.shopbooks.test", password: "sandbox-demo-1" },
      { email: "seller2@sandbox.shopbooks.test", password: "sandbox-demo-1" },
    ]);
    expect(info.shops.map((s) => s.region)).toEqual(["MY", "MY"]);
  });

  test("the authorized shops list has the seller's one Malaysian shop with a ROW_ cipher", async () => {
    const result = await client.call<{ shops: Record<string, string>[] }>({ path: SHOPS, token });
    expect(result.status).toBe(200);
    expect(result.json.code).toBe(0);
    expect(result.json.message).toBe("Success");
    const [shop] = result.json.data!.shops;
    expect(result.json.data!.shops).toHaveLength(1);
    expect(shop).toEqual({
      id: sandbox.info.shops[0].id,
      name: sandbox.info.shops[0].name,
      region: "MY",
      seller_type: "LOCAL",
      cipher: sandbox.info.shops[0].cipher,
      code: expect.stringMatching(/^MYLC[0-9A-Z]{8}$/),
    });
    expect(shop.id).toMatch(/^7\d{18}$/);
    expect(shop.cipher).toMatch(/^ROW_[A-Za-z0-9_-]+$/);
  });

  test("every answer carries a 34-character request id: UTC+8 time and 20 uppercase hex digits", async () => {
    const result = await client.call({ path: SHOPS, token });
    expect(result.json.request_id).toMatch(/^\d{14}[0-9A-F]{20}$/);
    const stamp = new Date((sandbox.clock.now() + 8 * 3600) * 1000).toISOString().slice(0, 10).replace(/-/g, "");
    expect(result.json.request_id.slice(0, 8)).toBe(stamp);
  });

  test("an unknown path is 36009009 and a wrong method 36009010", async () => {
    const path = await client.call({ path: "/order/202309/orderz", token });
    expect([path.status, path.json.code, path.json.data]).toEqual([200, 36009009, null]);
    const method = await client.call({ method: "GET", path: SEARCH, query: { page_size: "10", shop_cipher: cipher }, token });
    expect([method.status, method.json.code]).toEqual([200, 36009010]);
    expect(method.json.message).toBe("Invalid method. GET is not supported for this path; use POST.");
  });

  test("a retired or unknown API version is 36009014", async () => {
    const result = await client.call({ path: "/order/202212/orders/search", body: "{}", token });
    expect(result.json.code).toBe(36009014);
    expect(result.json.message).toBe("The version name is invalid, please check and retry.");
  });

  test("an unknown app_key is 36009004", async () => {
    const result = await client.call({ path: SHOPS, token, appKey: "sandbox_0000000000" });
    expect(result.json).toMatchObject({ code: 36009004, message: "Invalid credentials. Invalid 'app_key' query parameter.", data: null });
  });

  test("an app_key shaped like a production one is refused with a warning not to send real credentials", async () => {
    const result = await client.call({ path: SHOPS, token, appKey: "29a39d" });
    expect(result.json).toMatchObject({
      code: 36009004,
      message:
        "Invalid credentials. This is the ShopBooks sandbox and 'app_key' does not look like one of its demo credentials (they start with \"sandbox\"); never send a real TikTok app's credentials here. GET /sandbox/info lists the sandbox's own.",
      data: null,
    });
  });

  test("a missing sign is 36009004", async () => {
    const result = await client.call({ path: SHOPS, token, sign: null });
    expect(result.json.code).toBe(36009004);
    expect(result.json.message).toBe("Missing credentials. The request does not include a required signature in the query.");
  });

  test("a timestamp more than 5 minutes old is 36009004 with TikTok's wording", async () => {
    const result = await client.call({ path: SHOPS, token, timestamp: sandbox.clock.now() - 301 });
    expect(result.status).toBe(200);
    expect(result.json.code).toBe(36009004);
    expect(result.json.message).toBe("Invalid timestamp. The 'timestamp' query parameter must not be earlier than 5 minutes before the current time.");
  });

  test("a timestamp more than 30 seconds ahead is 36009004, and 4 minutes old is accepted", async () => {
    const ahead = await client.call({ path: SHOPS, token, timestamp: sandbox.clock.now() + 60 });
    expect(ahead.json.message).toBe("Invalid timestamp. The 'timestamp' query parameter must not exceed the current time by more than 30 seconds.");
    const old = await client.call({ path: SHOPS, token, timestamp: sandbox.clock.now() - 240 });
    expect(old.json.code).toBe(0);
  });

  test("a wrong signature is 106001 with HTTP 401", async () => {
    const result = await client.call({ path: SHOPS, token, appSecret: "not-the-secret" });
    expect(result.status).toBe(401);
    expect(result.json).toMatchObject({ code: 106001, message: "Invalid credentials. The 'sign' query parameter is invalid.", data: null });
  });

  test("an uppercase hex signature is refused like a wrong one", async () => {
    const good = await client.call({ path: SHOPS, token });
    expect(good.json.code).toBe(0);
    const timestamp = sandbox.clock.now();
    const query = { app_key: sandbox.info.appKey, timestamp: String(timestamp) };
    const upper = signRequest(sandbox.info.appSecret, { path: SHOPS, query }, hmacSha256Hex).toUpperCase();
    const result = await client.call({ path: SHOPS, token, timestamp, sign: upper });
    expect([result.status, result.json.code]).toEqual([401, 106001]);
  });

  test("the signature covers the body: a body changed after signing is 106001", async () => {
    const timestamp = sandbox.clock.now();
    const query = { app_key: sandbox.info.appKey, timestamp: String(timestamp), page_size: "10", shop_cipher: cipher };
    const sign = signRequest(sandbox.info.appSecret, { path: SEARCH, query, body: '{"order_status":"COMPLETED"}' }, hmacSha256Hex);
    const result = await client.call({ path: SEARCH, query: { page_size: "10", shop_cipher: cipher }, body: '{"order_status":"DELIVERED"}', token, timestamp, sign });
    expect(result.json.code).toBe(106001);
  });

  test("a missing access token header is 36009004 and an unknown one 105001", async () => {
    const missing = await client.call({ path: SHOPS });
    expect(missing.json).toMatchObject({ code: 36009004, message: "Invalid credentials. The 'x-tts-access-token' header is invalid." });
    const unknown = await client.call({ path: SHOPS, token: "ROW_notatoken" });
    expect(unknown.json.code).toBe(105001);
  });

  test("the access token in the query instead of the header is refused with a pointer to the header", async () => {
    const result = await client.call({ path: SHOPS, token, query: { access_token: token } });
    expect(result.json.code).toBe(36009004);
    expect(result.json.message).toBe(
      "Invalid query parameter. 'access_token' is not a parameter of this API. Since API version 202309 the access token goes in the x-tts-access-token header.",
    );
  });

  test("shop_cipher on /authorization/202309/shops is 36009004", async () => {
    const result = await client.call({ path: SHOPS, token, query: { shop_cipher: cipher } });
    expect(result.json.code).toBe(36009004);
    expect(result.json.message).toBe("Unexpected identifier. The 'shop_cipher' query parameter is not accepted by this API.");
  });

  test("a missing shop_cipher on order search is 106013", async () => {
    const result = await client.call({ path: SEARCH, query: { page_size: "10" }, body: "{}", token });
    expect(result.json.code).toBe(106013);
    expect(result.json.message).toBe("Missing identifier. The 'shop_cipher' query parameter is required for this API.");
  });

  test("another seller's shop cipher is 101000 and a made-up one 36009004", async () => {
    const other = await search({ shop_cipher: sandbox.info.shops[1].cipher });
    expect(other.json.code).toBe(101000);
    const madeUp = await search({ shop_cipher: "ROW_madeup" });
    expect(madeUp.json.code).toBe(36009004);
    expect(madeUp.json.message).toBe("Invalid identifier. The 'shop_cipher' query parameter is invalid.");
  });

  test("an unknown query parameter and a repeated one are refused", async () => {
    const unknown = await search({ pagesize: "10" });
    expect(unknown.json).toMatchObject({ code: 36009004, message: "Invalid query parameter. 'pagesize' is not a parameter of this API." });
    const timestamp = String(sandbox.clock.now());
    const query = { ids: "1", app_key: sandbox.info.appKey, shop_cipher: cipher, timestamp };
    const sign = signRequest(sandbox.info.appSecret, { path: "/order/202309/orders", query }, hmacSha256Hex);
    const url = `${sandbox.url}/order/202309/orders?ids=1&ids=2&app_key=${query.app_key}&shop_cipher=${encodeURIComponent(cipher)}&timestamp=${timestamp}&sign=${sign}`;
    const repeated = (await (await fetch(url, { headers: { "x-tts-access-token": token } })).json()) as { code: number; message: string };
    expect(repeated).toMatchObject({
      code: 36009004,
      message: "Invalid query parameter. 'ids' appears more than once; send one value (lists comma-separated).",
    });
  });

  test("a POST body without a JSON content type is 36009022", async () => {
    const result = await search({}, { contentType: "text/plain" });
    expect(result.json.code).toBe(36009022);
  });
});

describe("tokens", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let now = NOW;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 4, orders: 10, products: 5, endDate: "2026-05-28", now: () => now });
    client = new SignedClient(sandbox);
  });

  afterAll(() => sandbox.close());

  test("an auth code exchanges once for a 7-day access token and a 365-day refresh token", async () => {
    const code = await client.authCode();
    const first = await client.exchange(code);
    expect(first.status).toBe(200);
    expect(first.json.code).toBe(0);
    expect(first.json.message).toBe("success");
    expect(first.json.data).toEqual({
      access_token: expect.stringMatching(/^ROW_[A-Za-z0-9_-]{64}$/),
      access_token_expire_in: NOW + 7 * 86400,
      refresh_token: expect.stringMatching(/^ROW_[A-Za-z0-9_-]{64}$/),
      refresh_token_expire_in: NOW + 365 * 86400,
      open_id: expect.stringMatching(/^7\d{18}$/),
      seller_name: sandbox.info.shops[0].name,
      seller_base_region: "MY",
      user_type: 0,
      granted_scopes: [
        "seller.authorization.info",
        "seller.shop.info",
        "seller.order.info",
        "seller.product.basic",
        "seller.finance.info",
        "seller.return_refund.basic",
      ],
    });
    const again = await client.exchange(code);
    expect(again.json).toMatchObject({ code: 36004005, message: "can not find related auth record", data: null });
  });

  test("an auth code older than 30 minutes is refused", async () => {
    const code = await client.authCode();
    now += 30 * 60;
    const result = await client.exchange(code);
    expect(result.json.code).toBe(36004005);
  });

  test("a wrong app secret, app key or grant_type is refused with 36009004", async () => {
    const code = await client.authCode();
    const secret = await client.tokenCall("/api/v2/token/get", { auth_code: code, grant_type: "authorized_code", app_secret: "sandbox_secret_nope" });
    expect(secret.json).toMatchObject({ code: 36009004, message: "Invalid credentials. Invalid 'app_secret' query parameter." });
    const real = await client.tokenCall("/api/v2/token/get", { auth_code: code, grant_type: "authorized_code", app_secret: "e59af819cc" });
    expect(real.json.message).toContain("This is the ShopBooks sandbox and 'app_secret' does not look like one of its demo credentials");
    const key = await client.tokenCall("/api/v2/token/get", { auth_code: code, grant_type: "authorized_code", app_key: "nope" });
    expect(key.json.code).toBe(36009004);
    const grant = await client.tokenCall("/api/v2/token/get", { auth_code: code, grant_type: "authorization_code" });
    expect(grant.json).toMatchObject({ code: 36009004, message: "Invalid query parameter. 'grant_type' must be authorized_code." });
    // None of those used the code up.
    expect((await client.exchange(code)).json.code).toBe(0);
  });

  test("a refresh gives a new access token; the old one keeps working and the used refresh token is spent", async () => {
    const { bundle } = await client.link();
    const refreshed = await client.tokenCall("/api/v2/token/refresh", { refresh_token: bundle.refresh_token, grant_type: "refresh_token" });
    expect(refreshed.json.code).toBe(0);
    const next = refreshed.json.data!;
    expect(next.access_token).not.toBe(bundle.access_token);
    expect(next.refresh_token).not.toBe(bundle.refresh_token);
    expect(next.refresh_token_expire_in).toBe(bundle.refresh_token_expire_in);
    expect((await client.call({ path: SHOPS, token: bundle.access_token })).json.code).toBe(0);
    expect((await client.call({ path: SHOPS, token: next.access_token })).json.code).toBe(0);
    const reused = await client.tokenCall("/api/v2/token/refresh", { refresh_token: bundle.refresh_token, grant_type: "refresh_token" });
    expect(reused.json.code).toBe(36004005);
  });

  test("an access token is 105002 after 7 days and 1 second, and a refresh brings the shop back", async () => {
    const { bundle } = await client.link();
    sandbox.clock.advance(7 * 86400 + 1);
    const expired = await client.call({ path: SHOPS, token: bundle.access_token });
    expect(expired.status).toBe(200);
    expect(expired.json).toMatchObject({ code: 105002, data: null });
    const refreshed = await client.tokenCall("/api/v2/token/refresh", { refresh_token: bundle.refresh_token, grant_type: "refresh_token" });
    expect((await client.call({ path: SHOPS, token: refreshed.json.data!.access_token })).json.code).toBe(0);
  });

  test("a refresh token past its expiry is 36004001", async () => {
    const { bundle } = await client.link();
    sandbox.clock.advance(366 * 86400);
    const result = await client.tokenCall("/api/v2/token/refresh", { refresh_token: bundle.refresh_token, grant_type: "refresh_token" });
    expect(result.json).toMatchObject({ code: 36004001, message: "rt has expired" });
  });

  test("POST /sandbox/clock moves the clock and answers the new time", async () => {
    const before = sandbox.clock.now();
    const response = await fetch(`${sandbox.url}/sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 90 }) });
    expect(await response.json()).toEqual({ now: before + 90 });
  });

  test("POST /sandbox/auth-code with a wrong password is 401", async () => {
    const response = await fetch(`${sandbox.url}/sandbox/auth-code`, {
      method: "POST",
      body: JSON.stringify({ email: "seller1@sandbox.shopbooks.test", password: "wrong" }),
    });
    expect(response.status).toBe(401);
  });
});

describe("the rate limit", () => {
  test("more than 50 requests in one second to one path for one shop are HTTP 429 with 36009002", async () => {
    const sandbox = await startSandbox({ port: 0, orders: 5, products: 3, endDate: "2026-05-28", now: () => NOW });
    try {
      const client = new SignedClient(sandbox);
      const { token, cipher } = await client.link();
      const calls = Array.from({ length: 60 }, () =>
        client.call({ path: SEARCH, query: { page_size: "1", shop_cipher: cipher }, body: "{}", token }),
      );
      const results = await Promise.all(calls);
      const limited = results.filter((r) => r.status === 429);
      expect(results.filter((r) => r.json.code === 0)).toHaveLength(50);
      expect(limited).toHaveLength(10);
      expect(limited[0].json).toMatchObject({
        code: 36009002,
        message: "Too many requests. You've made too many requests in a short period of time.",
        data: null,
      });
      // Another path has its own budget; a second later the first path is open again.
      expect((await client.call({ path: "/order/202309/orders", query: { ids: sandbox.orders(sandbox.info.shops[0].id)[0].id, shop_cipher: cipher }, token })).json.code).toBe(0);
      sandbox.clock.advance(1);
      expect((await client.call({ path: SEARCH, query: { page_size: "1", shop_cipher: cipher }, body: "{}", token })).json.code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
