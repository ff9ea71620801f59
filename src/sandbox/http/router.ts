/**
 * The route table and the gate every signed API call passes, in TikTok's order (reference §9):
 * path → method → app_key → sign present → timestamp window → sign → access token → scope →
 * shop_cipher → rate limit → parameters and body → business logic.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { signRequest } from "../../core/tiktok/sign";
import { hmacSha256Hex, sameSignature } from "../../server/hmac";
import type { Grant } from "../auth-store";
import type { ShopData } from "../data/world";
import type { FaultSpec } from "../faults";
import type { SandboxState } from "../state";
import { ApiError, errors } from "./api-error";
import { sendEnvelope, sendHtml, sendJson } from "./envelope";
import { header, parseQuery, readBody, type QueryParams } from "./request";

export type Method = "GET" | "POST" | "DELETE";

export interface ApiContext {
  state: SandboxState;
  /** Decoded query values, common parameters included. */
  query: Record<string, string>;
  /** Raw body text ("" when none). */
  body: string;
  grant: Grant;
  /** The shop named by shop_cipher (routes that require one). */
  shop: ShopData;
  /** Values of the path's {name} segments. */
  params: Record<string, string>;
  now: number;
}

/** A signed TikTok Shop API route on the API host. */
export interface ApiRoute {
  kind: "api";
  method: Method;
  /** e.g. "/order/202309/orders/search"; a {name} segment matches one path segment. */
  path: string;
  shopCipher: "required" | "forbidden";
  scope: string;
  /** Query parameters besides app_key, sign, timestamp and shop_cipher. */
  query: readonly string[];
  handle(ctx: ApiContext): unknown;
}

/** Token endpoints, the authorize page and the sandbox's own helpers: they answer for themselves. */
export interface PlainRoute {
  kind: "plain";
  method: Method;
  path: string;
  /** Faults may be queued for it by path (the token endpoints). */
  faultable?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, state: SandboxState, url: URL): Promise<void>;
}

export type Route = ApiRoute | PlainRoute;

const COMMON_QUERY = ["app_key", "sign", "timestamp"];
const VERSIONED = /^\/([a-z_]+)\/(\d{6})\/(.+)$/;

