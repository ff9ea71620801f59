/**
 * The TikTok Shop API as ShopBooks uses it: authorized shops, order search and detail, product search.
 * Pure: it talks through a Transport, waits through an injected sleep, and recovers from what TikTok
 * documents as transient (throttling, timeouts, internal errors, 5xx) and from an expired token.
 */
import type { TikTokRequest, TikTokResponse, Transport } from "./transport";
import type { AuthorizedShop, Envelope, Order, OrderSearchData, OrderStatus, Product, ProductSearchData } from "./types";
import { CancelledError, RelinkNeededError, TikTokApiError } from "./errors";

export { CancelledError, RelinkNeededError, TikTokApiError, RELINK_MESSAGE } from "./errors";

export type ClientEvent =
  /** count = distinct items received so far in this call; total = TikTok's total_count when given. */
  | { type: "page"; endpoint: string; count: number; total?: number }
  /** code = TikTok's code, else the HTTP status, else 0 for a transport failure. */
  | { type: "retry"; endpoint: string; code: number; attempt: number; waitMs: number }
  | { type: "refresh" };

export interface ClientOptions {
  sleep: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); default () => 0.5. */
  random?: () => number;
  /** Attempts per request, including the first; default 6. */
  maxAttempts?: number;
  /** Called when the API answers 105002 (expired token); returns a fresh access token or throws RelinkNeededError. */
  refreshAccessToken?: () => Promise<string>;
  onEvent?: (e: ClientEvent) => void;
}

export interface ShopAuth {
  shopCipher: string;
  accessToken: string;
}

export interface OrderSearchFilter {
  /** Unix seconds, inclusive. */
  createTimeGe: number;
  /** Unix seconds, exclusive. */
  createTimeLt: number;
  orderStatus?: OrderStatus;
}

export const PATHS = {
  authorizedShops: "/authorization/202309/shops",
  orderSearch: "/order/202309/orders/search",
  orderDetail: "/order/202309/orders",
  productSearch: "/product/202309/products/search",
} as const;

export const PAGE_SIZE = 100;
export const ORDER_DETAIL_BATCH = 50;

const CODE_EXPIRED_TOKEN = 105002;
const CODE_INVALID_TOKEN = 105001;
const CODE_THROTTLED = 36009002;
const CODE_INTERNAL = 36009003;
const CODE_TIMEOUT = 36009007;

const THROTTLE_BASE_MS = 1000;
const TRANSIENT_BASE_MS = 500;
const MAX_WAIT_MS = 30_000;

/** The access token of one public call: a refresh replaces it for the rest of that call. */
interface Session {
  accessToken: string;
  refreshed: boolean;
}

type Outcome<T> =
  | { kind: "ok"; data: T }
  | { kind: "expired" }
  | { kind: "retry"; code: number; throttled: boolean; error: TikTokApiError };

export class TikTokClient {
  private readonly random: () => number;
  private readonly maxAttempts: number;
  /** Tokens this client has refreshed: a later call that still holds the old one uses the new one. */
  private readonly replaced = new Map<string, string>();

  constructor(
    private readonly transport: Transport,
    private readonly options: ClientOptions,
  ) {
    this.random = options.random ?? (() => 0.5);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  }

  async getAuthorizedShops(accessToken: string): Promise<AuthorizedShop[]> {
    const session = this.session(accessToken);
    const data = await this.call<{ shops?: AuthorizedShop[] }>(session, { method: "GET", path: PATHS.authorizedShops, query: {} });
    return data.shops ?? [];
  }

