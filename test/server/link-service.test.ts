import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { linkResultPage, startLinkService, type RunningLinkService } from "../../src/server/link-service";
import type { LinkConfig } from "../../src/server/config";
import type { TokenBundle } from "../../src/core/tiktok/types";
import { envelope, rawRequest, startFakeUpstream, type FakeUpstream, type RecordedRequest } from "./fake-upstream";

const SECRET = "app-secret-9f8e7d";
const AUTH_CODE = "ROW_authcode_TTP123";
const ACCESS = "TTP_access_abcdef123";
const REFRESH = "TTP_refresh_zyxw987";
const NEW_ACCESS = "TTP_access_fresh456";

const token: TokenBundle = {
  access_token: ACCESS,
  access_token_expire_in: 1700604800,
  refresh_token: REFRESH,
  refresh_token_expire_in: 1731536000,
  open_id: "7010736057180325637",
  seller_name: "Kedai </script><b>Maju</b>",
  seller_base_region: "MY",
  user_type: 0,
  granted_scopes: ["seller.order.info"],
};

function upstreamAnswer(r: RecordedRequest) {
  if (r.path === "/api/v2/token/get") {
    const valid = r.query.app_secret === SECRET && r.query.grant_type === "authorized_code" && r.query.auth_code === AUTH_CODE;
    return { status: 200, body: valid ? envelope(token) : envelope(null, 36004005, "can not find related auth record") };
  }
  if (r.path === "/api/v2/token/refresh") {
    const valid = r.query.app_secret === SECRET && r.query.grant_type === "refresh_token" && r.query.refresh_token === REFRESH;
    return { status: 200, body: valid ? envelope({ ...token, access_token: NEW_ACCESS }) : envelope(null, 36004001, "rt has expired") };
  }
  if (!r.signValid) return { status: 401, body: envelope(null, 106001, "Invalid credentials. The 'sign' query parameter is invalid.") };
  return { status: 200, body: envelope({ shops: [{ id: "7000714532876273420", cipher: "ROW_c" }] }) };
}

let upstream: FakeUpstream;
let service: RunningLinkService;
let staticDir: string;
let root: string;
const logLines: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "link-service-"));
  staticDir = path.join(root, "dist");
  mkdirSync(path.join(staticDir, "assets"), { recursive: true });
  writeFileSync(path.join(staticDir, "taskpane.html"), "<!doctype html><title>ShopBooks</title>");
  writeFileSync(path.join(staticDir, "assets", "taskpane.js"), "console.log('pane');");
  writeFileSync(path.join(root, "secret.txt"), "outside the dist folder");
  upstream = await startFakeUpstream(SECRET, upstreamAnswer);
  const config: LinkConfig = {
    appKey: "app-key-1",
    appSecret: SECRET,
    apiBase: upstream.url,
    authBase: upstream.url,
    authorizeUrl: `${upstream.url}/open/authorize?service_id=7123`,
  };
  service = await startLinkService({ port: 0, config, staticDir, log: (line) => logLines.push(line), now: () => 1700000100 });
});

