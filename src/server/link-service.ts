/**
 * The link service: serves the add-in's files, runs TikTok's authorization (start → TikTok → callback →
 * token exchange), refreshes tokens, and signs the pane's API calls. It holds the app secret and stores
 * nothing. Plain node:http; every request is logged as one line without query, token or code.
 */
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { TokenBundle } from "../core/tiktok/types";
import type { LinkConfig } from "./config";
import { createSigningTransport, SIGNER_KEYS } from "./node-transport";
import { sameSignature } from "./hmac";

export interface LinkServiceOptions {
  /** 0 = a free port. */
  port: number;
  host?: string;
  config: LinkConfig;
  /** The built add-in (dist/). Without it only the auth and API routes answer. */
  staticDir?: string;
  log?: (line: string) => void;
  https?: { cert: string | Buffer; key: string | Buffer };
  /** Epoch seconds, for request signing; default the system clock. */
  now?: () => number;
  fetchImpl?: typeof fetch;
}

export interface RunningLinkService {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export const API_PREFIX = "/tiktok/api";
export const MAX_BODY_BYTES = 1024 * 1024;
const STATE_COOKIE = "shopbooks_link_state";
const STATE_TTL_S = 30 * 60;
const AUTH_TIMEOUT_MS = 30_000;

/** TikTok API paths the proxy forwards: a known category, a YYYYMM version, plain resource segments. */
const ALLOWED_API_PATH = /^\/(authorization|order|product|finance|return_refund|seller|logistics|fulfillment)\/\d{6}\/[A-Za-z0-9_/]+$/;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".webmanifest": "application/manifest+json",
};

export async function startLinkService(options: LinkServiceOptions): Promise<RunningLinkService> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => undefined);
  const secure = Boolean(options.https);
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : undefined;
  const fetchImpl = options.fetchImpl ?? fetch;
  const { config } = options;
  const transport = createSigningTransport({
    appKey: config.appKey,
    appSecret: config.appSecret,
    apiBase: config.apiBase,
    now: options.now,
    fetchImpl,
  });

  const routes: Context = { config, transport, fetchImpl, secure, staticDir };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const method = req.method ?? "GET";
    const rawPath = pathOf(req.url);
    res.on("finish", () => {
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      log(`${method} ${rawPath} ${res.statusCode} ${ms}ms`);
    });
    handle(routes, req, res, rawPath).catch(() => {
      if (!res.headersSent) sendText(res, 500, "The link service failed on this request; try again.");
      else res.destroy();
    });
  };
  const server = options.https ? https.createServer({ cert: options.https.cert, key: options.https.key }, handler) : http.createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${secure ? "https" : "http"}://${publicHost(host, secure)}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Context {
  config: LinkConfig;
  transport: ReturnType<typeof createSigningTransport>;
  fetchImpl: typeof fetch;
  secure: boolean;
  staticDir?: string;
}

async function handle(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
  const method = req.method ?? "GET";
  const origin = ownOrigin(req, ctx.secure);
  const callerOrigin = req.headers.origin;
  const crossOrigin = callerOrigin !== undefined && callerOrigin !== origin;

  if (method === "OPTIONS") {
    if (crossOrigin || callerOrigin === undefined) return sendText(res, 403, "Cross-origin requests are not allowed.");
    res.writeHead(204, {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "content-type, x-tts-access-token",
      "access-control-max-age": "600",
      vary: "origin",
    });
    return void res.end();
  }

  if (rawPath === API_PREFIX || rawPath.startsWith(`${API_PREFIX}/`)) {
    if (crossOrigin) return sendJson(res, 403, { code: -1, message: "Cross-origin requests are not allowed.", request_id: "", data: null });
    return proxy(ctx, req, res, rawPath.slice(API_PREFIX.length));
  }
  if (rawPath === "/auth/tiktok/start" && method === "GET") return startAuthorization(ctx, req, res);
  if (rawPath === "/auth/tiktok/callback" && method === "GET") return finishAuthorization(ctx, req, res);
  if (rawPath === "/auth/tiktok/refresh") {
    if (method !== "POST") return sendJson(res, 405, { ok: false, code: 0, message: "Use POST." }, { allow: "POST" });
    if (crossOrigin) return sendJson(res, 403, { ok: false, code: 0, message: "Cross-origin requests are not allowed." });
    return refresh(ctx, req, res);
  }
  if (rawPath === "/" && (method === "GET" || method === "HEAD")) {
    res.writeHead(302, { location: "/taskpane.html", "cache-control": "no-store" });
    return void res.end();
  }
  if (method === "GET" || method === "HEAD") return serveStatic(ctx, req, res, rawPath);
  return sendText(res, 405, "Method not allowed.", { allow: "GET, HEAD" });
}

