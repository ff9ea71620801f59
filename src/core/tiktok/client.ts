/**
 * The TikTok Shop API as ShopBooks uses it: authorized shops, orders, products, finance statements and
 * their transactions, returns and cancellations. Pure: it talks through a Transport, waits through an
 * injected sleep, and recovers from what TikTok documents as transient (throttling, timeouts, internal
 * errors, 5xx, dropped connections) and from an expired token.
 */
import type { TikTokRequest, TikTokResponse, Transport } from "./transport";
import type {
  AuthorizedShop,
  Cancellation,
  CancellationSearchData,
  Envelope,
  Order,
  OrderSearchData,
  OrderStatementTransactionsData,
  OrderStatus,
  Product,
  ProductSearchData,
  ReturnOrder,
  ReturnSearchData,
  Statement,
  StatementSearchData,
  StatementTransaction,
  StatementTransactionsData,
} from "./types";
import { CancelledError, RelinkNeededError, TikTokApiError } from "./errors";
import { RequestThrottle, throttleKey } from "./throttle";

export { CancelledError, RelinkNeededError, TikTokApiError, RELINK_MESSAGE } from "./errors";

export type ClientEvent =
  /** count = distinct items received so far in this call; total = TikTok's total_count when given. */
  | { type: "page"; endpoint: string; count: number; total?: number }
  /** A long order search works in windows of whole days: `done` of `windows` are complete (a resume point). */
  | { type: "window"; endpoint: string; done: number; windows: number; createTimeLt: number }
  /** code = TikTok's code, else the HTTP status, else 0 for a transport failure. */
  | { type: "retry"; endpoint: string; code: number; attempt: number; waitMs: number }
  | { type: "refresh" }
  /** The client-side throttle held a request back to stay under TikTok's rate limit. */
  | { type: "throttle"; endpoint: string; waitMs: number }
  /** A product search over 10,000 results is narrowed to create_time windows. */
  | { type: "split"; endpoint: string; createTimeGe: number; createTimeLe: number };

export interface ClientOptions {
  sleep: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); default () => 0.5. */
  random?: () => number;
  /** Attempts per request, including the first; default 6. */
  maxAttempts?: number;
  /** Called when the API answers 105002 (expired token); returns a fresh access token or throws RelinkNeededError. */
  refreshAccessToken?: () => Promise<string>;
  onEvent?: (e: ClientEvent) => void;
  /** Milliseconds on a steady clock. With it the client throttles itself below TikTok's rate limit. */
  nowMs?: () => number;
  /** Client-side limit per API and shop; default 40 (TikTok's is 50). */
  maxRequestsPerSecond?: number;
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
  /** Only orders updated at or after this (Unix s). */
  updateTimeGe?: number;
}

/**
 * Awaited as a search's range fills in, oldest first: by then every order created before `completeBefore`
 * has been handed over (in `orders`, or in an earlier call). Saving them there lets a search cut short
 * resume from `completeBefore` instead of starting over.
 */
export type OrdersArrived = (orders: Order[], completeBefore: number) => Promise<void>;

export interface TimeRange {
  /** Unix seconds, inclusive. */
  ge?: number;
  /** Unix seconds, exclusive. */
  lt?: number;
}

export const PATHS = {
  authorizedShops: "/authorization/202309/shops",
  orderSearch: "/order/202309/orders/search",
  orderDetail: "/order/202309/orders",
  productSearch: "/product/202309/products/search",
  statements: "/finance/202309/statements",
  statementTransactions: (statementId: string) => `/finance/202501/statements/${statementId}/statement_transactions`,
  orderStatementTransactions: (orderId: string) => `/finance/202501/orders/${orderId}/statement_transactions`,
  returnSearch: "/return_refund/202309/returns/search",
  cancellationSearch: "/return_refund/202309/cancellations/search",
} as const;

