/** Strict reading of query parameters and JSON bodies: unknown fields and wrong types are refused. */
import { ApiError, errors } from "../http/api-error";

export function pageSize(value: string | undefined, onError: () => ApiError = () => errors.invalidQuery("'page_size' is required and must be a whole number from 1 to 100.")): number {
  if (value === undefined || !/^\d{1,3}$/.test(value)) throw onError();
  const size = Number(value);
  if (size < 1 || size > 100) throw onError();
  return size;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw errors.invalidQuery(`'${name}' must be one of ${allowed.join(", ")}; got "${value}".`);
}

/**
 * The JSON body as an object with only `fields`. An empty body counts as {}. `hints` explain likely
 * mix-ups (e.g. _le where the API takes _lt).
 */
export function jsonBody(text: string, fields: readonly string[], hints: Record<string, string> = {}): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw errors.invalidBody("The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw errors.invalidBody("The body must be a JSON object.");
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) throw errors.invalidBody(`'${key}' is not a field of this API.${hints[key] ? " " + hints[key] : ""}`);
  }
  return value as Record<string, unknown>;
}

export function unixTime(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw errors.invalidBody(`'${name}' must be a Unix time in seconds (a whole number); got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function enumField<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw errors.invalidBody(`'${name}' must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw errors.invalidBody(`'${name}' must be a string; got ${JSON.stringify(value)}.`);
  return value;
}

export function booleanField(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw errors.invalidBody(`'${name}' must be true or false; got ${JSON.stringify(value)}.`);
  return value;
}

export function stringList(body: Record<string, unknown>, name: string, max: number, tooMany: () => ApiError): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw errors.invalidBody(`'${name}' must be a list of strings; got ${JSON.stringify(value)}.`);
  }
  if (value.length > max) throw tooMany();
  return value as string[];
}

/** Keyset paging over a sorted list: the page after `cursor`, and whether more follow. */
export function pageAfter<T>(sorted: readonly T[], compare: (item: T) => number, size: number): { page: T[]; more: boolean } {
  const start = sorted.findIndex((item) => compare(item) > 0);
  const from = start < 0 ? sorted.length : start;
  return { page: sorted.slice(from, from + size), more: from + size < sorted.length };
}
