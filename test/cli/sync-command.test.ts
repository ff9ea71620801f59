import { UsageError } from "../../src/cli/args";
import { runSync, runSyncCommand, SyncError } from "../../src/cli/sync-command";
import type { Order } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";

const BASE_MS = Date.parse("2026-04-01T04:00:00Z");

/** A clock that starts at BASE_MS, runs with real time, and jumps forward when the client "sleeps". */
function virtualClock() {
  const started = performance.now();
  let skipped = 0;
  return {
    nowMs: () => BASE_MS + (performance.now() - started) + skipped,
    sleep: async (ms: number) => {
      skipped += ms;
    },
    skipped: () => skipped,
  };
}

async function authCode(sandbox: RunningSandbox, seller = 0): Promise<string> {
  const response = await fetch(`${sandbox.url}/sandbox/auth-code`, { method: "POST", body: JSON.stringify(sandbox.info.sellers[seller]) });
  return ((await response.json()) as { code: string }).code;
}

const byCreation = (orders: Order[]) => [...orders].sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));

describe("shopbooks sync", () => {
  let sandbox: RunningSandbox;
  const clock = virtualClock();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 5, shops: 2, orders: 260, days: 30, endDate: "2026-03-31", now: () => clock.nowMs() / 1000 });
  });
  afterAll(() => sandbox.close());

  test("--json prints products, orders, API calls per endpoint, retries and refreshes of every authorized shop", async () => {
    const lines: string[] = [];
    const report = await runSyncCommand(
      ["--api", sandbox.url, "--auth-code", await authCode(sandbox), "--from", "2026-03-02", "--to", "2026-03-31", "--json"],
      { print: (line) => lines.push(line), env: {} },
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual(report);
    expect(report).toEqual({
      products: 40,
      orders: 260,
      apiCalls: {
        "/api/v2/token/get": 1,
        "/authorization/202309/shops": 1,
        "/product/202309/products/search": 1,
        "/order/202309/orders/search": 3,
      },
      retries: 0,
      refreshes: 0,
    });
  });

  test("without --json it prints a line per shop and the totals", async () => {
    const lines: string[] = [];
    await runSyncCommand(["--api", sandbox.url, "--auth-code", await authCode(sandbox, 1), "--from", "2026-03-30", "--to", "2026-03-31"], {
      print: (line) => lines.push(line),
      env: {},
    });
    const shop = sandbox.info.shops[1];
    const orders = sandbox.orders(shop.id).filter((o) => o.create_time >= Date.parse("2026-03-29T16:00:00Z") / 1000).length;
    expect(lines[0]).toBe(`${shop.name} (shop ${shop.id}): 40 products, ${orders} orders`);
    expect(lines[1]).toBe(`Total: 40 products, ${orders} orders from 2026-03-30 to 2026-03-31.`);
    expect(lines[3]).toBe("Retries: 0; token refreshes: 0.");
  });

  test("an access token can be given instead of a code", async () => {
    const code = await authCode(sandbox);
    const query = new URLSearchParams({ app_key: sandbox.info.appKey, app_secret: sandbox.info.appSecret, auth_code: code, grant_type: "authorized_code" });
    const token = ((await (await fetch(`${sandbox.url}/api/v2/token/get?${query}`)).json()) as { data: { access_token: string } }).data.access_token;
    const { report } = await runSync({ api: sandbox.url, token, from: "2026-03-02", to: "2026-03-31", env: {}, nowMs: clock.nowMs });
    expect(report.orders).toBe(260);
    expect(report.apiCalls["/api/v2/token/get"]).toBeUndefined();
  });

  test("bad arguments are usage errors that say what to give", async () => {
    await expect(runSyncCommand(["--api", sandbox.url, "--from", "2026-03-01"], { env: {} })).rejects.toThrow(/^--api, --from and --to are required\./);
    await expect(runSyncCommand(["--api", sandbox.url, "--token", "t", "--auth-code", "c", "--from", "2026-03-01", "--to", "2026-03-02"], { env: {} })).rejects.toThrow(
      /^Give either --auth-code or --token\./,
    );
    await expect(runSync({ api: sandbox.url, token: "t", from: "2026-03-05", to: "2026-03-01", env: {} })).rejects.toThrow(
      "--from 2026-03-05 is after --to 2026-03-01: swap them.",
    );
    await expect(runSyncCommand(["--api", sandbox.url, "--tokn", "x"], { env: {} })).rejects.toBeInstanceOf(UsageError);
  });

  test("a real API without app credentials in the environment is refused before any request", async () => {
    await expect(runSync({ api: "https://open-api.tiktokglobalshop.com", token: "t", from: "2026-03-01", to: "2026-03-02", env: {} })).rejects.toThrow(
      new SyncError("Set TIKTOK_APP_KEY and TIKTOK_APP_SECRET (Partner Center → App details) to sync from https://open-api.tiktokglobalshop.com."),
    );
  });
});