export const PAGE_SIZE = 100;
export const ORDER_DETAIL_BATCH = 50;
/** Returns and cancellations search take at most 50 per page. */
export const AFTER_SALES_PAGE_SIZE = 50;
/** A range of more than one page continues in windows of whole days (resume points)… */
export const ORDER_WINDOW_SECONDS = 86400;
/** …each sized to hold about this many orders, judging by the first page. */
export const ORDERS_PER_WINDOW = 1000;

const CODE_EXPIRED_TOKEN = 105002;
const CODE_INVALID_TOKEN = 105001;
const CODE_THROTTLED = 36009002;
const CODE_INTERNAL = 36009003;
const CODE_TIMEOUT = 36009007;
const CODE_TOO_MANY_PRODUCTS = 12052180;

const THROTTLE_BASE_MS = 1000;
const TRANSIENT_BASE_MS = 500;
const MAX_WAIT_MS = 30_000;
/** Product create_time bounds when no range is known: the epoch to 2100-01-01. */
const PRODUCT_TIME_MAX = 4_102_444_800;

/** The access token of one public call: a refresh replaces it for the rest of that call. */
interface Session {
  accessToken: string;
  refreshed: boolean;
}

type Outcome<T> =
  | { kind: "ok"; data: T }
  | { kind: "expired" }
  | { kind: "retry"; code: number; throttled: boolean; error: TikTokApiError };

interface PagedData {
  next_page_token?: string;
  total_count?: number;
}

export class TikTokClient {
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly throttle?: RequestThrottle;
  /** Tokens this client has refreshed: a later call that still holds the old one uses the new one. */
  private readonly replaced = new Map<string, string>();

  constructor(
    private readonly transport: Transport,
    private readonly options: ClientOptions,
  ) {
    this.random = options.random ?? (() => 0.5);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    if (options.nowMs) {
      this.throttle = new RequestThrottle({ nowMs: options.nowMs, sleep: options.sleep, perSecond: options.maxRequestsPerSecond });
    }
  }

  async getAuthorizedShops(accessToken: string, signal?: AbortSignal): Promise<AuthorizedShop[]> {
    const session = this.session(accessToken);
    const data = await this.call<{ shops?: AuthorizedShop[] }>(session, { method: "GET", path: PATHS.authorizedShops, query: {} }, signal);
    return data.shops ?? [];
  }

