/**
 * The pane's way to TikTok: every API call goes to the link service, which signs it with the app secret
 * the pane never sees. Token refresh goes there too.
 */
import { RelinkNeededError } from "../core/tiktok/errors";
import type { TikTokRequest, TikTokResponse, Transport } from "../core/tiktok/transport";
import type { TokenBundle } from "../core/tiktok/types";

export function createLinkTransport(baseUrl = ""): Transport {
  return {
    async send(request: TikTokRequest): Promise<TikTokResponse> {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (request.accessToken) headers["x-tts-access-token"] = request.accessToken;
      // URLSearchParams percent-encodes "+", "/" and "=" in page tokens.
      const query = new URLSearchParams(request.query).toString();
      const response = await fetch(`${baseUrl}/tiktok/api${request.path}${query ? `?${query}` : ""}`, {
        method: request.method,
        headers,
        body: request.method === "GET" ? undefined : request.body,
        credentials: "same-origin",
        cache: "no-store",
      });
      return { status: response.status, body: await response.text() };
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
