import { createHmac, timingSafeEqual } from "node:crypto";
import type { HmacSha256Hex } from "../core/tiktok/sign";

export const hmacSha256Hex: HmacSha256Hex = (key, message) =>
  createHmac("sha256", key).update(message, "utf8").digest("hex");

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
