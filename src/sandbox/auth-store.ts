/**
 * Authorization state: single-use auth codes (30 minutes), access tokens (7 days) and refresh tokens
 * (365 days from the authorization). Refreshing revokes the refresh token used and issues a new one;
 * earlier access tokens keep working until they expire.
 */
import type { TokenBundle } from "../core/tiktok/types";
import type { SandboxClock } from "./clock";
import { derivedToken, type SandboxApp } from "./credentials";
import type { ShopData } from "./data/world";
import { errors } from "./http/api-error";

export const AUTH_CODE_SECONDS = 30 * 60;
export const ACCESS_TOKEN_SECONDS = 7 * 86400;
export const REFRESH_TOKEN_SECONDS = 365 * 86400;

export const GRANTED_SCOPES = [
  "seller.authorization.info",
  "seller.shop.info",
  "seller.order.info",
  "seller.product.basic",
  "seller.finance.info",
  "seller.return_refund.basic",
];

export interface Grant {
  shops: ShopData[];
  /** The seller who logged in (owner of shops[0]). */
  seller: ShopData["shop"]["seller"];
  scopes: string[];
  refreshExpiresAt: number;
}

interface AuthCode {
  grant: Grant;
  expiresAt: number;
  used: boolean;
}

interface IssuedToken {
  grant: Grant;
  expiresAt: number;
  revoked: boolean;
}

export class AuthStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  private issued = 0;

  constructor(
    private readonly app: SandboxApp,
    private readonly clock: SandboxClock,
  ) {}

  issueCode(shopData: ShopData): string {
    const now = this.clock.now();
    const code = derivedToken(this.app, "ROW_", `auth-code:${++this.issued}`, 24);
    const grant: Grant = {
      shops: [shopData],
      seller: shopData.shop.seller,
      scopes: [...GRANTED_SCOPES],
      refreshExpiresAt: now + REFRESH_TOKEN_SECONDS,
    };
    this.codes.set(code, { grant, expiresAt: now + AUTH_CODE_SECONDS, used: false });
    return code;
  }

  exchangeCode(code: string): TokenBundle {
    const record = this.codes.get(code);
    if (!record || record.used || this.clock.now() >= record.expiresAt) throw errors.authRecordNotFound();
    record.used = true;
    return this.issueTokens(record.grant);
  }

  refresh(refreshToken: string): TokenBundle {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.revoked) throw errors.authRecordNotFound();
    if (this.clock.now() >= record.expiresAt) throw errors.refreshTokenExpired();
    record.revoked = true;
    return this.issueTokens(record.grant);
  }

  /** The grant behind an access token, or the TikTok error for a missing, unknown or expired one. */
  grantFor(accessToken: string | undefined): Grant {
    if (!accessToken) throw errors.missingToken();
    const record = this.accessTokens.get(accessToken);
    if (!record || record.revoked) throw errors.unknownToken();
    if (this.clock.now() >= record.expiresAt) throw errors.expiredToken();
    return record.grant;
  }

  /** Makes an access token expire now, as if its 7 days had passed. */
  expireNow(accessToken: string): void {
    const record = this.accessTokens.get(accessToken);
    if (record) record.expiresAt = Math.min(record.expiresAt, this.clock.now());
  }

  /** Revokes an access token, as when the seller deauthorizes the app (later calls → 105001). */
  revoke(accessToken: string): void {
    const record = this.accessTokens.get(accessToken);
    if (record) record.revoked = true;
  }

  private issueTokens(grant: Grant): TokenBundle {
    const now = this.clock.now();
    const n = ++this.issued;
    const access = derivedToken(this.app, "ROW_", `access-token:${n}`, 48);
    const refresh = derivedToken(this.app, "ROW_", `refresh-token:${n}`, 48);
    const accessExpiresAt = Math.min(now + ACCESS_TOKEN_SECONDS, grant.refreshExpiresAt);
    this.accessTokens.set(access, { grant, expiresAt: accessExpiresAt, revoked: false });
    this.refreshTokens.set(refresh, { grant, expiresAt: grant.refreshExpiresAt, revoked: false });
    return {
      access_token: access,
      access_token_expire_in: accessExpiresAt,
      refresh_token: refresh,
      refresh_token_expire_in: grant.refreshExpiresAt,
      open_id: grant.seller.openId,
      seller_name: grant.seller.sellerName,
      seller_base_region: "MY",
      user_type: 0,
      granted_scopes: [...grant.scopes],
    };
  }
}