// ---------------------------------------------------------------- signing proxy

async function proxy(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, apiPath: string): Promise<void> {
  const method = req.method;
  if (method !== "GET" && method !== "POST") {
    return sendJson(res, 405, { code: 36009010, message: "Only GET and POST are forwarded.", request_id: "", data: null }, { allow: "GET, POST" });
  }
  if (!ALLOWED_API_PATH.test(apiPath) || apiPath.includes("//")) {
    return sendJson(res, 403, { code: -1, message: `The link service does not forward ${apiPath || "/"}.`, request_id: "", data: null });
  }
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryOf(req.url))) {
    if (!(SIGNER_KEYS as readonly string[]).includes(key)) query[key] = value;
  }
  const read = await readBody(req);
  if (read === "too-large") {
    return sendJson(res, 413, { code: -1, message: "The request body is larger than 1 MB.", request_id: "", data: null }, { connection: "close" });
  }
  const body = method === "POST" && read.length > 0 ? read.toString("utf8") : undefined;
  const tokenHeader = req.headers["x-tts-access-token"];
  const accessToken = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  let upstream;
  try {
    upstream = await ctx.transport.send({ method, path: apiPath, query, body, accessToken });
  } catch {
    return sendJson(res, 502, { code: -1, message: "The link service could not reach TikTok Shop; try again.", request_id: "", data: null });
  }
  res.writeHead(upstream.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(upstream.body);
}

// ---------------------------------------------------------------- authorization

function startAuthorization(ctx: Context, _req: http.IncomingMessage, res: http.ServerResponse): void {
  const state = randomBytes(24).toString("base64url");
  const separator = ctx.config.authorizeUrl.includes("?") ? "&" : "?";
  res.writeHead(302, {
    location: `${ctx.config.authorizeUrl}${separator}state=${encodeURIComponent(state)}`,
    "set-cookie": stateCookie(state, STATE_TTL_S, ctx.secure),
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
  });
  res.end();
}

async function finishAuthorization(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const params = new URLSearchParams(queryOf(req.url));
  const expected = readCookie(req.headers.cookie, STATE_COOKIE);
  const state = params.get("state") ?? "";
  const clear = stateCookie("", 0, ctx.secure);
  // Always 200: an HTTP error status makes Office's dialog report a load failure instead of our message.
  const fail = (message: string) => sendLinkPage(res, { type: "shopbooks-link", ok: false, message }, clear);

  if (!expected || !state || !sameSignature(state, expected)) {
    return fail("This link attempt does not match the one started here (it may have expired or come from another window). Close this window and press Link again.");
  }
  if (params.get("error")) {
    const declined = params.get("error") === "auth_denied";
    return fail(
      declined
        ? "The seller declined to authorize ShopBooks on TikTok Shop. Press Link again and choose Authorize to link the store."
        : `TikTok Shop did not authorize the link (${params.get("error")}). Press Link again.`,
    );
  }
  const code = params.get("code");
  if (!code || code === "null") return fail("TikTok Shop sent no authorization code. Press Link again.");

  const result = await callAuth(ctx, "/api/v2/token/get", { auth_code: code, grant_type: "authorized_code" });
  if (!result.ok) return fail(`Linking failed: ${result.message} Press Link again.`);
  return sendLinkPage(res, { type: "shopbooks-link", ok: true, token: result.token }, clear);
}

