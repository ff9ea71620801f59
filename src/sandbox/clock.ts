/** The sandbox's clock: a time source (real or fixed) plus an offset that tests move forward. */
export class SandboxClock {
  private offset = 0;

  constructor(private readonly source: () => number = () => Date.now() / 1000) {}

  /** Epoch seconds with a fraction, for the rate limiter's 1-second window. */
  precise(): number {
    return this.source() + this.offset;
  }

  /** Whole epoch seconds, as TikTok's timestamps are. */
  now(): number {
    return Math.floor(this.precise());
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError(`Advance the sandbox clock by a number of seconds; got ${seconds}.`);
    this.offset += seconds;
  }
}
