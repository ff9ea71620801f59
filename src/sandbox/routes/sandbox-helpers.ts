/**
 * The sandbox's own unsigned helpers under /sandbox/: its details, an auth code without the browser
 * page, moving the clock, changing the redirect URL, and cancelling an order as its seller would. They answer plain JSON, not TikTok envelopes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isBusinessDate } from "../../core/dates/business-date";
import { checkLoopbackUrl, SandboxSafetyError } from "../credentials";
import { cancelOrder, CancelRefusedError } from "../data/cancellations";
import { settlementCsv } from "../export/settlement-csv";
import { FaultSpecError } from "../faults";
import { sendJson } from "../http/envelope";
import { helperError, type PlainRoute } from "../http/router";
import { readBody } from "../http/request";
import type { SandboxState } from "../state";
import { findSeller } from "./authorize-page";
import type { SandboxInfo } from "../index";

export function sandboxInfo(state: SandboxState): SandboxInfo {
  return {
    appKey: state.app.appKey,
    appSecret: state.app.appSecret,
    serviceId: state.app.serviceId,
    authorizeUrl: `${state.url}/open/authorize?service_id=${encodeURIComponent(state.app.serviceId)}`,
    apiBase: state.url,
    authBase: state.url,
    sellers: state.world.shops.map((s) => ({ email: s.shop.seller.email, password: s.shop.seller.password })),
    shops: state.world.shops.map((s) => ({ id: s.shop.id, cipher: s.shop.cipher, name: s.shop.name, region: s.shop.region })),
  };
}

async function jsonObject(req: IncomingMessage, res: ServerResponse, example: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readBody(req));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  helperError(res, 400, `Send a JSON object, e.g. ${example}`);
  return undefined;
}

function helper(method: "GET" | "POST" | "DELETE", path: string, handle: (req: IncomingMessage, res: ServerResponse, state: SandboxState) => Promise<void>): PlainRoute {
  return { kind: "plain", method, path, handle: (req, res, state) => handle(req, res, state) };
}

export const helperRoutes: PlainRoute[] = [
  helper("GET", "/sandbox/info", async (_req, res, state) => sendJson(res, 200, sandboxInfo(state))),

  helper("POST", "/sandbox/auth-code", async (req, res, state) => {
    const body = await jsonObject(req, res, '{"email": "seller1@sandbox.shopbooks.test", "password": "…"}');
    if (!body) return;
    const seller = typeof body.email === "string" && typeof body.password === "string" ? findSeller(state, body.email, body.password) : undefined;
    if (!seller) return helperError(res, 401, "Incorrect email or password; GET /sandbox/info lists the sandbox sellers.");
    sendJson(res, 200, { code: state.auth.issueCode(seller) });
  }),

  helper("GET", "/sandbox/clock", async (_req, res, state) => sendJson(res, 200, { now: state.clock.now() })),

  helper("POST", "/sandbox/clock", async (req, res, state) => {
    const body = await jsonObject(req, res, '{"advanceSeconds": 604801}');
    if (!body) return;
    if (typeof body.advanceSeconds !== "number" || !Number.isFinite(body.advanceSeconds)) {
      return helperError(res, 400, 'advanceSeconds must be a number of seconds, e.g. {"advanceSeconds": 604801}');
    }
    state.clock.advance(body.advanceSeconds);
    sendJson(res, 200, { now: state.clock.now() });
  }),

  helper("POST", "/sandbox/app", async (req, res, state) => {
    const body = await jsonObject(req, res, '{"redirectUrl": "http://127.0.0.1:3000/auth/tiktok/callback"}');
    if (!body) return;
    if (typeof body.redirectUrl !== "string") return helperError(res, 400, "redirectUrl must be a string URL on 127.0.0.1 or localhost.");
    try {
      state.redirectUrl = checkLoopbackUrl(body.redirectUrl, "redirectUrl");
    } catch (error) {
      if (error instanceof SandboxSafetyError) return helperError(res, 400, error.message);
      throw error;
    }
    sendJson(res, 200, { redirectUrl: state.redirectUrl });
  }),

  helper("GET", "/sandbox/export/settlement.csv", async (req, res, state) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const from = url.searchParams.get("from") ?? "";
    const to = url.searchParams.get("to") ?? "";
    const shopId = url.searchParams.get("shop") ?? (state.world.shops.length === 1 ? state.world.shops[0].shop.id : "");
    const example = `e.g. /sandbox/export/settlement.csv?from=2026-03-01&to=2026-03-31&shop=${state.world.shops[0].shop.id}`;
    if (!isBusinessDate(from) || !isBusinessDate(to)) return helperError(res, 400, `from and to must be dates like 2026-03-01 (settled dates, UTC); ${example}`);
    if (from > to) return helperError(res, 400, `from ${from} is after to ${to}: swap them.`);
    const shop = state.world.shopById.get(shopId);
    if (!shop) {
      return helperError(res, 400, `shop must be one of this sandbox's shop ids (${state.world.shops.map((s) => s.shop.id).join(", ")}); ${example}`);
    }
    const csv = settlementCsv(shop, from, to);
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-length": Buffer.byteLength(csv),
      "content-disposition": `attachment; filename="income_${from.replace(/-/g, "")}_${to.replace(/-/g, "")}.csv"`,
      "cache-control": "no-store",
    });
    res.end(csv);
  }),

  helper("POST", "/sandbox/orders/cancel", async (req, res, state) => {
    const body = await jsonObject(req, res, '{"orderId": "576461413038785752", "reason": "Out of stock"}');
    if (!body) return;
    if (typeof body.orderId !== "string" || !/^\d+$/.test(body.orderId)) {
      return helperError(res, 400, 'orderId must be an order ID as a string of digits, e.g. {"orderId": "576461413038785752"}');
    }
    const orderId = body.orderId;
    const shop = state.world.shops.find((s) => s.ordersById.has(orderId));
    const reason = typeof body.reason === "string" && body.reason.trim() ? body.reason.trim() : undefined;
    try {
      const order = cancelOrder(shop?.orders ?? [], shop?.cancellations ?? [], orderId, Math.floor(state.clock.now()), reason);
      sendJson(res, 200, { orderId: order.id, status: order.status, cancelTime: order.cancel_time });
    } catch (error) {
      if (error instanceof CancelRefusedError) return helperError(res, 409, error.message);
      throw error;
    }
  }),

  helper("GET", "/sandbox/faults", async (_req, res, state) => sendJson(res, 200, { faults: state.faults.list() })),

  helper("POST", "/sandbox/faults", async (req, res, state) => {
    const body = await jsonObject(req, res, '{"faults": [{"kind": "rate_limit", "path": "/order/202309/orders/search", "count": 3}]}');
    if (!body) return;
    if (!Array.isArray(body.faults)) return helperError(res, 400, 'faults must be a list, e.g. {"faults": [{"kind": "server_error", "status": 503}]}');
    try {
      state.faults.add(body.faults);
    } catch (error) {
      if (error instanceof FaultSpecError) return helperError(res, 400, error.message);
      throw error;
    }
    sendJson(res, 200, { faults: state.faults.list() });
  }),

  helper("DELETE", "/sandbox/faults", async (_req, res, state) => {
    state.faults.clear();
    sendJson(res, 200, { faults: [] });
  }),
];