async function refresh(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const read = await readBody(req);
  if (read === "too-large") return sendJson(res, 413, { ok: false, code: 0, message: "The request body is larger than 1 MB." }, { connection: "close" });
  let refreshToken: unknown;
  try {
    refreshToken = (JSON.parse(read.toString("utf8")) as { refresh_token?: unknown }).refresh_token;
  } catch {
    refreshToken = undefined;
  }
  if (typeof refreshToken !== "string" || !refreshToken) {
    return sendJson(res, 400, { ok: false, code: 0, message: 'Send JSON {"refresh_token": "…"} to refresh a token.' });
  }
  const result = await callAuth(ctx, "/api/v2/token/refresh", { refresh_token: refreshToken, grant_type: "refresh_token" });
  if (result.ok) return sendJson(res, 200, { ok: true, token: result.token });
  return sendJson(res, result.unreachable ? 502 : 400, { ok: false, code: result.code, message: result.message });
}

type AuthResult = { ok: true; token: TokenBundle } | { ok: false; code: number; message: string; unreachable?: boolean };

/** Token get / refresh on the auth host: unsigned GETs with the secret in the query (never logged). */
async function callAuth(ctx: Context, endpoint: string, params: Record<string, string>): Promise<AuthResult> {
  const { appKey, appSecret, authBase } = ctx.config;
  const query = new URLSearchParams({ app_key: appKey, app_secret: appSecret, ...params });
  let text: string;
  try {
    const response = await ctx.fetchImpl(`${authBase.replace(/\/+$/, "")}${endpoint}?${query.toString()}`, {
      method: "GET",
      signal: AbortSignal.timeout(AUTH_TIMEOUT_MS),
    });
    text = await response.text();
  } catch {
    return { ok: false, code: 0, message: "The link service could not reach TikTok Shop's token service; try again.", unreachable: true };
  }
  let envelope: { code?: unknown; message?: unknown; data?: unknown };
  try {
    envelope = JSON.parse(text) as typeof envelope;
  } catch {
    return { ok: false, code: 0, message: "TikTok Shop's token service gave an unexpected answer (not JSON).", unreachable: true };
  }
  const code = typeof envelope.code === "number" ? envelope.code : -1;
  const message = typeof envelope.message === "string" && envelope.message ? envelope.message.replace(/[.\s]+$/, "") : "no message";
  if (code !== 0) return { ok: false, code, message: `TikTok Shop answered ${code}: ${message}.` };
  const token = tokenBundle(envelope.data);
  if (!token) return { ok: false, code: 0, message: "TikTok Shop's token service answered without a usable token." };
  return { ok: true, token };
}

function tokenBundle(data: unknown): TokenBundle | undefined {
  if (!data || typeof data !== "object") return undefined;
  const d = data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  if (typeof d.access_token !== "string" || !d.access_token || typeof d.refresh_token !== "string" || !d.refresh_token) return undefined;
  if (typeof d.access_token_expire_in !== "number" || typeof d.refresh_token_expire_in !== "number") return undefined;
  return {
    access_token: d.access_token,
    access_token_expire_in: d.access_token_expire_in,
    refresh_token: d.refresh_token,
    refresh_token_expire_in: d.refresh_token_expire_in,
    open_id: text(d.open_id),
    seller_name: text(d.seller_name),
    seller_base_region: text(d.seller_base_region),
    user_type: typeof d.user_type === "number" ? d.user_type : 0,
    ...(Array.isArray(d.granted_scopes) ? { granted_scopes: d.granted_scopes.filter((s): s is string => typeof s === "string") } : {}),
  };
}

type LinkMessage = { type: "shopbooks-link"; ok: true; token: TokenBundle } | { type: "shopbooks-link"; ok: false; message: string };

/**
 * The page TikTok redirects back to. Its script hands the result to the pane: to a same-origin opener
 * (preview popup) directly, else through Office's dialog API. office.js may never load (offline), so the
 * page also says in words what happened.
 */
