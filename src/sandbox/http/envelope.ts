/** TikTok's response envelope, request ids, and the plain writers for JSON, HTML and redirects. */
import type { ServerResponse } from "node:http";
import { derivedBytes, type SandboxApp } from "../credentials";

export interface EnvelopeBody {
  code: number;
  data: unknown;
  message: string;
  request_id: string;
}

/**
 * 34 characters: the time as YYYYMMDDhhmmss in UTC+8, then 20 uppercase hex digits. The hex part
 * comes from a counter, so two sandboxes with the same seed answer the same requests identically.
 */
export class RequestIds {
  private counter = 0;

  constructor(private readonly app: SandboxApp) {}

  next(epochSeconds: number): string {
    const t = new Date((Math.floor(epochSeconds) + 8 * 3600) * 1000).toISOString();
    const stamp = t.slice(0, 19).replace(/[-T:]/g, "");
    return stamp + derivedBytes(this.app, `request:${++this.counter}`, 10).toString("hex").toUpperCase();
  }
}

export function sendEnvelope(res: ServerResponse, status: number, body: EnvelopeBody): void {
  sendJson(res, status, { code: body.code, data: body.data, message: body.message, request_id: body.request_id });
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(html);
}

export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store", "referrer-policy": "no-referrer", "content-length": 0 });
  res.end();
}
