/** A tiny TikTok stand-in on 127.0.0.1 for server tests: records requests, checks signatures, answers envelopes. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signRequest } from "../../src/core/tiktok/sign";
import { hmacSha256Hex, sameSignature } from "../../src/server/hmac";

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  rawUrl: string;
  path: string;
  /** Decoded query. */
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
  signValid?: boolean;
}

export type Answer = { status: number; body: unknown };

export interface FakeUpstream {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Recomputes `sign` over the decoded query (without sign) and the raw body with the app secret. */
export function signatureMatches(appSecret: string, r: RecordedRequest): boolean {
  const { sign, ...rest } = r.query;
  if (!sign) return false;
  const expected = signRequest(appSecret, { path: r.path, query: rest, body: r.body === "" ? undefined : r.body }, hmacSha256Hex);
  return sameSignature(expected, sign);
}

export async function startFakeUpstream(appSecret: string, answer: (r: RecordedRequest) => Answer): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawUrl = req.url ?? "/";
      const q = rawUrl.indexOf("?");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        rawUrl,
        path: q === -1 ? rawUrl : rawUrl.slice(0, q),
        query: Object.fromEntries(new URLSearchParams(q === -1 ? "" : rawUrl.slice(q + 1))),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      recorded.signValid = signatureMatches(appSecret, recorded);
      requests.push(recorded);
      const { status, body } = answer(recorded);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends the path exactly as written (fetch would normalise "/../" and "//"). */
export function rawRequest(
  baseUrl: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function envelope(data: unknown, code = 0, message = "Success") {
  return { code, message, request_id: "202606190151522272D4695E9B9043B79E", data: code === 0 ? data : null };
}
