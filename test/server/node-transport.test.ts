import { createSigningTransport } from "../../src/server/node-transport";
import { envelope, startFakeUpstream, type FakeUpstream } from "./fake-upstream";

const SECRET = "e59af819cc";
const CIPHER = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";
const PAGE_TOKEN = "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT==";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(SECRET, () => ({ status: 200, body: envelope({ orders: [], next_page_token: "" }) }));
});
afterAll(() => upstream.close());
beforeEach(() => upstream.requests.splice(0));

const transport = () => createSigningTransport({ appKey: "29a39d", appSecret: SECRET, apiBase: `${upstream.url}/`, now: () => 1700000100 });

describe("signing transport", () => {
  test("signs a POST with a page token holding + / = so that the upstream recomputes the same sign", async () => {
    const body = '{"create_time_ge":1700000000,"create_time_lt":1700086400}';
    const response = await transport().send({
      method: "POST",
      path: "/order/202309/orders/search",
      query: { page_size: "100", page_token: PAGE_TOKEN, shop_cipher: CIPHER },
      body,
      accessToken: "TTP_secret_access",
    });

    expect(response).toEqual({ status: 200, body: JSON.stringify(envelope({ orders: [], next_page_token: "" })) });
    const [r] = upstream.requests;
    expect(r.signValid).toBe(true);
    expect(r.method).toBe("POST");
    expect(r.path).toBe("/order/202309/orders/search");
    expect(r.query.page_token).toBe(PAGE_TOKEN);
    expect(r.rawUrl).toContain("page_token=6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq%2FN5M1kHYcZmtRyv9aVrNv65W7Q6tFA%2B7D1ud64MPNz5OaT%3D%3D");
    expect(r.query.app_key).toBe("29a39d");
    expect(r.query.timestamp).toBe("1700000100");
    expect(r.query.sign).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body).toBe(body);
    expect(r.headers["x-tts-access-token"]).toBe("TTP_secret_access");
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.rawUrl).not.toContain("TTP_secret_access");
    expect(r.rawUrl).not.toContain(SECRET);
  });

  test("a GET reproduces the derived order-detail vector DV3", async () => {
    await transport().send({
      method: "GET",
      path: "/order/202309/orders",
      query: { ids: "576461413038785752,576461413038785753", shop_cipher: CIPHER },
      accessToken: "TTP_a",
    });
    const [r] = upstream.requests;
    expect(r.query.sign).toBe("aac1d241b10dac364847c396af9998f7506a03e7105ab4c1ff7ae498e0e6634b");
    expect(r.body).toBe("");
    expect(r.signValid).toBe(true);
  });

  test("app_key, timestamp, sign and access_token sent by the caller are replaced, not forwarded", async () => {
    await transport().send({
      method: "GET",
      path: "/authorization/202309/shops",
      query: { app_key: "evil", timestamp: "1", sign: "abc", access_token: "TTP_leak" },
      accessToken: "TTP_a",
    });
    const [r] = upstream.requests;
    expect(r.query).toEqual({ app_key: "29a39d", timestamp: "1700000100", sign: r.query.sign });
    expect(r.signValid).toBe(true);
  });

  test("a non-2xx answer is returned as it came, for the client to read its body", async () => {
    const failing = await startFakeUpstream(SECRET, () => ({ status: 401, body: envelope(null, 106001, "Invalid credentials.") }));
    try {
      const t = createSigningTransport({ appKey: "k", appSecret: SECRET, apiBase: failing.url, now: () => 1 });
      const response = await t.send({ method: "GET", path: "/authorization/202309/shops", query: {} });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual(envelope(null, 106001, "Invalid credentials."));
      expect(failing.requests[0].headers["x-tts-access-token"]).toBeUndefined();
    } finally {
      await failing.close();
    }
  });

  test("a connection that cannot be made rejects, so the client can retry", async () => {
    const t = createSigningTransport({ appKey: "k", appSecret: SECRET, apiBase: "http://127.0.0.1:1", now: () => 1 });
    await expect(t.send({ method: "GET", path: "/authorization/202309/shops", query: {} })).rejects.toThrow();
  });
});
