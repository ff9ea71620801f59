/** TikTok's default limit: 50 requests per second per API, counted per (app, shop), on a sliding window. */
export const REQUESTS_PER_SECOND = 50;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly limit = REQUESTS_PER_SECOND) {}

  /** Records the request and says whether it is within the limit (refused requests are not counted). */
  allow(key: string, now: number): boolean {
    const kept = (this.recent.get(key) ?? []).filter((t) => t > now - 1);
    if (kept.length >= this.limit) {
      this.recent.set(key, kept);
      return false;
    }
    kept.push(now);
    this.recent.set(key, kept);
    return true;
  }
}
