/**
 * `shopbooks sync`: fetches products and orders headless through the Node signing transport and prints
 * what it took: `{products, orders, apiCalls: {endpoint: n}, retries, refreshes}`. Against a sandbox on
 * this machine the app key and secret come from its /sandbox/info; otherwise from TIKTOK_APP_KEY and
 * TIKTOK_APP_SECRET.
 */
import { dayStartEpoch, isBusinessDate } from "../core/dates/business-date";
import { TikTokClient, type ClientEvent } from "../core/tiktok/client";
import { apiOf } from "../core/tiktok/throttle";
import type { Transport } from "../core/tiktok/transport";
import type { Order, Product, TokenBundle } from "../core/tiktok/types";
import { DEFAULT_AUTH_BASE } from "../server/config";
import { createSigningTransport } from "../server/node-transport";
import { parseArgs, stringOption, UsageError } from "./args";

const USAGE = `Usage: shopbooks sync --api URL (--auth-code CODE | --token TOKEN [--refresh-token TOKEN])
                      --from YYYY-MM-DD --to YYYY-MM-DD [--json]

Fetches every authorized shop's products and the orders created from --from to --to (Kuala Lumpur dates,
inclusive) and prints the counts, the API calls per endpoint, retries and token refreshes.
  --api         the TikTok API base, e.g. http://127.0.0.1:8788 for "shopbooks sandbox"
  --auth-code   an authorization code to exchange (the sandbox gives one: POST /sandbox/auth-code)
  --token       an access token instead; with --refresh-token it can be refreshed when it expires
App credentials: TIKTOK_APP_KEY and TIKTOK_APP_SECRET (TIKTOK_AUTH_BASE for the token host), or, for a
sandbox on this machine, its /sandbox/info (requests then follow the sandbox's clock).`;

export interface SyncReport {
  products: number;
  orders: number;
  /** HTTP requests per API (ids in paths folded to {id}), retries included. */
  apiCalls: Record<string, number>;
  retries: number;
  refreshes: number;
}

export interface SyncedShop {
  shopId: string;
  name: string;
  products: Product[];
  orders: Order[];
}

export interface SyncOptions {
  api: string;
  authCode?: string;
  token?: string;
  refreshToken?: string;
  /** 'YYYY-MM-DD' in Asia/Kuala_Lumpur, inclusive. */
  from: string;
  to: string;
  env?: NodeJS.ProcessEnv;
  /** Real waiting by default; tests pass one that only moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds; default the system clock. Requests are timestamped and throttled by it. */
  nowMs?: () => number;
  random?: () => number;
  maxAttempts?: number;
  signal?: AbortSignal;
  onEvent?: (event: ClientEvent) => void;
}

interface AppCredentials {
  appKey: string;
  appSecret: string;
  authBase: string;
  /** A sandbox's clock minus ours, in ms: its clock may have been moved. */
  clockOffsetMs: number;
}

export class SyncError extends Error {
  readonly code = "SYNC";
}

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

async function credentials(api: URL, env: NodeJS.ProcessEnv): Promise<AppCredentials> {
  const appKey = env.TIKTOK_APP_KEY?.trim();
  const appSecret = env.TIKTOK_APP_SECRET?.trim();
  if (appKey && appSecret)
    return {
      appKey,
      appSecret,
      authBase: env.TIKTOK_AUTH_BASE?.trim() || DEFAULT_AUTH_BASE,
      clockOffsetMs: 0,
    };
  if (!isLoopback(api)) {
    throw new SyncError(
      `Set TIKTOK_APP_KEY and TIKTOK_APP_SECRET (Partner Center → App details) to sync from ${api.origin}.`,
    );
  }
  let info: { appKey?: unknown; appSecret?: unknown; authBase?: unknown };
  let sandboxNow: unknown;
  try {
    info = (await (await fetch(new URL("/sandbox/info", api))).json()) as typeof info;
    sandboxNow = ((await (await fetch(new URL("/sandbox/clock", api))).json()) as { now?: unknown }).now;
  } catch {
    throw new SyncError(
      `No sandbox answers at ${api.origin}: start one with "npx shopbooks sandbox", or set TIKTOK_APP_KEY and TIKTOK_APP_SECRET.`,
    );
  }
  if (typeof info.appKey !== "string" || typeof info.appSecret !== "string") {
    throw new SyncError(
      `${api.origin}/sandbox/info did not give an app key and secret; is it a ShopBooks sandbox?`,
    );
  }
  return {
    appKey: info.appKey,
    appSecret: info.appSecret,
    authBase: typeof info.authBase === "string" ? info.authBase : api.origin,
    clockOffsetMs: typeof sandboxNow === "number" ? sandboxNow * 1000 - Date.now() : 0,
  };
}

/** Token get / refresh: unsigned GETs with the secret in the query (never printed). */
async function tokenCall(
  app: AppCredentials,
  endpoint: string,
  params: Record<string, string>,
  count: () => void,
): Promise<TokenBundle> {
  const query = new URLSearchParams({ app_key: app.appKey, app_secret: app.appSecret, ...params });
  count();
  const response = await fetch(`${app.authBase.replace(/\/+$/, "")}${endpoint}?${query.toString()}`);
  const envelope = (await response.json().catch(() => null)) as {
    code?: number;
    message?: string;
    data?: TokenBundle;
  } | null;
  if (!envelope || envelope.code !== 0 || !envelope.data) {
    throw new SyncError(
      `TikTok Shop refused ${endpoint} (${envelope?.code ?? `HTTP ${response.status}`}: ${envelope?.message ?? "no message"}).`,
    );
  }
  return envelope.data;
}

