/** The pane's transport through a running link service to a fake TikTok: the whole signing chain. */
import { createLinkTransport, refreshToken } from "../../src/taskpane/link-transport";
import { startLinkService, type RunningLinkService } from "../../src/server/link-service";
import { RelinkNeededError, TikTokClient } from "../../src/core/tiktok/client";
import type { Order } from "../../src/core/tiktok/types";
import { envelope, startFakeUpstream, type FakeUpstream, type RecordedRequest } from "./fake-upstream";

const SECRET = "chain-secret";
const TOKENS = ["", "Qk+1/aa==", "Zz/+9=", ""];

function answer(r: RecordedRequest) {
  if (r.path === "/api/v2/token/refresh") {
    return r.query.refresh_token === "TTP_refresh"
      ? { status: 200, body: envelope({ access_token: "TTP_new", access_token_expire_in: 2, refresh_token: "TTP_refresh2", refresh_token_expire_in: 3 }) }
      : { status: 200, body: envelope(null, 36004001, "rt has expired") };
  }
  if (!r.signValid) return { status: 401, body: envelope(null, 106001, "Invalid credentials.") };
  if (r.path === "/order/202309/orders/search") {
    const index = TOKENS.indexOf(r.query.page_token ?? "");
    const orders = [{ id: `57646141303878575${index}` } as Order, { id: "576461413038785750" } as Order];
    return { status: 200, body: envelope({ orders, next_page_token: TOKENS[index + 1] ?? "", total_count: 3 }) };
  }
  return { status: 200, body: envelope({ shops: [] }) };
}

let upstream: FakeUpstream;
let service: RunningLinkService;

beforeAll(async () => {
  upstream = await startFakeUpstream(SECRET, answer);
  service = await startLinkService({
    port: 0,
    config: { appKey: "k1", appSecret: SECRET, apiBase: upstream.url, authBase: upstream.url, authorizeUrl: `${upstream.url}/a?service_id=1` },
  });
});
afterAll(async () => {
  await service.close();
  await upstream.close();
});
beforeEach(() => upstream.requests.splice(0));

describe("the pane's link transport", () => {
  test("the client pages through orders via the link service with page tokens holding + / = intact", async () => {
    const client = new TikTokClient(createLinkTransport(service.url), { sleep: async () => undefined });
    const orders = await client.searchOrders({ shopCipher: "ROW_c", accessToken: "TTP_a" }, { createTimeGe: 1700000000, createTimeLt: 1700086400 });

    expect(orders.map((o) => o.id)).toEqual(["576461413038785750", "576461413038785751", "576461413038785752"]);
    expect(upstream.requests.map((r) => r.query.page_token)).toEqual([undefined, "Qk+1/aa==", "Zz/+9="]);
    expect(upstream.requests.every((r) => r.signValid && r.headers["x-tts-access-token"] === "TTP_a")).toBe(true);
    expect(upstream.requests[0].body).toBe('{"create_time_ge":1700000000,"create_time_lt":1700086400}');
  });

  test("a GET with no query carries no body and is still signed", async () => {
    const transport = createLinkTransport(service.url);
    const response = await transport.send({ method: "GET", path: "/authorization/202309/shops", query: {}, accessToken: "TTP_a" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual(envelope({ shops: [] }));
    expect(upstream.requests[0].body).toBe("");
    expect(upstream.requests[0].signValid).toBe(true);
  });

  test("refreshToken returns the new bundle", async () => {
    const bundle = await refreshToken(service.url, "TTP_refresh");
    expect(bundle.access_token).toBe("TTP_new");
    expect(bundle.refresh_token).toBe("TTP_refresh2");
  });

  test("refreshToken throws RelinkNeededError when TikTok refuses the refresh token", async () => {
    const error = await refreshToken(service.url, "TTP_stale").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelinkNeededError);
    expect(((error as Error).cause as Error).message).toBe("TikTok Shop answered 36004001: rt has expired.");
  });
});