  /** Every order created in [createTimeGe, createTimeLt) (Unix s), all pages (page_size 100, sort create_time ASC), de-duplicated by id. */
  async searchOrders(auth: ShopAuth, filter: OrderSearchFilter, signal?: AbortSignal): Promise<Order[]> {
    const { createTimeGe, createTimeLt, orderStatus } = filter;
    if (!Number.isSafeInteger(createTimeGe) || !Number.isSafeInteger(createTimeLt)) {
      throw new RangeError(`Order search needs whole Unix seconds; got ${createTimeGe} and ${createTimeLt}.`);
    }
    if (createTimeGe >= createTimeLt) {
      throw new RangeError(`Order search range is empty: createTimeGe ${createTimeGe} must be before createTimeLt ${createTimeLt}.`);
    }
    const body = JSON.stringify({
      ...(orderStatus ? { order_status: orderStatus } : {}),
      create_time_ge: createTimeGe,
      create_time_lt: createTimeLt,
    });
    const query = { page_size: String(PAGE_SIZE), sort_field: "create_time", sort_order: "ASC", shop_cipher: auth.shopCipher };
    return this.pages<OrderSearchData, Order>(auth, PATHS.orderSearch, query, body, (d) => d.orders, signal);
  }

  /** Order detail, ≤ 50 ids per call (splits larger lists). */
  async getOrders(auth: ShopAuth, ids: string[], signal?: AbortSignal): Promise<Order[]> {
    const unique = [...new Set(ids)];
    const session = this.session(auth.accessToken);
    const byId = new Map<string, Order>();
    for (let start = 0; start < unique.length; start += ORDER_DETAIL_BATCH) {
      const batch = unique.slice(start, start + ORDER_DETAIL_BATCH);
      const data = await this.call<{ orders?: Order[] }>(
        session,
        { method: "GET", path: PATHS.orderDetail, query: { ids: batch.join(","), shop_cipher: auth.shopCipher } },
        signal,
      );
      for (const order of data.orders ?? []) byId.set(order.id, order);
      this.options.onEvent?.({ type: "page", endpoint: PATHS.orderDetail, count: byId.size });
    }
    return [...byId.values()];
  }

  /** All products (page_size 100), de-duplicated. */
  async searchProducts(auth: ShopAuth, signal?: AbortSignal): Promise<Product[]> {
    const query = { page_size: String(PAGE_SIZE), shop_cipher: auth.shopCipher };
    return this.pages<ProductSearchData, Product>(auth, PATHS.productSearch, query, "{}", (d) => d.products, signal);
  }

  private async pages<D extends { next_page_token?: string; total_count?: number }, T extends { id: string }>(
    auth: ShopAuth,
    path: string,
    baseQuery: Record<string, string>,
    body: string,
    itemsOf: (data: D) => T[] | undefined,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const session = this.session(auth.accessToken);
    // A re-sent item keeps its first position but takes the newer copy (its status may have moved on).
    const byId = new Map<string, T>();
    const seenTokens = new Set<string>();
    let pageToken = "";
    for (;;) {
      const query = pageToken ? { ...baseQuery, page_token: pageToken } : baseQuery;
      const data = await this.call<D>(session, { method: "POST", path, query, body }, signal);
      for (const item of itemsOf(data) ?? []) byId.set(item.id, item);
      this.options.onEvent?.({ type: "page", endpoint: path, count: byId.size, total: data.total_count });
      const next = data.next_page_token ?? "";
      if (!next) return [...byId.values()];
      if (seenTokens.has(next)) {
        throw new TikTokApiError(`TikTok Shop ${path} sent the same page token twice; paging stopped to avoid a loop. Try again later.`, {
          code: 0,
          httpStatus: 200,
          endpoint: path,
        });
      }
      seenTokens.add(next);
      pageToken = next;
    }
  }

  /** One logical request: retried on transient failures, refreshed once on an expired token. */
  private async call<T>(session: Session, request: Omit<TikTokRequest, "accessToken">, signal?: AbortSignal): Promise<T> {
    const endpoint = request.path;
    let attempt = 0;
    let throttled = 0;
    let transient = 0;
    for (;;) {
      if (signal?.aborted) throw new CancelledError();
      attempt++;
      const sent = await this.transport.send({ ...request, accessToken: session.accessToken }).then(
        (response) => ({ response }),
        (error: unknown) => ({ failure: unreachable(endpoint, error) }),
      );
      const outcome: Outcome<T> = "response" in sent ? this.judge<T>(endpoint, sent.response) : sent.failure;
      if (outcome.kind === "ok") return outcome.data;
      if (outcome.kind === "expired") {
        session.accessToken = await this.refresh(session);
        attempt--;
        continue;
      }
      if (attempt >= this.maxAttempts) {
        throw new TikTokApiError(`${outcome.error.message} Gave up after ${attempt} attempts.`, outcome.error, { cause: outcome.error.cause });
      }
      const step = outcome.throttled ? throttled++ : transient++;
      const base = outcome.throttled ? THROTTLE_BASE_MS : TRANSIENT_BASE_MS;
      const waitMs = Math.round(Math.min(MAX_WAIT_MS, base * 2 ** step) * (0.5 + this.random()));
      this.options.onEvent?.({ type: "retry", endpoint, code: outcome.code, attempt, waitMs });
      await this.options.sleep(waitMs);
    }
  }

