/**
 * Faults on demand: failures queued for the next matching requests, so clients can be tested against
 * rate-limit bursts, 5xx answers, gateways that answer HTML, dropped connections, slow answers and tokens
 * that expire early or are revoked. A fault without a path hits any signed API path; the token endpoints
 * only fail when named. With a probability, a fault stands: it hits each matching request with that
 * chance (from the sandbox's seeded randomness) until its count is used up or the faults are cleared.
 */
import type { Random } from "./random";

export const FAULT_KINDS = ["rate_limit", "server_error", "drop_connection", "delay", "expire_token", "revoke_token"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** Only requests to this path, e.g. "/order/202309/orders/search"; default every signed API path. */
  path?: string;
  /** How many matching requests it hits; default 1, or unlimited for a fault with a probability. */
  count?: number;
  /** 0 < p ≤ 1: hit each matching request with this chance instead of the next ones in a row. */
  probability?: number;
  /** server_error: 500 (default, TikTok envelope 36009003), or 502/503/504 (a gateway's HTML page, not JSON). */
  status?: number;
  /** delay: milliseconds before the request is answered normally (≤ 120000). */
  delayMs?: number;
}

export class FaultSpecError extends Error {
  readonly code = "FAULT_SPEC";
}

interface PendingFault extends FaultSpec {
  /** Infinity for a standing fault without a count. */
  count: number;
}

const MAX_DELAY_MS = 120_000;

export class FaultPlan {
  private pending: PendingFault[] = [];

  constructor(
    private readonly knownPaths: () => readonly string[],
    private readonly random: Random,
  ) {}

  /** Checks every spec first, so a bad list queues nothing. */
  add(specs: readonly unknown[]): void {
    const checked = specs.map((spec, i) => this.check(spec, i));
    this.pending.push(...checked);
  }

  clear(): void {
    this.pending = [];
  }

  list(): FaultSpec[] {
    return this.pending.map(({ count, ...f }) => (count === Infinity ? { ...f } : { ...f, count }));
  }

  /** The first queued fault of one of `kinds` that matches `path` (and wins its draw), used up by one. */
  take(path: string, signedApi: boolean, kinds: readonly FaultKind[]): FaultSpec | undefined {
    const index = this.pending.findIndex(
      (f) =>
        kinds.includes(f.kind) &&
        (f.path === undefined ? signedApi : f.path === path) &&
        (f.probability === undefined || this.random.next() < f.probability),
    );
    if (index < 0) return undefined;
    const fault = this.pending[index];
    fault.count -= 1;
    if (fault.count <= 0) this.pending.splice(index, 1);
    return { ...fault, count: 1 };
  }

  private check(value: unknown, index: number): PendingFault {
    const where = `faults[${index}]`;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new FaultSpecError(`${where} must be an object like {"kind": "rate_limit"}.`);
    const spec = value as Record<string, unknown>;
    const unknownKey = Object.keys(spec).find((k) => !["kind", "path", "count", "probability", "status", "delayMs"].includes(k));
    if (unknownKey) {
      throw new FaultSpecError(`${where} has an unknown field "${unknownKey}"; fields are kind, path, count, probability, status, delayMs.`);
    }
    if (typeof spec.kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(spec.kind)) {
      throw new FaultSpecError(`${where}.kind must be one of ${FAULT_KINDS.join(", ")}.`);
    }
    const kind = spec.kind as FaultKind;
    if (spec.path !== undefined && (typeof spec.path !== "string" || !this.knownPaths().includes(spec.path))) {
      throw new FaultSpecError(`${where}.path must be one of ${this.knownPaths().join(", ")}.`);
    }
    const probability = spec.probability;
    if (probability !== undefined && (typeof probability !== "number" || !(probability > 0 && probability <= 1))) {
      throw new FaultSpecError(`${where}.probability must be a number above 0 and at most 1, e.g. 0.2 for one request in five.`);
    }
    const count = spec.count ?? (probability === undefined ? 1 : Infinity);
    if (typeof count !== "number" || (count !== Infinity && !Number.isSafeInteger(count)) || count < 1) {
      throw new FaultSpecError(`${where}.count must be a whole number of requests, 1 or more.`);
    }
    const fault: PendingFault = {
      kind,
      count,
      ...(spec.path !== undefined ? { path: spec.path as string } : {}),
      ...(probability !== undefined ? { probability } : {}),
    };
    if (kind === "server_error") {
      const status = spec.status ?? 500;
      if (![500, 502, 503, 504].includes(status as number)) throw new FaultSpecError(`${where}.status must be 500, 502, 503 or 504.`);
      fault.status = status as number;
    } else if (spec.status !== undefined) {
      throw new FaultSpecError(`${where}.status only applies to server_error.`);
    }
    if (kind === "delay") {
      const delayMs = spec.delayMs;
      if (typeof delayMs !== "number" || !Number.isSafeInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
        throw new FaultSpecError(`${where}.delayMs must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.`);
      }
      fault.delayMs = delayMs;
    } else if (spec.delayMs !== undefined) {
      throw new FaultSpecError(`${where}.delayMs only applies to delay.`);
    }
    if ((kind === "expire_token" || kind === "revoke_token") && spec.path !== undefined && spec.path.toString().startsWith("/api/v2/token/")) {
      throw new FaultSpecError(`${where}: ${kind} applies to signed API paths, not the token endpoints.`);
    }
    return fault;
  }
}
