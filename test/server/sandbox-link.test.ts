/**
 * The whole chain against the sandbox: authorization through the link service, then the client fetching
 * through the pane's transport and the signing proxy, with the sandbox checking every signature.
 */
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { startLinkService, type RunningLinkService } from "../../src/server/link-service";
import { createLinkTransport, refreshToken } from "../../src/taskpane/link-transport";
import { RelinkNeededError, TikTokClient, type ClientEvent } from "../../src/core/tiktok/client";
import type { TokenBundle } from "../../src/core/tiktok/types";
import { rawRequest } from "./fake-upstream";

const NOW = 1767225600; // 2026-01-01T00:00:00Z

let sandbox: RunningSandbox;
let link: RunningLinkService;
let token: TokenBundle;
const logLines: string[] = [];

/** Start → the sandbox's login form → callback, as the dialog's browser would do it. */
async function authorize(): Promise<TokenBundle> {
  const start = await rawRequest(link.url, "/auth/tiktok/start");
  const cookie = (start.headers["set-cookie"] as string[])[0].split(";")[0];
  const authorizeUrl = new URL(start.headers.location as string);
  const seller = sandbox.info.sellers[0];
  const form = new URLSearchParams({
    service_id: authorizeUrl.searchParams.get("service_id") as string,
    state: authorizeUrl.searchParams.get("state") as string,
    account_type: "seller",
    email: seller.email,
    password: seller.password,
    action: "authorize",
  }).toString();
  const login = await rawRequest(sandbox.url, "/open/authorize", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  expect(login.status).toBe(302);
  const callback = new URL(login.headers.location as string);
  expect(`${callback.origin}${callback.pathname}`).toBe(`${link.url}/auth/tiktok/callback`);
  const page = await rawRequest(link.url, `${callback.pathname}${callback.search}`, { headers: { cookie } });
  expect(page.body).toContain("Linking Success");
  const message = JSON.parse((/var msg = (.*);\n/.exec(page.body) as RegExpExecArray)[1]) as { ok: boolean; token: TokenBundle };
  expect(message.ok).toBe(true);
  return message.token;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 230, now: () => NOW });
  const { info } = sandbox;
  link = await startLinkService({
    port: 0,
    config: { appKey: info.appKey, appSecret: info.appSecret, apiBase: info.apiBase, authBase: info.authBase, authorizeUrl: info.authorizeUrl },
    now: () => sandbox.clock.now(),
    log: (line) => logLines.push(line),
  });
  sandbox.setRedirectUrl(`${link.url}/auth/tiktok/callback`);
  token = await authorize();
});

afterAll(async () => {
  await link?.close();
  await sandbox?.close();
});

describe("linking and fetching against the sandbox", () => {
  test("the token bundle from the sandbox reads the authorized shop", async () => {
    const client = new TikTokClient(createLinkTransport(link.url), { sleep: async () => undefined });
    const shops = await client.getAuthorizedShops(token.access_token);
    expect(shops.map((s) => ({ id: s.id, cipher: s.cipher, name: s.name, region: s.region }))).toEqual(sandbox.info.shops);
  });

  test("every order of the range arrives once, across three pages", async () => {
    const shop = sandbox.info.shops[0];
    const events: ClientEvent[] = [];
    const client = new TikTokClient(createLinkTransport(link.url), { sleep: async () => undefined, onEvent: (e) => events.push(e) });
    const orders = await client.searchOrders(
      { shopCipher: shop.cipher, accessToken: token.access_token },
      { createTimeGe: NOW - 40 * 86400, createTimeLt: NOW + 86400 },
    );
    const expected = sandbox.orders(shop.id);
    expect(orders).toHaveLength(230);
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(expected.map((o) => o.id)));
    const pages = events.filter((e): e is Extract<ClientEvent, { type: "page" }> => e.type === "page");
    // The first page, then the rest in one window of whole days (its first order seen again).
    expect(pages.map((e) => e.count)).toEqual([100, 199, 230]);
    expect(pages.every((e) => e.total === 230)).toBe(true);
  });

  test("order detail for 120 ids comes back in full", async () => {
    const shop = sandbox.info.shops[0];
    const ids = sandbox.orders(shop.id).slice(0, 120).map((o) => o.id);
    const client = new TikTokClient(createLinkTransport(link.url), { sleep: async () => undefined });
    const orders = await client.getOrders({ shopCipher: shop.cipher, accessToken: token.access_token }, ids);
    expect(orders.map((o) => o.id)).toEqual(ids);
  });

  test("after the access token expires, one refresh through the link service lets the fetch finish", async () => {
    const shop = sandbox.info.shops[0];
    sandbox.clock.advance(7 * 86400 + 60);
    const refresh = jest.fn(async () => (await refreshToken(link.url, token.refresh_token)).access_token);
    const client = new TikTokClient(createLinkTransport(link.url), { sleep: async () => undefined, refreshAccessToken: refresh });
    const products = await client.searchProducts({ shopCipher: shop.cipher, accessToken: token.access_token });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(products.map((p) => p.id).sort()).toEqual(sandbox.products(shop.id).map((p) => p.id).sort());
  });

  test("a refresh token the sandbox does not know means relinking", async () => {
    await expect(refreshToken(link.url, "TTP_unknown_refresh_token")).rejects.toThrow(RelinkNeededError);
  });

  test("the link service's log never shows a token, code or secret", () => {
    const all = logLines.join("\n");
    expect(logLines.length).toBeGreaterThan(5);
    for (const secret of [token.access_token, token.refresh_token, sandbox.info.appSecret, "?"]) expect(all).not.toContain(secret);
  });
});