export async function runSync(options: SyncOptions): Promise<{ report: SyncReport; shops: SyncedShop[] }> {
  if (!isBusinessDate(options.from) || !isBusinessDate(options.to))
    throw new UsageError(`--from and --to take dates like 2026-03-01.\n\n${USAGE}`);
  if (options.from > options.to)
    throw new UsageError(`--from ${options.from} is after --to ${options.to}: swap them.`);
  if (!options.authCode === !options.token)
    throw new UsageError(`Give either --auth-code or --token.\n\n${USAGE}`);
  let api: URL;
  try {
    api = new URL(options.api);
  } catch {
    throw new UsageError(`--api must be a URL such as http://127.0.0.1:8788; got "${options.api}".`);
  }
  const app = await credentials(api, options.env ?? process.env);
  const nowMs = options.nowMs ?? (() => Date.now() + app.clockOffsetMs);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const report: SyncReport = { products: 0, orders: 0, apiCalls: {}, retries: 0, refreshes: 0 };
  const count = (path: string) => () => {
    const key = apiOf(path);
    report.apiCalls[key] = (report.apiCalls[key] ?? 0) + 1;
  };
  const signing = createSigningTransport({
    appKey: app.appKey,
    appSecret: app.appSecret,
    apiBase: api.origin + api.pathname,
    now: () => Math.floor(nowMs() / 1000),
  });
  const counting: Transport = {
    send: (request) => {
      count(request.path)();
      return signing.send(request);
    },
  };

  let refreshToken = options.refreshToken;
  let accessToken = options.token ?? "";
  if (options.authCode) {
    const bundle = await tokenCall(
      app,
      "/api/v2/token/get",
      { auth_code: options.authCode, grant_type: "authorized_code" },
      count("/api/v2/token/get"),
    );
    accessToken = bundle.access_token;
    refreshToken = bundle.refresh_token;
  }
  const client = new TikTokClient(counting, {
    sleep,
    nowMs,
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? 8,
    onEvent: (event) => {
      if (event.type === "retry") report.retries++;
      if (event.type === "refresh") report.refreshes++;
      options.onEvent?.(event);
    },
    refreshAccessToken: refreshToken
      ? async () => {
          const bundle = await tokenCall(
            app,
            "/api/v2/token/refresh",
            { refresh_token: refreshToken!, grant_type: "refresh_token" },
            count("/api/v2/token/refresh"),
          );
          refreshToken = bundle.refresh_token;
          return bundle.access_token;
        }
      : undefined,
  });

  const shops: SyncedShop[] = [];
  for (const shop of await client.getAuthorizedShops(accessToken, options.signal)) {
    const auth = { shopCipher: shop.cipher, accessToken };
    const products = await client.searchProducts(auth, options.signal);
    const orders = await client.searchOrders(
      auth,
      { createTimeGe: dayStartEpoch(options.from), createTimeLt: dayStartEpoch(options.to) + 86400 },
      options.signal,
    );
    report.products += products.length;
    report.orders += orders.length;
    shops.push({ shopId: shop.id, name: shop.name, products, orders });
  }
  return { report, shops };
}

export interface SyncCommandIo {
  print?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export async function runSyncCommand(
  argv: string[],
  io: SyncCommandIo = {},
): Promise<SyncReport | undefined> {
  const print = io.print ?? ((line: string) => console.log(line));
  const { positional, options } = parseArgs(argv);
  if (options.help) {
    print(USAGE);
    return undefined;
  }
  if (positional.length > 0) throw new UsageError(`Unexpected argument "${positional[0]}".\n\n${USAGE}`);
  const known = ["api", "auth-code", "token", "refresh-token", "from", "to", "json", "help"];
  const unknown = Object.keys(options).find((name) => !known.includes(name));
  if (unknown) throw new UsageError(`Unknown option --${unknown}.\n\n${USAGE}`);
  const api = stringOption(options, "api");
  const from = stringOption(options, "from");
  const to = stringOption(options, "to");
  if (!api || !from || !to) throw new UsageError(`--api, --from and --to are required.\n\n${USAGE}`);
  const { report, shops } = await runSync({
    api,
    authCode: stringOption(options, "auth-code"),
    token: stringOption(options, "token"),
    refreshToken: stringOption(options, "refresh-token"),
    from,
    to,
    env: io.env,
  });
  if (options.json) {
    print(JSON.stringify(report));
  } else {
    for (const shop of shops)
      print(
        `${shop.name} (shop ${shop.shopId}): ${shop.products.length} products, ${shop.orders.length} orders`,
      );
    print(`Total: ${report.products} products, ${report.orders} orders from ${from} to ${to}.`);
    const calls = Object.entries(report.apiCalls).map(([path, n]) => `  ${path}: ${n}`);
    print(["API calls:", ...calls].join("\n"));
    print(`Retries: ${report.retries}; token refreshes: ${report.refreshes}.`);
  }
  return report;
}
