/**
 * The sandbox's demo app: key, secret and service id are derived from the seed when it starts, so no
 * secret is written in the source and every value says "sandbox" on its face. Also the guard that keeps
 * the sandbox away from TikTok's production hosts.
 */
import { createHash, createHmac } from "node:crypto";

export interface SandboxApp {
  appKey: string;
  appSecret: string;
  serviceId: string;
  appName: string;
  /** Key for everything else the sandbox derives (tokens, codes, page tokens, request ids). */
  internalKey: Buffer;
}

function derive(seed: number, purpose: string): Buffer {
  return createHash("sha256").update(`shopbooks-sandbox|${seed}|${purpose}`).digest();
}

export function deriveApp(seed: number): SandboxApp {
  return {
    appKey: `sandbox_${derive(seed, "app-key").toString("hex").slice(0, 10)}`,
    appSecret: `sandbox_secret_${derive(seed, "app-secret").toString("hex").slice(0, 32)}`,
    serviceId: `sandbox-${BigInt("0x" + derive(seed, "service-id").toString("hex").slice(0, 12)).toString().padStart(15, "0").slice(0, 15)}`,
    appName: "ShopBooks",
    internalKey: derive(seed, "internal"),
  };
}

/** Deterministic bytes for `label` (the n-th token, code, …). */
export function derivedBytes(app: SandboxApp, label: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let block = 0; out.length * 32 < length; block++) {
    out.push(createHmac("sha256", app.internalKey).update(`${label}#${block}`).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

/** base64url without padding: the body of tokens, ciphers and auth codes. */
export function derivedToken(app: SandboxApp, prefix: string, label: string, bytes: number): string {
  return prefix + derivedBytes(app, label, bytes).toString("base64url");
}

const PRODUCTION_HOSTS = [
  "tiktokglobalshop.com",
  "tiktok-shops.com",
  "tiktokshop.com",
  "tiktokshops.us",
  "tiktok.com",
];

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class SandboxSafetyError extends Error {
  readonly code = "SANDBOX_UNSAFE";
}

/** A redirect URL the sandbox may send auth codes to: http(s) on this machine only. */
export function checkLoopbackUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SandboxSafetyError(`${what} "${text}" is not a URL; use e.g. http://127.0.0.1:3000/auth/tiktok/callback.`);
  }
  const host = url.hostname.toLowerCase();
  if (PRODUCTION_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) {
    throw new SandboxSafetyError(`${what} points at TikTok's production host ${host}; the sandbox only talks to this machine.`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !LOOPBACK_HOSTS.has(host)) {
    throw new SandboxSafetyError(`${what} must be an http(s) URL on 127.0.0.1 or localhost; got "${text}".`);
  }
  return url.toString();
}