  /**
   * Every order created in [createTimeGe, createTimeLt) (Unix s), de-duplicated by id, sorted by creation.
   * There is no "range too large": one page covers a small range; a bigger one continues from where the
   * first page stopped in windows of whole days, reporting each finished window.
   */
  async searchOrders(auth: ShopAuth, filter: OrderSearchFilter, signal?: AbortSignal, onOrders?: OrdersArrived): Promise<Order[]> {
    const { createTimeGe, createTimeLt, orderStatus, updateTimeGe } = filter;
    if (!Number.isSafeInteger(createTimeGe) || !Number.isSafeInteger(createTimeLt)) {
      throw new RangeError(`Order search needs whole Unix seconds; got ${createTimeGe} and ${createTimeLt}.`);
    }
    if (createTimeGe >= createTimeLt) {
      throw new RangeError(`Order search range is empty: createTimeGe ${createTimeGe} must be before createTimeLt ${createTimeLt}.`);
    }
    const session = this.session(auth.accessToken);
    const byId = new Map<string, Order>();
    // A Map keeps insertion order and an order seen again keeps its place: the new ones are the last.
    let handedOver = 0;
    const handOver = async (completeBefore: number) => {
      if (!onOrders) return;
      const fresh = [...byId.values()].slice(handedOver);
      handedOver = byId.size;
      await onOrders(fresh, completeBefore);
    };
    const query = { page_size: String(PAGE_SIZE), sort_field: "create_time", sort_order: "ASC", shop_cipher: auth.shopCipher };
    const bodyFor = (ge: number, lt: number) =>
      JSON.stringify({
        ...(orderStatus ? { order_status: orderStatus } : {}),
        create_time_ge: ge,
        create_time_lt: lt,
        ...(updateTimeGe !== undefined ? { update_time_ge: updateTimeGe } : {}),
      });
    const endpoint = PATHS.orderSearch;

    if (createTimeLt - createTimeGe <= ORDER_WINDOW_SECONDS) {
      await this.pages<OrderSearchData, Order>(session, endpoint, "POST", query, bodyFor(createTimeGe, createTimeLt), (d) => d.orders, byId, signal);
      await handOver(createTimeLt);
      return sortedOrders(byId);
    }
    const first = await this.call<OrderSearchData>(session, { method: "POST", path: endpoint, query, body: bodyFor(createTimeGe, createTimeLt) }, signal);
    for (const order of first.orders ?? []) byId.set(order.id, order);
    const total = first.total_count;
    this.emit({ type: "page", endpoint, count: byId.size, total });
    if (!first.next_page_token) {
      await handOver(createTimeLt);
      return sortedOrders(byId);
    }

    // Continue from the last order seen (that second again: ids de-duplicate) in windows of whole days,
    // sized from the first page to hold about ORDERS_PER_WINDOW orders: resume points without many calls.
    const firstOrders = first.orders ?? [];
    const resumeAt = Math.max(createTimeGe, ...firstOrders.map((o) => o.create_time));
    await handOver(resumeAt);
    const perDay = (firstOrders.length * ORDER_WINDOW_SECONDS) / Math.max(1, resumeAt - createTimeGe);
    const windowSeconds = ORDER_WINDOW_SECONDS * Math.max(1, Math.floor(ORDERS_PER_WINDOW / Math.max(1, perDay)));
    const windows: [number, number][] = [];
    const firstWindowEnd = createTimeGe + (Math.floor((resumeAt - createTimeGe) / windowSeconds) + 1) * windowSeconds;
    for (let ge = resumeAt, lt = Math.min(firstWindowEnd, createTimeLt); ge < createTimeLt; ge = lt, lt = Math.min(lt + windowSeconds, createTimeLt)) {
      windows.push([ge, lt]);
    }
    for (const [index, [ge, lt]] of windows.entries()) {
      await this.pages<OrderSearchData, Order>(session, endpoint, "POST", query, bodyFor(ge, lt), (d) => d.orders, byId, signal, total);
      await handOver(lt);
      this.emit({ type: "window", endpoint, done: index + 1, windows: windows.length, createTimeLt: lt });
    }
    return sortedOrders(byId);
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
      this.emit({ type: "page", endpoint: PATHS.orderDetail, count: byId.size, total: unique.length });
    }
    return [...byId.values()];
  }

  /**
   * All products (page_size 100), de-duplicated. TikTok refuses a search of more than 10,000 results
   * (12052180): the client then halves the create_time range until every part fits.
   */
  async searchProducts(auth: ShopAuth, signal?: AbortSignal): Promise<Product[]> {
    const session = this.session(auth.accessToken);
    const byId = new Map<string, Product>();
    const query = { page_size: String(PAGE_SIZE), shop_cipher: auth.shopCipher };
    const search = async (range?: { ge: number; le: number }): Promise<void> => {
      const body = range ? JSON.stringify({ create_time_ge: range.ge, create_time_le: range.le }) : "{}";
      try {
        await this.pages<ProductSearchData, Product>(session, PATHS.productSearch, "POST", query, body, (d) => d.products, byId, signal);
      } catch (error) {
        if (!(error instanceof TikTokApiError) || error.code !== CODE_TOO_MANY_PRODUCTS) throw error;
        const { ge, le } = range ?? { ge: 0, le: PRODUCT_TIME_MAX };
        if (ge >= le) {
          throw new TikTokApiError(
            `TikTok Shop has more than 10,000 products created in the same second (${ge}); they cannot be listed one search at a time.`,
            { code: error.code, requestId: error.requestId, httpStatus: error.httpStatus, endpoint: error.endpoint },
            { cause: error },
          );
        }
        const mid = ge + Math.floor((le - ge) / 2);
        this.emit({ type: "split", endpoint: PATHS.productSearch, createTimeGe: ge, createTimeLe: le });
        await search({ ge, le: mid });
        await search({ ge: mid + 1, le });
      }
    };
    await search();
    return [...byId.values()];
  }

  /** Daily statements with statement_time in [ge, lt) (Unix s), oldest first. */
  async getStatements(auth: ShopAuth, range: TimeRange = {}, signal?: AbortSignal): Promise<Statement[]> {
    const query: Record<string, string> = {
      sort_field: "statement_time",
      sort_order: "ASC",
      page_size: String(PAGE_SIZE),
      shop_cipher: auth.shopCipher,
      ...(range.ge !== undefined ? { statement_time_ge: String(range.ge) } : {}),
      ...(range.lt !== undefined ? { statement_time_lt: String(range.lt) } : {}),
    };
    const byId = new Map<string, Statement>();
    await this.pages<StatementSearchData, Statement>(this.session(auth.accessToken), PATHS.statements, "GET", query, undefined, (d) => d.statements, byId, signal);
    return [...byId.values()];
  }

  /** Every transaction of one statement (orders, refunds, adjustments), version 202501. */
  async getStatementTransactions(auth: ShopAuth, statementId: string, signal?: AbortSignal): Promise<StatementTransaction[]> {
    const path = PATHS.statementTransactions(digitsId("statement", statementId));
    const query = { sort_field: "order_create_time", sort_order: "ASC", page_size: String(PAGE_SIZE), shop_cipher: auth.shopCipher };
    const byId = new Map<string, StatementTransaction>();
    await this.pages<StatementTransactionsData, StatementTransaction>(this.session(auth.accessToken), path, "GET", query, undefined, (d) => d.transactions, byId, signal);
    return [...byId.values()];
  }

  /** One order's settlements per SKU and statement, version 202501. */
  async getOrderStatementTransactions(auth: ShopAuth, orderId: string, signal?: AbortSignal): Promise<OrderStatementTransactionsData> {
    const path = PATHS.orderStatementTransactions(digitsId("order", orderId));
    return this.call<OrderStatementTransactionsData>(this.session(auth.accessToken), { method: "GET", path, query: { shop_cipher: auth.shopCipher } }, signal);
  }

  /** Return and refund requests created in [ge, lt) (Unix s), or of the given orders. */
  async searchReturns(auth: ShopAuth, filter: TimeRange & { orderIds?: string[] } = {}, signal?: AbortSignal): Promise<ReturnOrder[]> {
    const body = JSON.stringify({
      ...(filter.orderIds ? { order_ids: filter.orderIds } : {}),
      ...(filter.ge !== undefined ? { create_time_ge: filter.ge } : {}),
      ...(filter.lt !== undefined ? { create_time_lt: filter.lt } : {}),
    });
    const query = { page_size: String(AFTER_SALES_PAGE_SIZE), sort_field: "create_time", sort_order: "ASC", shop_cipher: auth.shopCipher };
    const byId = new Map<string, ReturnOrder & { id: string }>();
    await this.pages<ReturnSearchData, ReturnOrder & { id: string }>(
      this.session(auth.accessToken),
      PATHS.returnSearch,
      "POST",
      query,
      body,
      (d) => d.return_orders?.map((r) => ({ ...r, id: r.return_id })),
      byId,
      signal,
    );
    return [...byId.values()].map(({ id: _id, ...r }) => r);
  }

  /** Cancellations created in [ge, lt) (Unix s), or of the given orders. */
  async searchCancellations(auth: ShopAuth, filter: TimeRange & { orderIds?: string[] } = {}, signal?: AbortSignal): Promise<Cancellation[]> {
    const body = JSON.stringify({
      ...(filter.orderIds ? { order_ids: filter.orderIds } : {}),
      ...(filter.ge !== undefined ? { create_time_ge: filter.ge } : {}),
      ...(filter.lt !== undefined ? { create_time_lt: filter.lt } : {}),
    });
    const query = { page_size: String(AFTER_SALES_PAGE_SIZE), sort_field: "create_time", sort_order: "ASC", shop_cipher: auth.shopCipher };
    const byId = new Map<string, Cancellation & { id: string }>();
    await this.pages<CancellationSearchData, Cancellation & { id: string }>(
      this.session(auth.accessToken),
      PATHS.cancellationSearch,
      "POST",
      query,
      body,
      (d) => d.cancellations?.map((c) => ({ ...c, id: c.cancel_id })),
      byId,
      signal,
    );
    return [...byId.values()].map(({ id: _id, ...c }) => c);
  }

  /** Follows next_page_token to the end, adding items to `byId` (a re-sent item takes the newer copy). */
  private async pages<D extends PagedData, T extends { id: string }>(
    session: Session,
    path: string,
    method: "GET" | "POST",
    baseQuery: Record<string, string>,
    body: string | undefined,
    itemsOf: (data: D) => T[] | undefined,
    byId: Map<string, T>,
    signal?: AbortSignal,
    knownTotal?: number,
  ): Promise<void> {
    const seenTokens = new Set<string>();
    let pageToken = "";
    for (;;) {
      const query = pageToken ? { ...baseQuery, page_token: pageToken } : baseQuery;
      const data = await this.call<D>(session, { method, path, query, ...(body !== undefined ? { body } : {}) }, signal);
      for (const item of itemsOf(data) ?? []) byId.set(item.id, item);
      this.emit({ type: "page", endpoint: path, count: byId.size, total: knownTotal ?? data.total_count });
      const next = data.next_page_token ?? "";
      if (!next) return;
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

  /** One logical request: throttled, retried on transient failures, refreshed once on an expired token. */
  private async call<T>(session: Session, request: Omit<TikTokRequest, "accessToken" | "signal">, signal?: AbortSignal): Promise<T> {
    const endpoint = request.path;
    let attempt = 0;
    let throttled = 0;
    let transient = 0;
    for (;;) {
      if (signal?.aborted) throw new CancelledError();
      if (this.throttle) {
        const waitMs = await this.throttle.acquire(throttleKey(endpoint, request.query.shop_cipher));
        if (waitMs > 0) this.emit({ type: "throttle", endpoint, waitMs });
        if (signal?.aborted) throw new CancelledError();
      }
      attempt++;
      const sent = await this.transport.send({ ...request, accessToken: session.accessToken, ...(signal ? { signal } : {}) }).then(
        (response) => ({ response }),
        (error: unknown) => ({ failure: unreachable(endpoint, error) }),
      );
      // An abort surfaces as a failed fetch: it is the caller's choice, not a reason to retry.
      if (signal?.aborted) throw new CancelledError();
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
      this.emit({ type: "retry", endpoint, code: outcome.code, attempt, waitMs });
      await this.options.sleep(waitMs);
    }
  }

  private emit(event: ClientEvent): void {
    this.options.onEvent?.(event);
  }

  private session(accessToken: string): Session {
    return { accessToken: this.replaced.get(accessToken) ?? accessToken, refreshed: false };
  }

  private async refresh(session: Session): Promise<string> {
    if (session.refreshed || !this.options.refreshAccessToken) throw new RelinkNeededError();
    session.refreshed = true;
    this.emit({ type: "refresh" });
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

function sortedOrders(byId: Map<string, Order>): Order[] {
  return [...byId.values()].sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Ids go into the path: only digits, so nothing else can. */
function digitsId(what: string, id: string): string {
  if (!/^\d{1,25}$/.test(id)) throw new RangeError(`A TikTok ${what} id is a string of digits; got "${id}".`);
  return id;
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
