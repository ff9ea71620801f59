/**
 * The TikTok app the link service signs for, read from the environment. No key and no secret means
 * "no real app": the caller then starts the embedded sandbox instead.
 */
export interface LinkConfig {
  appKey: string;
  appSecret: string;
  /** API host, e.g. https://open-api.tiktokglobalshop.com */
  apiBase: string;
  /** Token host, e.g. https://auth.tiktok-shops.com */
  authBase: string;
  /** The app's authorization link from Partner Center, with its ?service_id=… */
  authorizeUrl: string;
}

export const DEFAULT_API_BASE = "https://open-api.tiktokglobalshop.com";
export const DEFAULT_AUTH_BASE = "https://auth.tiktok-shops.com";

export class LinkConfigError extends Error {
  readonly code = "LINK_CONFIG";
}

export function readLinkConfig(env: NodeJS.ProcessEnv = process.env): LinkConfig | null {
  const appKey = env.TIKTOK_APP_KEY?.trim() ?? "";
  const appSecret = env.TIKTOK_APP_SECRET?.trim() ?? "";
  if (!appKey && !appSecret) return null;
  if (!appKey || !appSecret) {
    const missing = appKey ? "TIKTOK_APP_SECRET" : "TIKTOK_APP_KEY";
    throw new LinkConfigError(
      `${missing} is not set but ${appKey ? "TIKTOK_APP_KEY" : "TIKTOK_APP_SECRET"} is: set both (from Partner Center → App details) to use a real TikTok app, or neither to use the sandbox.`,
    );
  }
  const authorizeUrl = env.TIKTOK_AUTHORIZE_URL?.trim() ?? "";
  if (!authorizeUrl) {
    throw new LinkConfigError(
      "TIKTOK_AUTHORIZE_URL is not set: copy the app's authorization link from Partner Center (e.g. https://services.tiktokshop.com/open/authorize?service_id=…).",
    );
  }
  return {
    appKey,
    appSecret,
    apiBase: baseUrl("TIKTOK_API_BASE", env.TIKTOK_API_BASE?.trim() || DEFAULT_API_BASE),
    authBase: baseUrl("TIKTOK_AUTH_BASE", env.TIKTOK_AUTH_BASE?.trim() || DEFAULT_AUTH_BASE),
    authorizeUrl: checkedUrl("TIKTOK_AUTHORIZE_URL", authorizeUrl).toString(),
  };
}

function checkedUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LinkConfigError(`${name} is not a URL ("${value}"): give a full address such as https://host/path.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LinkConfigError(`${name} must start with https:// (got "${value}").`);
  }
  return url;
}

/** Origin plus optional path prefix, without a trailing slash. */
function baseUrl(name: string, value: string): string {
  const url = checkedUrl(name, value);
  if (url.search || url.hash) throw new LinkConfigError(`${name} must not have a query or fragment (got "${value}").`);
  return url.toString().replace(/\/+$/, "");
}