afterAll(async () => {
  await service.close();
  await upstream.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => upstream.requests.splice(0));

/** Start → cookie + state, as the dialog's first page does. */
async function start(): Promise<{ state: string; cookie: string }> {
  const res = await rawRequest(service.url, "/auth/tiktok/start");
  const location = new URL(res.headers.location as string);
  const cookie = (res.headers["set-cookie"] as string[])[0].split(";")[0];
  return { state: location.searchParams.get("state") as string, cookie };
}

function embeddedMessage(html: string): unknown {
  const match = /var msg = (.*);\n/.exec(html);
  if (!match) throw new Error("no message in page");
  return JSON.parse(match[1]);
}

describe("authorization", () => {
  test("start redirects to TikTok's authorization page with a random state kept in an HttpOnly cookie", async () => {
    const res = await rawRequest(service.url, "/auth/tiktok/start");
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${upstream.url}/open/authorize`);
    expect(location.searchParams.get("service_id")).toBe("7123");
    const state = location.searchParams.get("state") as string;
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(res.headers["set-cookie"]).toEqual([`shopbooks_link_state=${state}; Path=/auth/tiktok; Max-Age=1800; HttpOnly; SameSite=Lax`]);
    const again = await start();
    expect(again.state).not.toBe(state);
  });

  test("a callback whose state does not match the cookie shows an error and exchanges nothing", async () => {
    const { cookie } = await start();
    const res = await rawRequest(service.url, `/auth/tiktok/callback?code=${AUTH_CODE}&state=forged`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toContain("This link attempt does not match the one started here");
    expect(embeddedMessage(res.body)).toMatchObject({ type: "shopbooks-link", ok: false });
    expect(upstream.requests).toHaveLength(0);
  });

  test("a callback without the cookie is refused the same way", async () => {
    const res = await rawRequest(service.url, `/auth/tiktok/callback?code=${AUTH_CODE}&state=abc`);
    expect(embeddedMessage(res.body)).toMatchObject({ ok: false });
    expect(upstream.requests).toHaveLength(0);
  });

  test("a seller who declines gets a page saying so", async () => {
    const { state, cookie } = await start();
    const res = await rawRequest(service.url, `/auth/tiktok/callback?code=null&error=auth_denied&state=${state}`, { headers: { cookie } });
    expect(embeddedMessage(res.body)).toEqual({
      type: "shopbooks-link",
      ok: false,
      message: "The seller declined to authorize ShopBooks on TikTok Shop. Press Link again and choose Authorize to link the store.",
    });
    expect(upstream.requests).toHaveLength(0);
  });

  test("a good callback exchanges the code and hands the token bundle to the pane, safely embedded", async () => {
    const { state, cookie } = await start();
    const res = await rawRequest(service.url, `/auth/tiktok/callback?code=${AUTH_CODE}&state=${state}`, { headers: { cookie } });

    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["set-cookie"]).toEqual(["shopbooks_link_state=; Path=/auth/tiktok; Max-Age=0; HttpOnly; SameSite=Lax"]);
    expect(res.body).toContain("Linking Success — you can close this window.");
    expect(res.body).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(res.body).toContain("Office.context.ui.messageParent(JSON.stringify(msg))");
    expect(res.body).toContain("opener.postMessage(msg, location.origin)");
    expect(res.body).not.toContain("</script><b>");
    expect(embeddedMessage(res.body)).toEqual({ type: "shopbooks-link", ok: true, token });

    expect(upstream.requests).toHaveLength(1);
    const [exchange] = upstream.requests;
    expect(exchange.method).toBe("GET");
    expect(exchange.path).toBe("/api/v2/token/get");
    expect(exchange.query).toEqual({ app_key: "app-key-1", app_secret: SECRET, auth_code: AUTH_CODE, grant_type: "authorized_code" });
  });

  test("an exchange TikTok refuses shows TikTok's message", async () => {
    const { state, cookie } = await start();
    const res = await rawRequest(service.url, `/auth/tiktok/callback?code=used-code&state=${state}`, { headers: { cookie } });
    expect(embeddedMessage(res.body)).toEqual({
      type: "shopbooks-link",
      ok: false,
      message: "Linking failed: TikTok Shop answered 36004005: can not find related auth record. Press Link again.",
    });
    expect(res.body).toContain("Linking failed: TikTok Shop answered 36004005");
  });
});

describe("token refresh", () => {
  const post = (body: string) =>
    rawRequest(service.url, "/auth/tiktok/refresh", { method: "POST", headers: { "content-type": "application/json" }, body });

  test("a valid refresh token returns the new bundle", async () => {
    const res = await post(JSON.stringify({ refresh_token: REFRESH }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, token: { ...token, access_token: NEW_ACCESS } });
    expect(upstream.requests[0].query).toEqual({ app_key: "app-key-1", app_secret: SECRET, refresh_token: REFRESH, grant_type: "refresh_token" });
  });

  test("a refused refresh answers 400 with TikTok's code", async () => {
    const res = await post(JSON.stringify({ refresh_token: "TTP_stale" }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ ok: false, code: 36004001, message: "TikTok Shop answered 36004001: rt has expired." });
  });

  test("a body without a refresh token is a clear 400", async () => {
    const res = await post("{}");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ ok: false, code: 0, message: 'Send JSON {"refresh_token": "…"} to refresh a token.' });
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("signing proxy", () => {
  test.each([
    ["/tiktok/api/sandbox/info"],
    ["/tiktok/api/../etc/passwd"],
    ["/tiktok/api//evil.com/x"],
    ["/tiktok/api/order/202309/../../sandbox/info"],
    ["/tiktok/api/order/202309//orders"],
    ["/tiktok/api/order/2023/orders"],
    ["/tiktok/api/https://evil.com/order/202309/orders"],
    ["/tiktok/api/order/202309/orders%2F..%2F..%2Fsandbox"],
  ])("refuses %s and never contacts the upstream", async (rawPath) => {
    const res = await rawRequest(service.url, rawPath, { headers: { "x-tts-access-token": ACCESS } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).code).toBe(-1);
    expect(upstream.requests).toHaveLength(0);
  });

  test("forwards an allowed POST with app_key, timestamp and sign added and the token header kept", async () => {
    const body = '{"create_time_ge":1700000000,"create_time_lt":1700086400}';
    const pageToken = "ab+c/d==";
    const res = await rawRequest(
      service.url,
      `/tiktok/api/order/202309/orders/search?page_size=100&page_token=${encodeURIComponent(pageToken)}&shop_cipher=ROW_c&app_key=evil&sign=forged&timestamp=1&access_token=TTP_q`,
      { method: "POST", headers: { "content-type": "application/json", "x-tts-access-token": ACCESS }, body },
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(res.body)).toEqual(envelope({ shops: [{ id: "7000714532876273420", cipher: "ROW_c" }] }));

    const [forwarded] = upstream.requests;
    expect(forwarded.path).toBe("/order/202309/orders/search");
    expect(forwarded.signValid).toBe(true);
    const { sign, ...rest } = forwarded.query;
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
    expect(rest).toEqual({ page_size: "100", page_token: pageToken, shop_cipher: "ROW_c", app_key: "app-key-1", timestamp: "1700000100" });
    expect(forwarded.body).toBe(body);
    expect(forwarded.headers["x-tts-access-token"]).toBe(ACCESS);
  });

  test("returns the upstream's status and envelope unchanged", async () => {
    const res = await rawRequest(service.url, "/tiktok/api/authorization/202309/shops", { headers: { "x-tts-access-token": ACCESS } });
    expect(res.status).toBe(200);
    expect(upstream.requests[0].method).toBe("GET");
    expect(upstream.requests[0].body).toBe("");
  });

  test("a body over 1 MB is refused with 413", async () => {
    const res = await rawRequest(service.url, "/tiktok/api/order/202309/orders/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(1024 * 1024 + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(upstream.requests).toHaveLength(0);
  });

  test("another origin gets neither CORS headers nor a forwarded call", async () => {
    const headers = { origin: "https://evil.example", "access-control-request-method": "POST" };
    const preflight = await rawRequest(service.url, "/tiktok/api/authorization/202309/shops", { method: "OPTIONS", headers });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const call = await rawRequest(service.url, "/tiktok/api/authorization/202309/shops", { headers: { origin: "https://evil.example" } });
    expect(call.status).toBe(403);
    expect(call.headers["access-control-allow-origin"]).toBeUndefined();
    expect(upstream.requests).toHaveLength(0);
  });

  test("the service's own origin gets a preflight answer", async () => {
    const origin = service.url;
    const res = await rawRequest(service.url, "/tiktok/api/authorization/202309/shops", {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(origin);
    expect(res.headers["access-control-allow-headers"]).toBe("content-type, x-tts-access-token");
  });

  test("an unreachable TikTok answers 502 with an envelope the client retries", async () => {
    const lonely = await startLinkService({
      port: 0,
      config: { appKey: "k", appSecret: SECRET, apiBase: "http://127.0.0.1:1", authBase: "http://127.0.0.1:1", authorizeUrl: "http://127.0.0.1:1/a?x=1" },
    });
    try {
      const res = await rawRequest(lonely.url, "/tiktok/api/authorization/202309/shops");
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body)).toEqual({ code: -1, message: "The link service could not reach TikTok Shop; try again.", request_id: "", data: null });
    } finally {
      await lonely.close();
    }
  });
});

describe("static files", () => {
  test("/ redirects to the task pane", async () => {
    const res = await rawRequest(service.url, "/");
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/taskpane.html");
  });

  test("html is served uncached and scripts with their content type", async () => {
    const html = await rawRequest(service.url, "/taskpane.html");
    expect(html.status).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.headers["cache-control"]).toBe("no-store");
    expect(html.body).toBe("<!doctype html><title>ShopBooks</title>");
    const js = await rawRequest(service.url, "/assets/taskpane.js?v=1");
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.body).toBe("console.log('pane');");
  });

  test.each([["/../secret.txt"], ["/%2e%2e/secret.txt"], ["/assets/..%2f..%2fsecret.txt"], ["/assets/%5c..%5c..%5csecret.txt"]])(
    "refuses the traversal %s",
    async (rawPath) => {
      const res = await rawRequest(service.url, rawPath);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain("outside the dist folder");
    },
  );

  test("a missing file or a folder is 404", async () => {
    expect((await rawRequest(service.url, "/nope.js")).status).toBe(404);
    expect((await rawRequest(service.url, "/assets")).status).toBe(404);
  });
});

describe("logging", () => {
  test("a full link, refresh and API flow logs method, path, status and time, and no secret", async () => {
    logLines.splice(0);
    const { state, cookie } = await start();
    await rawRequest(service.url, `/auth/tiktok/callback?code=${AUTH_CODE}&state=${state}`, { headers: { cookie } });
    await rawRequest(service.url, "/auth/tiktok/refresh", { method: "POST", body: JSON.stringify({ refresh_token: REFRESH }) });
    await rawRequest(service.url, "/tiktok/api/order/202309/orders/search?page_size=100&shop_cipher=ROW_c", {
      method: "POST",
      headers: { "x-tts-access-token": ACCESS },
      body: "{}",
    });
    await new Promise((resolve) => setImmediate(resolve));

    expect(logLines.map((l) => l.replace(/ \d+ms$/, " Nms"))).toEqual([
      "GET /auth/tiktok/start 302 Nms",
      "GET /auth/tiktok/callback 200 Nms",
      "POST /auth/tiktok/refresh 200 Nms",
      "POST /tiktok/api/order/202309/orders/search 200 Nms",
    ]);
    const all = logLines.join("\n");
    for (const secret of [SECRET, ACCESS, REFRESH, NEW_ACCESS, AUTH_CODE, state, "ROW_c", "?"]) expect(all).not.toContain(secret);
  });
});

describe("the link result page", () => {
  test("escapes < and line separators in the embedded JSON", () => {
    const html = linkResultPage({ type: "shopbooks-link", ok: false, message: "bad </script><script>alert(1)</script>\u2028x" });
    expect(html).toContain('"message":"bad \\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u2028x"');
    expect(html).toContain("<p id=\"detail\" class=\"failed\">bad &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u2028x</p>");
  });
});
