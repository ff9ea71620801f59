/** Failures of a TikTok Shop API call, as the client reports them after its own retries. */

export const RELINK_MESSAGE = "The TikTok Shop link has expired or was revoked. Relink the store on the Link tab.";

/** TikTok answered with a non-zero code we cannot recover from, or with something that is not an envelope. */
export class TikTokApiError extends Error {
  override readonly name = "TikTokApiError";
  /** TikTok's code; 0 when the request never got an envelope back (network failure, non-JSON answer). */
  readonly code: number;
  readonly requestId: string;
  /** 0 when no HTTP answer arrived at all. */
  readonly httpStatus: number;
  readonly endpoint: string;

  constructor(message: string, details: { code: number; requestId?: string; httpStatus: number; endpoint: string }, options?: { cause?: unknown }) {
    super(message, options);
    this.code = details.code;
    this.requestId = details.requestId ?? "";
    this.httpStatus = details.httpStatus;
    this.endpoint = details.endpoint;
  }
}

/** The access token is invalid or revoked (105001), or refreshing it failed: the seller must link again. */
export class RelinkNeededError extends Error {
  override readonly name = "RelinkNeededError";
  readonly code = "RELINK_NEEDED";

  constructor(message: string = RELINK_MESSAGE, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The caller aborted; what was fetched before is simply not returned. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  readonly code = "CANCELLED";

  constructor(message = "Cancelled.") {
    super(message);
  }
}
