/**
 * The TikTok Shop sandbox: a simulator of TikTok Shop's API 202309 on 127.0.0.1, strict like the real
 * one (signing, timestamp window, tokens, shop ciphers, paging tokens, rate limit, error codes), with
 * deterministic seeded Malaysian shops. See README.md beside this file for what it does not simulate.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { businessDate } from "../core/dates/business-date";
import type { Order, Product } from "../core/tiktok/types";
import { AuthStore } from "./auth-store";
import { SandboxClock } from "./clock";
import { checkLoopbackUrl, deriveApp } from "./credentials";
import { wireProduct } from "./data/products";
import { buildWorld, type ShopData } from "./data/world";
import { FaultPlan, type FaultSpec } from "./faults";
import { RequestIds } from "./http/envelope";
import { createRouter } from "./http/router";
import { PageTokens } from "./page-token";
import { randomStream } from "./random";
import { RateLimiter } from "./rate-limit";
import { ROUTES } from "./routes";
import { sandboxInfo } from "./routes/sandbox-helpers";
import type { SandboxState } from "./state";

export interface SandboxOptions {
  /** 0 = a random free port (tests). The CLI defaults to 8788. */
  port?: number;
  /** Default 1. The same seed (and endDate) gives byte-identical answers. */
  seed?: number;
  /** Default 1: Malaysian shops, MYR, region MY, seller_type LOCAL. */
  shops?: number;
  /** Default 40 per shop, each with 1–4 SKUs. */
  products?: number;
  /** Default 200 per shop. */
  orders?: number;
  /** Default 30: orders are created over the `days` days ending on endDate. */
  days?: number;
  /** 'YYYY-MM-DD' in Asia/Kuala_Lumpur; default today (KL) by the sandbox clock at start. */
  endDate?: string;
  /** Where the authorize page sends ?code&state; loopback only. */
  redirectUrl?: string;
  /** Epoch seconds; default the real time. The sandbox adds an offset that clock.advance moves. */
  now?: () => number;
  /** Default silent. Never receives tokens or secrets. */
  log?: (line: string) => void;
}

export interface SandboxInfo {
  appKey: string;
  appSecret: string;
  serviceId: string;
  /** `${url}/open/authorize?service_id=${serviceId}` */
  authorizeUrl: string;
  /** The real API has two hosts; the sandbox serves both path sets at its one address. */
  apiBase: string;
  authBase: string;
  sellers: { email: string; password: string }[];
  shops: { id: string; cipher: string; name: string; region: string }[];
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  info: SandboxInfo;
  clock: { now(): number; advance(seconds: number): void };
  /** Only loopback http(s) URLs are accepted. */
  setRedirectUrl(url: string): void;
  /** The sandbox's own full order list for a shop (for tests comparing what a client fetched). */
  orders(shopId: string): Order[];
  products(shopId: string): Product[];
  /** The same queue as POST/GET/DELETE /sandbox/faults. */
  faults: { add(specs: FaultSpec[]): void; pending(): FaultSpec[]; clear(): void };
  close(): Promise<void>;
}

export type { FaultKind, FaultSpec } from "./faults";

export const DEFAULT_REDIRECT_URL = "http://127.0.0.1:3000/auth/tiktok/callback";

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 1;
  const clock = new SandboxClock(options.now);
  const app = deriveApp(seed);
  const redirectUrl = checkLoopbackUrl(options.redirectUrl ?? DEFAULT_REDIRECT_URL, "redirectUrl");
  const world = buildWorld(
    {
      seed,
      shops: options.shops ?? 1,
      products: options.products ?? 40,
      orders: options.orders ?? 200,
      days: options.days ?? 30,
      endDate: options.endDate ?? businessDate(clock.now()),
      now: clock.now(),
    },
    app,
  );
  const state: SandboxState = {
    app,
    world,
    clock,
    auth: new AuthStore(app, clock),
    pageTokens: new PageTokens(app),
    rateLimiter: new RateLimiter(),
    requestIds: new RequestIds(app),
    redirectUrl,
    url: "",
    log: options.log ?? (() => {}),
    faults: new FaultPlan(
      () => [...new Set(ROUTES.filter((r) => r.kind === "api" || r.faultable).map((r) => r.path))],
      randomStream(seed, "faults"),
    ),
  };

  const route = createRouter(ROUTES);
  const server = http.createServer((req, res) => {
    void route(req, res, state);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const shopData = (shopId: string): ShopData => {
    const data = world.shopById.get(shopId);
    if (!data) throw new RangeError(`The sandbox has no shop ${shopId}; its shops are ${world.shops.map((s) => s.shop.id).join(", ")}.`);
    return data;
  };

  return {
    url: state.url,
    info: sandboxInfo(state),
    clock: { now: () => clock.now(), advance: (seconds) => clock.advance(seconds) },
    setRedirectUrl(url) {
      state.redirectUrl = checkLoopbackUrl(url, "redirectUrl");
    },
    orders: (shopId) => structuredClone(shopData(shopId).orders),
    products: (shopId) => shopData(shopId).products.map((p) => structuredClone(wireProduct(p))),
    faults: {
      add: (specs) => state.faults.add(specs),
      pending: () => state.faults.list(),
      clear: () => state.faults.clear(),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
