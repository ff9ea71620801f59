/**
 * The server-side Transport: adds app_key and timestamp, signs with the app secret, and sends the
 * request to the TikTok API host. The secret and tokens never leave this function except as TikTok needs.
 */
import { signRequest } from "../core/tiktok/sign";
import type { TikTokRequest, TikTokResponse, Transport } from "../core/tiktok/transport";
import { hmacSha256Hex } from "./hmac";

export interface SigningTransportOptions {
  appKey: string;
  appSecret: string;
  apiBase: string;
  /** Epoch seconds; default the system clock. */
  now?: () => number;
  fetchImpl?: typeof fetch;
  /** Per request; default 60 s. */
  timeoutMs?: number;
}

/** Query keys the signer owns: whatever a caller sent under these names is dropped. */
export const SIGNER_KEYS = ["app_key", "timestamp", "sign", "access_token", "x-tts-access-token"] as const;

export function createSigningTransport(options: SigningTransportOptions): Transport {
  const { appKey, appSecret } = options;
  const apiBase = options.apiBase.replace(/\/+$/, "");
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;

  return {
    async send(request: TikTokRequest): Promise<TikTokResponse> {
      const query: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.query)) {
        if (!(SIGNER_KEYS as readonly string[]).includes(key)) query[key] = value;
      }
      query.app_key = appKey;
      query.timestamp = String(now());
      const body = request.method === "GET" ? undefined : request.body;
      const sign = signRequest(appSecret, { path: request.path, query, body }, hmacSha256Hex);
      // URLSearchParams percent-encodes "+", "/" and "=" in page tokens; the signature used the decoded values.
      const url = `${apiBase}${request.path}?${new URLSearchParams({ ...query, sign }).toString()}`;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (request.accessToken) headers["x-tts-access-token"] = request.accessToken;
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        body,
        signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await response.text() };
    },
  };
}