export function linkResultPage(message: LinkMessage): string {
  const title = message.ok ? "Linking Success" : "Linking failed";
  const detail = message.ok ? "Linking Success — you can close this window." : message.message;
  // </script> and U+2028/2029 inside the JSON must not end or break the inline script.
  const payload = JSON.stringify(message).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ShopBooks – ${escapeHtml(title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 2rem; color: #242424; }
  h1 { font-size: 1.4rem; font-weight: 600; }
  .ok { color: #107c10; } .failed { color: #c50f1f; }
</style>
</head>
<body>
<h1 id="status">Linking…</h1>
<p id="detail" class="${message.ok ? "ok" : "failed"}">${escapeHtml(detail)}</p>
<script>
(function () {
  var msg = ${payload};
  var sent = false;
  document.getElementById("status").textContent = ${JSON.stringify(title)};
  function sameOriginOpener() {
    try { return window.opener && !window.opener.closed && window.opener.location.origin === location.origin ? window.opener : null; }
    catch (e) { return null; }
  }
  function toOpener() {
    var opener = sameOriginOpener();
    if (sent || !opener) return;
    sent = true;
    opener.postMessage(msg, location.origin);
    setTimeout(function () { window.close(); }, 300);
  }
  function toOffice() {
    if (sent) return;
    try {
      if (window.Office && Office.context && Office.context.ui && typeof Office.context.ui.messageParent === "function") {
        Office.context.ui.messageParent(JSON.stringify(msg));
        sent = true;
        return;
      }
    } catch (e) { /* not inside an Office dialog */ }
    toOpener();
  }
  if (sameOriginOpener()) { toOpener(); return; }
  var timer = setTimeout(toOpener, 8000);
  var script = document.createElement("script");
  script.src = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
  script.onload = function () {
    clearTimeout(timer);
    try { Office.onReady(toOffice); } catch (e) { toOpener(); }
  };
  script.onerror = function () { clearTimeout(timer); toOpener(); };
  document.head.appendChild(script);
})();
</script>
</body>
</html>
`;
}

function sendLinkPage(res: http.ServerResponse, message: LinkMessage, cookie: string): void {
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The callback URL carries the auth code: office.js must not receive it as a Referer.
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "set-cookie": cookie,
  });
  res.end(linkResultPage(message));
}

function stateCookie(value: string, maxAge: number, secure: boolean): string {
  return `${STATE_COOKIE}=${value}; Path=/auth/tiktok; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- static files

async function serveStatic(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
  const notFound = () => sendText(res, 404, "Not found.");
  if (!ctx.staticDir) return notFound();
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return sendText(res, 400, "Bad path.");
  }
  if (decoded.includes("\0") || decoded.includes("\\") || decoded.split("/").some((segment) => segment === "..")) {
    return sendText(res, 403, "Forbidden.");
  }
  const file = path.resolve(ctx.staticDir, `.${decoded}`);
  if (!file.startsWith(ctx.staticDir + path.sep)) return sendText(res, 403, "Forbidden.");
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound();
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  res.writeHead(200, {
    "content-type": type,
    "content-length": String(info.size),
    "cache-control": type.startsWith("text/html") ? "no-store" : "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") return void res.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("error", reject);
    stream.on("end", resolve);
    stream.pipe(res);
  });
}

// ---------------------------------------------------------------- helpers

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

function queryOf(url: string | undefined): string {
  const raw = url ?? "";
  const q = raw.indexOf("?");
  return q === -1 ? "" : raw.slice(q + 1);
}

function ownOrigin(req: http.IncomingMessage, secure: boolean): string {
  return `${secure ? "https" : "http"}://${req.headers.host ?? ""}`;
}

function publicHost(host: string, secure: boolean): string {
  if (host === "0.0.0.0" || host === "::" || host === "127.0.0.1" || host === "::1") {
    // Office dev certificates are issued for localhost.
    if (secure) return "localhost";
    return host === "::" || host === "::1" ? "[::1]" : "127.0.0.1";
  }
  return host.includes(":") ? `[${host}]` : host;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    return "too-large";
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(buffer);
  }
  return tooLarge ? "too-large" : Buffer.concat(chunks);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(value));
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
