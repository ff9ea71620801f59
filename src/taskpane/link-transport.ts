/**
 * The pane's way to TikTok: every API call goes to the link service, which signs it with the app secret
 * the pane never sees. Token refresh goes there too. Calls are throttled below TikTok's rate limit here,
 * so every client the pane builds stays under it.
 */
import { RelinkNeededError } from "../core/tiktok/errors";
import { RequestThrottle, throttleKey } from "../core/tiktok/throttle";
import type { TikTokRequest, TikTokResponse, Transport } from "../core/tiktok/transport";
import type { TokenBundle } from "../core/tiktok/types";

export interface LinkTransportOptions {
  /** Requests per second per API and shop; default 40 (TikTok allows 50). */
  perSecond?: number;
  fetchImpl?: typeof fetch;
}

/** Dispatched on the window when TikTok refuses an access token as invalid or revoked (105001). */
export const LINK_REFUSED_EVENT = "shopbooks:link-refused";

const throttles = new Map<number, RequestThrottle>();

/** One throttle per limit for the whole pane: clients come and go, the rate limit stays. */
function sharedThrottle(perSecond: number): RequestThrottle {
  let throttle = throttles.get(perSecond);
  if (!throttle) {
    throttle = new RequestThrottle({
      nowMs: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      perSecond,
    });
    throttles.set(perSecond, throttle);
  }
  return throttle;
}

export function createLinkTransport(baseUrl = "", options: LinkTransportOptions = {}): Transport {
  const throttle = sharedThrottle(options.perSecond ?? 40);
  const fetchImpl = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    async send(request: TikTokRequest): Promise<TikTokResponse> {
      await throttle.acquire(throttleKey(request.path, request.query.shop_cipher));
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (request.accessToken) headers["x-tts-access-token"] = request.accessToken;
      // URLSearchParams percent-encodes "+", "/" and "=" in page tokens.
      const query = new URLSearchParams(request.query).toString();
      const response = await fetchImpl(`${baseUrl}/tiktok/api${request.path}${query ? `?${query}` : ""}`, {
        method: request.method,
        headers,
        body: request.method === "GET" ? undefined : request.body,
        credentials: "same-origin",
        cache: "no-store",
        signal: request.signal,
      });
      const body = await response.text();
      // Error envelopes are short; the Link tab then checks which store lost its link.
      if (body.length < 4096 && /"code"\s*:\s*105001\b/.test(body) && typeof window !== "undefined") {
        window.dispatchEvent(new Event(LINK_REFUSED_EVENT));
      }
      return { status: response.status, body };
    },
  };
}

/** A fresh token bundle, or RelinkNeededError when TikTok refuses the refresh token. */
export async function refreshToken(baseUrl: string, token: string): Promise<TokenBundle> {
  const response = await fetch(`${baseUrl}/auth/tiktok/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: token }),
    cache: "no-store",
  });
  const answer = (await response.json().catch(() => null)) as { ok: true; token: TokenBundle } | { ok: false; message: string } | null;
  if (answer?.ok === true) return answer.token;
  if (answer?.ok === false && response.status === 400) throw new RelinkNeededError(undefined, { cause: new Error(answer.message) });
  throw new Error(`The link service could not refresh the TikTok Shop token (HTTP ${response.status}); try again.`);
}
