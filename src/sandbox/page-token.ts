/**
 * Opaque page tokens: the cursor (last sort key) and a fingerprint of the search are sealed with
 * AES-GCM and written in standard base64, so tokens carry "+" and "/" like TikTok's and a client that
 * forgets to percent-encode them breaks here as it would in production. Altered tokens fail to open.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";
import { derivedBytes, type SandboxApp } from "./credentials";

export type CursorKey = [number, string];

export class PageTokens {
  private readonly key: Buffer;

  constructor(app: SandboxApp) {
    this.key = derivedBytes(app, "page-token-key", 32);
  }

  /** A short fingerprint of everything that defines a search; a token only opens for the same search. */
  static fingerprint(search: unknown): string {
    return createHash("sha256").update(JSON.stringify(search)).digest("base64url").slice(0, 12);
  }

  seal(fingerprint: string, cursor: CursorKey): string {
    for (let variant = 0; ; variant++) {
      const plain = Buffer.from(JSON.stringify([fingerprint, cursor[0], cursor[1], variant]), "utf8");
      const iv = createHmac("sha256", this.key).update(plain).digest().subarray(0, 12);
      const cipher = createCipheriv("aes-256-gcm", this.key, iv);
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      const token = sealed.toString("base64");
      // Deterministic retries until the token shows both characters that need percent-encoding.
      if ((token.includes("+") && token.includes("/")) || variant >= 4096) return token;
    }
  }

  open(fingerprint: string, token: string): CursorKey | undefined {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) return undefined;
    const sealed = Buffer.from(token, "base64");
    if (sealed.length < 12 + 16 + 1) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      const value: unknown = JSON.parse(plain.toString("utf8"));
      if (!Array.isArray(value) || value[0] !== fingerprint || typeof value[1] !== "number" || typeof value[2] !== "string") {
        return undefined;
      }
      return [value[1], value[2]];
    } catch {
      return undefined;
    }
  }
}