describe("fault run: 5,000 orders through rate limiting, dropped connections and an expiring token", () => {
  test("every order arrives exactly once, equal to the sandbox's own list, in a bounded number of calls", async () => {
    const clock = virtualClock();
    const sandbox = await startSandbox({ port: 0, seed: 21, orders: 5000, days: 30, endDate: "2026-03-31", now: () => clock.nowMs() / 1000 });
    try {
      const code = await authCode(sandbox);
      sandbox.faults.add([
        { kind: "rate_limit", probability: 0.2 },
        { kind: "drop_connection", probability: 0.05 },
        // Once, somewhere in the run, the access token expires.
        { kind: "expire_token", probability: 0.03, count: 1 },
      ]);
      const retryCodes: Record<string, number> = {};
      const { report, shops } = await runSync({
        api: sandbox.url,
        authCode: code,
        from: "2026-03-02",
        to: "2026-03-31",
        env: {},
        nowMs: clock.nowMs,
        sleep: clock.sleep,
        random: () => 0.5,
        onEvent: (e) => {
          if (e.type !== "retry") return;
          const key = e.code === 0 ? "dropped" : String(e.code);
          retryCodes[key] = (retryCodes[key] ?? 0) + 1;
        },
      });
      const expected = byCreation(sandbox.orders(sandbox.info.shops[0].id));
      expect(expected).toHaveLength(5000);
      expect(shops[0].orders).toHaveLength(5000);
      expect(new Set(shops[0].orders.map((o) => o.id)).size).toBe(5000);
      expect(byCreation(shops[0].orders)).toEqual(expected);
      expect(report.orders).toBe(5000);
      expect(report.refreshes).toBe(1);
      expect(sandbox.faults.pending().some((f) => f.kind === "expire_token")).toBe(false);

      // Without faults the search takes 53 requests (5,000 orders, 100 a page, an overlap at each window);
      // every fault costs one more call, so calls = pages + retries (+ the expired call).
      const searches = report.apiCalls["/order/202309/orders/search"];
      const calls = Object.values(report.apiCalls).reduce((a, b) => a + b, 0);
      expect(report.retries).toBeGreaterThan(5);
      expect(searches).toBe(53 + report.retries + 1);
      expect(calls).toBeLessThan(120);
      expect(report).toEqual(FAULT_RUN);
      // 20 answers 429/36009002 and 3 dropped connections, each retried; the expired token refreshed once.
      expect(retryCodes).toEqual({ "36009002": 20, dropped: 3 });
    } finally {
      await sandbox.close();
    }
  });
});

/** The figures of the run above (same seed, same faults → the same run). */
const FAULT_RUN = {
  products: 40,
  orders: 5000,
  apiCalls: {
    "/api/v2/token/get": 1,
    "/api/v2/token/refresh": 1,
    "/authorization/202309/shops": 1,
    "/product/202309/products/search": 1,
    "/order/202309/orders/search": 77,
  },
  retries: 23,
  refreshes: 1,
};
