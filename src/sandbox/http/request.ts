/** Reading a request: the decoded query (as TikTok signs it) and the raw body text. */
import type { IncomingMessage } from "node:http";
import { ApiError, errors } from "./api-error";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface QueryParams {
  /** First value of each key, decoded ("+" decodes to a space, as on TikTok's gateway). */
  values: Record<string, string>;
  /** Keys that appeared more than once. */
  repeated: string[];
}

export function parseQuery(search: string): QueryParams {
  const values: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of new URLSearchParams(search)) {
    if (Object.prototype.hasOwnProperty.call(values, key)) {
      if (!repeated.includes(key)) repeated.push(key);
      continue;
    }
    values[key] = value;
  }
  return { values, repeated };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(errors.bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => {
      if (!failed) reject(error instanceof ApiError ? error : errors.internal());
    });
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
