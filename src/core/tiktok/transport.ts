/**
 * How core code reaches the TikTok API without doing I/O itself. The transport adds app_key,
 * timestamp and sign (server side, where the secret lives) or forwards to the link service that
 * does (browser side); core only says what to call.
 */
export interface TikTokRequest {
  method: "GET" | "POST";
  /** API path, e.g. "/order/202309/orders/search". */
  path: string;
  /** Query parameters other than app_key, timestamp and sign; values decoded. */
  query: Record<string, string>;
  /** JSON text exactly as it must be sent and signed; undefined for GET. */
  body?: string;
  /** Sent as the x-tts-access-token header; never signed, never logged. */
  accessToken?: string;
  /** Aborts the request in flight. */
  signal?: AbortSignal;
}

export interface TikTokResponse {
  status: number;
  /** The response body text (a JSON envelope). */
  body: string;
}

export interface Transport {
  send(request: TikTokRequest): Promise<TikTokResponse>;
}