  private session(accessToken: string): Session {
    return { accessToken: this.replaced.get(accessToken) ?? accessToken, refreshed: false };
  }

  private async refresh(session: Session): Promise<string> {
    if (session.refreshed || !this.options.refreshAccessToken) throw new RelinkNeededError();
    session.refreshed = true;
    this.options.onEvent?.({ type: "refresh" });
    let fresh: string;
    try {
      fresh = await this.options.refreshAccessToken();
    } catch (error) {
      throw new RelinkNeededError(undefined, { cause: error });
    }
    for (const [old, current] of this.replaced) if (current === session.accessToken) this.replaced.set(old, fresh);
    this.replaced.set(session.accessToken, fresh);
    return fresh;
  }

  /** Reads the envelope: data, a reason to retry, or a thrown error. The body decides, not the HTTP status. */
  private judge<T>(endpoint: string, response: TikTokResponse): Outcome<T> {
    const httpStatus = response.status;
    const envelope = parseEnvelope<T>(response.body);
    if (!envelope) {
      const error = new TikTokApiError(
        `TikTok Shop gave an unexpected answer to ${endpoint} (HTTP ${httpStatus}, not a JSON envelope).`,
        { code: 0, httpStatus, endpoint },
      );
      if (httpStatus >= 500 || httpStatus === 429) return { kind: "retry", code: httpStatus, throttled: httpStatus === 429, error };
      throw error;
    }
    const { code, message, request_id: requestId } = envelope;
    if (code === 0) {
      if (envelope.data === null || typeof envelope.data !== "object") {
        throw new TikTokApiError(`TikTok Shop gave an unexpected answer to ${endpoint}: success without data.`, {
          code,
          requestId,
          httpStatus,
          endpoint,
        });
      }
      return { kind: "ok", data: envelope.data };
    }
    const error = new TikTokApiError(
      `TikTok Shop refused ${endpoint} with code ${code}: ${message || "(no message)"}${requestId ? ` (request ${requestId})` : ""}.`,
      { code, requestId, httpStatus, endpoint },
    );
    if (code === CODE_INVALID_TOKEN) throw new RelinkNeededError(undefined, { cause: error });
    if (code === CODE_EXPIRED_TOKEN) return { kind: "expired" };
    if (code === CODE_THROTTLED || httpStatus === 429) return { kind: "retry", code, throttled: true, error };
    if (code === CODE_INTERNAL || code === CODE_TIMEOUT || httpStatus >= 500) return { kind: "retry", code, throttled: false, error };
    throw error;
  }
}

/** The transport itself failed (connection refused or dropped): worth another try. */
function unreachable(endpoint: string, error: unknown): Outcome<never> {
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "retry",
    code: 0,
    throttled: false,
    error: new TikTokApiError(
      `Could not reach TikTok Shop (${endpoint}): ${message}. Check the internet connection and try again.`,
      { code: 0, httpStatus: 0, endpoint },
      { cause: error },
    ),
  };
}

function parseEnvelope<T>(body: string): Envelope<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object" || typeof (value as { code?: unknown }).code !== "number") return undefined;
  const envelope = value as Partial<Envelope<T>>;
  return {
    code: envelope.code as number,
    message: typeof envelope.message === "string" ? envelope.message : "",
    request_id: typeof envelope.request_id === "string" ? envelope.request_id : "",
    data: envelope.data ?? null,
  };
}
