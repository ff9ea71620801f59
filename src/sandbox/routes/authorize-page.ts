/**
 * The Seller Center authorization page (GET/POST /open/authorize): choose Seller, log in with a seeded
 * seller, and the browser is sent to the app's redirect URL with ?code=…&state=…. Every echoed value is
 * HTML-escaped; the code goes only into the redirect.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ShopData } from "../data/world";
import { sendHtml, sendRedirect } from "../http/envelope";
import type { PlainRoute } from "../http/router";
import { readBody } from "../http/request";
import type { SandboxState } from "../state";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

interface FormView {
  serviceId: string;
  state?: string;
  email?: string;
  accountType?: string;
  error?: string;
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f5f5f7; color: #161823; margin: 0; }
  .sandbox { background: #fff4ce; color: #5c4400; padding: 8px 16px; font-size: 13px; text-align: center; }
  main { max-width: 420px; margin: 32px auto; background: #fff; border-radius: 12px; padding: 28px 32px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .sub { color: #6b6d76; margin: 0 0 20px; font-size: 14px; }
  fieldset { border: 1px solid #e3e3e8; border-radius: 8px; margin: 0 0 16px; padding: 10px 14px; }
  legend { font-weight: 600; font-size: 14px; padding: 0 4px; }
  .choice { display: block; padding: 6px 0; font-size: 15px; }
  .choice small { color: #6b6d76; }
  label.field { display: block; font-size: 14px; font-weight: 600; margin: 12px 0 4px; }
  input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: 10px; border: 1px solid #c9c9d1; border-radius: 6px; font-size: 15px; }
  .error { background: #fde7e9; color: #a4262c; padding: 10px 12px; border-radius: 6px; font-size: 14px; margin-bottom: 12px; }
  .scopes { font-size: 13px; color: #44464f; margin: 16px 0; padding-left: 18px; }
  .actions { display: flex; gap: 12px; margin-top: 20px; }
  button { flex: 1; padding: 11px; border-radius: 6px; font-size: 15px; border: 1px solid #c9c9d1; background: #fff; cursor: pointer; }
  button.primary { background: #fe2c55; border-color: #fe2c55; color: #fff; font-weight: 600; }
  .hint { font-size: 12px; color: #6b6d76; margin-top: 18px; word-break: break-all; }
`;

function page(title: string, inner: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><div class="sandbox">ShopBooks sandbox on this computer — not TikTok. Nothing here reaches a real shop.</div>
<main>${inner}</main></body></html>`;
}

function renderForm(state: SandboxState, view: FormView): string {
  const appName = state.app.appName;
  const checked = (value: string) => (view.accountType === value ? " checked" : "");
  const sellers = state.world.shops.map((s) => `${s.shop.seller.email} / ${s.shop.seller.password}`).join(", ");
  return page(
    `TikTok Shop Seller Center — Authorize ${appName}`,
    `<h1>TikTok Shop Seller Center — Authorize ${escapeHtml(appName)}</h1>
<p class="sub">${escapeHtml(appName)} wants to connect to your TikTok Shop.</p>
${view.error ? `<div class="error" role="alert">${escapeHtml(view.error)}</div>` : ""}
<form method="post" action="/open/authorize">
<input type="hidden" name="service_id" value="${escapeHtml(view.serviceId)}">
${view.state !== undefined ? `<input type="hidden" name="state" value="${escapeHtml(view.state)}">` : ""}
<fieldset><legend>1. Choose your account type</legend>
<label class="choice"><input type="radio" name="account_type" value="seller"${checked("seller")}> Seller <small>(Malaysia / South-East Asia)</small></label>
<label class="choice"><input type="radio" name="account_type" value="creator"${checked("creator")}> Creator</label>
</fieldset>
<fieldset><legend>2. Log in to Seller Center</legend>
<label class="field" for="email">Email</label>
<input id="email" type="email" name="email" autocomplete="username" value="${escapeHtml(view.email ?? "")}">
<label class="field" for="password">Password</label>
<input id="password" type="password" name="password" autocomplete="current-password">
</fieldset>
<p class="sub">${escapeHtml(appName)} will be able to:</p>
<ul class="scopes"><li>Read your shop information</li><li>Read your orders</li><li>Read your products</li><li>Read your finance statements and returns</li></ul>
<div class="actions">
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="authorize" class="primary">Log in and authorize</button>
</div>
</form>
<p class="hint">Sandbox sellers: ${escapeHtml(sellers)}</p>`,
  );
}

function renderInvalidLink(): string {
  return page(
    "TikTok Shop Seller Center — Invalid authorization link",
    `<h1>This authorization link is not valid</h1>
<p class="sub">The service_id in the link does not belong to an app on this sandbox. Copy the authorization link again
(the sandbox prints it when it starts, and GET /sandbox/info returns it).</p>`,
  );
}

function redirectTo(state: SandboxState, params: [string, string][]): string {
  const target = new URL(state.redirectUrl);
  for (const [key, value] of params) target.searchParams.append(key, value);
  return target.toString();
}

export function findSeller(state: SandboxState, email: string, password: string): ShopData | undefined {
  const wanted = email.trim().toLowerCase();
  return state.world.shops.find((s) => s.shop.seller.email === wanted && s.shop.seller.password === password);
}

export const authorizePageRoute: PlainRoute = {
  kind: "plain",
  method: "GET",
  path: "/open/authorize",
  async handle(_req: IncomingMessage, res: ServerResponse, state: SandboxState, url: URL) {
    const serviceId = url.searchParams.get("service_id") ?? "";
    if (serviceId !== state.app.serviceId) return sendHtml(res, 400, renderInvalidLink());
    const stateParam = url.searchParams.get("state") ?? undefined;
    sendHtml(res, 200, renderForm(state, { serviceId, state: stateParam }));
  },
};

export const authorizeSubmitRoute: PlainRoute = {
  kind: "plain",
  method: "POST",
  path: "/open/authorize",
  async handle(req: IncomingMessage, res: ServerResponse, state: SandboxState) {
    const form = new URLSearchParams(await readBody(req));
    const serviceId = form.get("service_id") ?? "";
    if (serviceId !== state.app.serviceId) return sendHtml(res, 400, renderInvalidLink());
    const stateParam = form.get("state") ?? undefined;
    const echoState: [string, string][] = stateParam !== undefined ? [["state", stateParam]] : [];
    if (form.get("action") === "cancel") {
      return sendRedirect(res, redirectTo(state, [["code", "null"], ...echoState, ["error", "auth_denied"]]));
    }
    const email = form.get("email") ?? "";
    const accountType = form.get("account_type") ?? undefined;
    const again = (error: string) => sendHtml(res, 200, renderForm(state, { serviceId, state: stateParam, email, accountType, error }));
    if (accountType === "creator") return again("This app is for sellers; choose Seller.");
    if (accountType !== "seller") return again("Choose your account type: Seller or Creator.");
    const seller = findSeller(state, email, form.get("password") ?? "");
    if (!seller) return again("Incorrect email or password.");
    sendRedirect(res, redirectTo(state, [["code", state.auth.issueCode(seller)], ...echoState]));
  },
};
