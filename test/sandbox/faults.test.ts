import type { OrderSearchData } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = 1_780_000_000;
const SEARCH = "/order/202309/orders/search";

describe("faults on demand", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let refreshToken: string;
  let now = NOW;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, orders: 20, products: 5, endDate: "2026-05-28", now: () => now });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    refreshToken = (await client.link()).bundle.refresh_token;
  });

  afterAll(() => sandbox.close());

  beforeEach(() => {
    now += 2;
    sandbox.faults.clear();
  });

  const search = () => client.call<OrderSearchData>({ path: SEARCH, query: { page_size: "5", shop_cipher: cipher }, body: "{}", token });
  const post = (body: unknown) => fetch(`${sandbox.url}/sandbox/faults`, { method: "POST", body: JSON.stringify(body) });

  test("a rate-limit burst answers 429 for the next N matching requests, then lets them through", async () => {
    const queued = await post({ faults: [{ kind: "rate_limit", path: SEARCH, count: 2 }] });
    expect(await queued.json()).toEqual({ faults: [{ kind: "rate_limit", path: SEARCH, count: 2 }] });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const r = await search();
      codes.push([r.status, r.json.code]);
    }
    expect(codes).toEqual([[429, 36009002], [429, 36009002], [200, 0]]);
    expect(sandbox.faults.pending()).toEqual([]);
  });

  test("a fault for one path leaves other paths alone", async () => {
    sandbox.faults.add([{ kind: "rate_limit", path: "/product/202309/products/search" }]);
    expect((await search()).json.code).toBe(0);
    expect(sandbox.faults.pending()).toHaveLength(1);
  });

  test("server_error 500 answers TikTok's internal error envelope with HTTP 500", async () => {
    sandbox.faults.add([{ kind: "server_error" }]);
    const r = await search();
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ code: 36009003, message: "Internal error. Please try again later.", data: null });
  });

  test("server_error 503 answers a gateway's HTML page, not JSON", async () => {
    sandbox.faults.add([{ kind: "server_error", status: 503 }]);
    const response = await fetch(`${sandbox.url}${SEARCH}`, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<h1>503 Error</h1>");
  });

  test("drop_connection closes the socket without an answer", async () => {
    sandbox.faults.add([{ kind: "drop_connection" }]);
    await expect(search()).rejects.toThrow("fetch failed");
    expect((await search()).json.code).toBe(0);
  });

  test("delay holds the answer for the given time and then answers normally", async () => {
    sandbox.faults.add([{ kind: "delay", delayMs: 150 }]);
    const started = Date.now();
    const r = await search();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(r.json.code).toBe(0);
  });

  test("expire_token makes the presented access token expire now (105002)", async () => {
    const { token: own } = await client.link();
    sandbox.faults.add([{ kind: "expire_token" }]);
    const first = await client.call({ path: "/authorization/202309/shops", token: own });
    expect(first.json.code).toBe(105002);
    const again = await client.call({ path: "/authorization/202309/shops", token: own });
    expect(again.json.code).toBe(105002);
    expect((await client.call({ path: "/authorization/202309/shops", token })).json.code).toBe(0);
  });

  test("revoke_token revokes the presented access token (105001) for good", async () => {
    const { token: own } = await client.link();
    sandbox.faults.add([{ kind: "revoke_token" }]);
    const first = await client.call({ path: "/authorization/202309/shops", token: own });
    expect(first.json.code).toBe(105001);
    expect((await client.call({ path: "/authorization/202309/shops", token: own })).json.code).toBe(105001);
    expect((await client.call({ path: "/authorization/202309/shops", token })).json.code).toBe(0);
  });

  test("a fault with a probability stands: it hits about that share of requests until cleared", async () => {
    const queued = await post({ faults: [{ kind: "rate_limit", path: SEARCH, probability: 0.3 }] });
    expect(await queued.json()).toEqual({ faults: [{ kind: "rate_limit", path: SEARCH, probability: 0.3 }] });
    let throttled = 0;
    for (let i = 0; i < 40; i++) {
      now += 1;
      if ((await search()).json.code === 36009002) throttled++;
    }
    expect(throttled).toBeGreaterThanOrEqual(5);
    expect(throttled).toBeLessThanOrEqual(20);
    expect(sandbox.faults.pending()).toHaveLength(1);
    sandbox.faults.clear();
    expect((await search()).json.code).toBe(0);
  });

  test("a probability with a count stops after that many hits; a probability outside (0, 1] is refused", async () => {
    sandbox.faults.add([{ kind: "server_error", probability: 1, count: 2 }]);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await search()).json.code);
    expect(codes).toEqual([36009003, 36009003, 0]);
    const bad = await post({ faults: [{ kind: "rate_limit", probability: 1.5 }] });
    expect(await bad.json()).toEqual({ error: "faults[0].probability must be a number above 0 and at most 1, e.g. 0.2 for one request in five." });
  });

  test("the token endpoints fail only when named", async () => {
    sandbox.faults.add([{ kind: "server_error", path: "/api/v2/token/refresh" }]);
    const failed = await client.tokenCall("/api/v2/token/refresh", { refresh_token: refreshToken, grant_type: "refresh_token" });
    expect([failed.status, failed.json.code]).toEqual([500, 36009003]);
    const ok = await client.tokenCall("/api/v2/token/refresh", { refresh_token: refreshToken, grant_type: "refresh_token" });
    expect(ok.json.code).toBe(0);
  });

  test("a bad fault list is refused whole, with a message that says what is allowed", async () => {
    const response = await post({ faults: [{ kind: "rate_limit" }, { kind: "explode" }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "faults[1].kind must be one of rate_limit, server_error, drop_connection, delay, expire_token, revoke_token.",
    });
    expect(sandbox.faults.pending()).toEqual([]);
    const badPath = await post({ faults: [{ kind: "rate_limit", path: "/order/202309/nope" }] });
    expect(((await badPath.json()) as { error: string }).error).toMatch(/^faults\[0\]\.path must be one of \/api\/v2\/token\/get, /);
  });

  test("GET lists and DELETE clears the queue", async () => {
    await post({ faults: [{ kind: "delay", delayMs: 10, count: 4 }] });
    expect(await (await fetch(`${sandbox.url}/sandbox/faults`)).json()).toEqual({ faults: [{ kind: "delay", count: 4, delayMs: 10 }] });
    expect(await (await fetch(`${sandbox.url}/sandbox/faults`, { method: "DELETE" })).json()).toEqual({ faults: [] });
    expect(sandbox.faults.pending()).toEqual([]);
  });
});
