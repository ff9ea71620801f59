/**
 * TikTok Shop API request signing (202309+):
 * sign = hex(HMAC-SHA256(secret, secret + path + sorted(key + value) + body + secret)).
 * Query values are signed decoded; `sign` and `access_token` are never part of the string.
 * HMAC is supplied by the caller (node:crypto on the server) so this module stays pure.
 */
export type HmacSha256Hex = (key: string, message: string) => string;

export interface SignInput {
  path: string;
  query: Record<string, string>;
  /** Raw JSON body exactly as sent; omit for GET and multipart requests. */
  body?: string;
}

const EXCLUDED_KEYS = new Set(["sign", "access_token", "x-tts-access-token"]);

export function stringToSign(appSecret: string, { path, query, body }: SignInput): string {
  const keys = Object.keys(query)
    .filter((k) => !EXCLUDED_KEYS.has(k))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const params = keys.map((k) => k + query[k]).join("");
  return appSecret + path + params + (body ?? "") + appSecret;
}

export function signRequest(appSecret: string, input: SignInput, hmac: HmacSha256Hex): string {
  return hmac(appSecret, stringToSign(appSecret, input)).toLowerCase();
}