/** The {name} values when `path` fits the route's pattern, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{([a-z_]+)\}$/.exec(want[i]);
    if (name) {
      if (!/^[A-Za-z0-9_-]+$/.test(got[i])) return undefined;
      params[name[1]] = got[i];
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

export function createRouter(routes: readonly Route[]) {
  return async function route(req: IncomingMessage, res: ServerResponse, state: SandboxState): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    let code = 0;
    try {
      const candidates = routes.filter((r) => matchPath(r.path, path) !== undefined);
      if (candidates.length === 0) {
        const m = VERSIONED.exec(path);
        const otherVersion = m && routes.some((r) => {
          const n = VERSIONED.exec(r.path);
          return n !== null && n[1] === m[1] && matchPath(n[3], m[3]) !== undefined;
        });
        throw otherVersion ? errors.invalidVersion() : errors.invalidPath(path);
      }
      const match = candidates.find((r) => r.method === method);
      if (!match) throw errors.invalidMethod(method, candidates.map((r) => r.method).join(" or "));
      if (match.kind === "api" || match.faultable) {
        const fault = state.faults.take(match.path, match.kind === "api", ["rate_limit", "server_error", "drop_connection", "delay"]);
        if (fault && (await applyFault(fault, req, res))) {
          code = res.statusCode;
          return;
        }
      }
      if (match.kind === "plain") {
        await match.handle(req, res, state, url);
        code = res.statusCode;
        return;
      }
      const data = await runApi(match, matchPath(match.path, path) ?? {}, req, url, state);
      sendEnvelope(res, 200, { code: 0, data, message: "Success", request_id: state.requestIds.next(state.clock.now()) });
    } catch (error) {
      const failure = error instanceof ApiError ? error : errors.internal();
      if (!(error instanceof ApiError)) state.log(`sandbox: internal error on ${method} ${path}: ${String(error)}`);
      code = failure.code;
      if (!res.headersSent) {
        const status = error instanceof ApiError ? failure.httpStatus : 500;
        sendEnvelope(res, status, { code: failure.code, data: null, message: failure.message, request_id: state.requestIds.next(state.clock.now()) });
      }
    } finally {
      // Path only: the query carries signatures, app secrets and auth codes.
      state.log(`sandbox: ${method} ${path} → ${code}`);
    }
  };
}

async function runApi(route: ApiRoute, pathParams: Record<string, string>, req: IncomingMessage, url: URL, state: SandboxState): Promise<unknown> {
  const body = await readBody(req);
  const params = parseQuery(url.search);
  const query = params.values;
  const now = state.clock.now();

  if (query.app_key !== undefined && !query.app_key.startsWith("sandbox")) throw errors.productionCredential("app_key");
  if (query.app_key !== state.app.appKey) throw errors.invalidAppKey();
  if (!query.sign) throw errors.missingSign();
  if (!/^\d{1,10}$/.test(query.timestamp ?? "")) throw errors.invalidTimestamp();
  const timestamp = Number(query.timestamp);
  if (timestamp < now - 300) throw errors.staleTimestamp();
  if (timestamp > now + 30) throw errors.futureTimestamp();
  const multipart = (header(req, "content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const expected = signRequest(state.app.appSecret, { path: url.pathname, query, body: multipart ? undefined : body }, hmacSha256Hex);
  if (!sameSignature(expected, query.sign)) throw errors.invalidSign();

  const accessToken = header(req, "x-tts-access-token");
  const tokenFault = accessToken ? state.faults.take(route.path, true, ["expire_token", "revoke_token"]) : undefined;
  if (tokenFault?.kind === "expire_token") state.auth.expireNow(accessToken!);
  if (tokenFault?.kind === "revoke_token") state.auth.revoke(accessToken!);
  const grant = state.auth.grantFor(accessToken);
  if (!grant.scopes.includes(route.scope)) throw errors.missingScope(route.scope);

  const shop = shopFor(route, query, grant, state);
  if (!state.rateLimiter.allow(`${state.app.appKey}|${shop?.shop.id ?? "-"}|${route.path}`, state.clock.precise())) {
    throw errors.tooManyRequests();
  }
  checkQueryNames(route, params);
  if (route.method === "POST" && body !== "") {
    const type = (header(req, "content-type") ?? "").toLowerCase();
    if (!/^application\/json(\s*;|$)/.test(type)) throw errors.invalidContentType();
  }
  // Routes that forbid shop_cipher are not shop-scoped; they never read ctx.shop.
  return route.handle({ state, query, body, grant, shop: shop as ShopData, params: pathParams, now });
}

/** Answers the request with the fault (true), or waits and lets it through (false). */
async function applyFault(fault: FaultSpec, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case "rate_limit":
      throw errors.tooManyRequests();
    case "server_error":
      if (fault.status === 500) throw new ApiError(36009003, "Internal error. Please try again later.", 500);
      // What a load balancer in front of the API answers: HTML, not TikTok's envelope.
      sendHtml(res, fault.status ?? 503, `<html><head><title>${fault.status} Error</title></head><body><center><h1>${fault.status} Error</h1></center></body></html>`);
      return true;
    case "drop_connection":
      req.socket.destroy();
      return true;
    case "delay":
      await sleep(fault.delayMs ?? 0, undefined, { ref: false });
      return false;
    default:
      return false;
  }
}

function shopFor(route: ApiRoute, query: Record<string, string>, grant: Grant, state: SandboxState): ShopData | undefined {
  const cipher = query.shop_cipher;
  if (route.shopCipher === "forbidden") {
    if (cipher !== undefined) throw errors.unexpectedShopCipher();
    return undefined;
  }
  if (!cipher) throw errors.missingShopCipher();
  const shop = state.world.shopByCipher.get(cipher);
  if (!shop) throw errors.invalidShopCipher();
  if (!grant.shops.includes(shop)) throw errors.shopNotAuthorized();
  return shop;
}

function checkQueryNames(route: ApiRoute, params: QueryParams): void {
  if (params.repeated.length > 0) throw errors.repeatedQuery(params.repeated[0]);
  const allowed = new Set([...COMMON_QUERY, ...route.query, ...(route.shopCipher === "required" ? ["shop_cipher"] : [])]);
  for (const name of Object.keys(params.values)) {
    if (allowed.has(name)) continue;
    const hint =
      name === "access_token" || name === "x-tts-access-token"
        ? " Since API version 202309 the access token goes in the x-tts-access-token header."
        : name === "shop_id"
          ? " Since API version 202309 shops are named by shop_cipher."
          : "";
    throw errors.unknownQuery(name, hint);
  }
}

/** JSON answers of the sandbox's own helper routes (not TikTok's envelope). */
export function helperError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
