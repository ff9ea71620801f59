/** A small signing client for talking to the sandbox in tests, independent of the product's client. */
import { signRequest } from "../../src/core/tiktok/sign";
import type { Envelope, TokenBundle } from "../../src/core/tiktok/types";
import { hmacSha256Hex } from "../../src/server/hmac";
import type { RunningSandbox } from "../../src/sandbox";

export interface CallOptions {
  method?: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: string;
  token?: string;
  /** Override what the client would send. */
  timestamp?: number;
  appKey?: string;
  appSecret?: string;
  sign?: string | null;
  contentType?: string;
}

export interface CallResult<T> {
  status: number;
  text: string;
  json: Envelope<T>;
}

export class SignedClient {
  constructor(readonly sandbox: RunningSandbox) {}

  async call<T = Record<string, unknown>>(options: CallOptions): Promise<CallResult<T>> {
    const { info, clock } = this.sandbox;
    const query: Record<string, string> = {
      ...options.query,
      app_key: options.appKey ?? info.appKey,
      timestamp: String(options.timestamp ?? clock.now()),
    };
    const method = options.method ?? (options.body === undefined ? "GET" : "POST");
    const sign = signRequest(options.appSecret ?? info.appSecret, { path: options.path, query, body: options.body }, hmacSha256Hex);
    const params = new URLSearchParams(query);
    if (options.sign !== null) params.set("sign", options.sign ?? sign);
    const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
    if (options.token) headers["x-tts-access-token"] = options.token;
    const response = await fetch(`${this.sandbox.url}${options.path}?${params.toString()}`, { method, headers, body: options.body });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Envelope<T> };
  }

  async authCode(sellerIndex = 0): Promise<string> {
    const seller = this.sandbox.info.sellers[sellerIndex];
    const response = await fetch(`${this.sandbox.url}/sandbox/auth-code`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(seller),
    });
    const body = (await response.json()) as { code: string };
    return body.code;
  }

  async tokenCall(path: "/api/v2/token/get" | "/api/v2/token/refresh", params: Record<string, string>): Promise<CallResult<TokenBundle>> {
    const query = new URLSearchParams({ app_key: this.sandbox.info.appKey, app_secret: this.sandbox.info.appSecret, ...params });
    const response = await fetch(`${this.sandbox.url}${path}?${query.toString()}`);
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Envelope<TokenBundle> };
  }

  async exchange(code: string): Promise<CallResult<TokenBundle>> {
    return this.tokenCall("/api/v2/token/get", { auth_code: code, grant_type: "authorized_code" });
  }

  /** Authorizes seller N and returns its access token and shop cipher. */
  async link(sellerIndex = 0): Promise<{ token: string; cipher: string; bundle: TokenBundle }> {
    const exchanged = await this.exchange(await this.authCode(sellerIndex));
    const bundle = exchanged.json.data as TokenBundle;
    const shops = await this.call<{ shops: { cipher: string }[] }>({ path: "/authorization/202309/shops", token: bundle.access_token });
    return { token: bundle.access_token, cipher: shops.json.data!.shops[0].cipher, bundle };
  }
}
