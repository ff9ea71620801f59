/**
 * A client-side throttle: at most `perSecond` requests in any one-second window per key (per API and
 * shop, as TikTok counts), so a fast client waits a little instead of being refused with 36009002.
 */
export interface ThrottleOptions {
  /** Milliseconds on any steady clock. */
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Default 40: TikTok allows 50 per second per API and shop; the rest is margin for clock skew. */
  perSecond?: number;
}

export const CLIENT_REQUESTS_PER_SECOND = 40;

export class RequestThrottle {
  private readonly recent = new Map<string, number[]>();
  private readonly perSecond: number;

  constructor(private readonly options: ThrottleOptions) {
    this.perSecond = Math.max(1, options.perSecond ?? CLIENT_REQUESTS_PER_SECOND);
  }

  /** Waits until one more request under `key` stays within the limit, and counts it. Returns the time waited. */
  async acquire(key: string): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.options.nowMs();
      const kept = (this.recent.get(key) ?? []).filter((t) => t > now - 1000);
      if (kept.length < this.perSecond) {
        kept.push(now);
        this.recent.set(key, kept);
        return waited;
      }
      this.recent.set(key, kept);
      const wait = Math.max(1, kept[0] + 1000 - now);
      waited += wait;
      await this.options.sleep(wait);
    }
  }
}

/** The throttle key of a request: the API (ids in the path folded away) and the shop. */
export function throttleKey(path: string, shopCipher: string | undefined): string {
  return `${shopCipher ?? "-"}|${apiOf(path)}`;
}

/** "/finance/202501/statements/7123…/statement_transactions" → "/finance/202501/statements/{id}/statement_transactions". */
export function apiOf(path: string): string {
  // Segment 2 is the version (202309); later all-digit segments are resource ids.
  return path
    .split("/")
    .map((segment, i) => (i > 2 && /^\d+$/.test(segment) ? "{id}" : segment))
    .join("/");
}
