/**
 * The whole ledger as one JSON file: every store's records, the schema version and a SHA-256 checksum
 * over a canonical form (object keys sorted), so the same books always give the same file and a file
 * changed by hand or cut short is recognised before anything is replaced.
 */
import { assertBalanced } from "../core/posting/journal";
import type { JournalEntry } from "../core/posting/types";
import { LedgerInputError } from "./errors";
import { LEDGER_STORES } from "./schema";

export const BACKUP_FORMAT = "shopbooks-ledger-backup";

/** Stores a backup holds: everything but the schema record, which the restoring ledger writes itself. */
export const BACKUP_STORES = LEDGER_STORES.filter((s) => s !== "meta");
export type BackupStore = (typeof BACKUP_STORES)[number];

export interface LedgerBackup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  checksum: string;
  stores: Partial<Record<BackupStore, unknown[]>>;
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new Error(
      "This browser cannot compute checksums (no Web Crypto), so the ledger cannot be backed up here.",
    );
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function checksumInput(schemaVersion: number, stores: LedgerBackup["stores"]): string {
  return canonicalJson({ schemaVersion, stores });
}

/** The file's text: one record per line, so it can be read and compared by eye. */
export async function writeBackup(
  schemaVersion: number,
  exportedAt: string,
  stores: Record<BackupStore, unknown[]>,
): Promise<string> {
  const checksum = await sha256Hex(checksumInput(schemaVersion, stores));
  const head = `{"format":${JSON.stringify(BACKUP_FORMAT)},"schemaVersion":${schemaVersion},"exportedAt":${JSON.stringify(exportedAt)},"checksum":"${checksum}","stores":{`;
  const body = BACKUP_STORES.map((name) => {
    const records = stores[name] ?? [];
    const lines = records.map((r) => canonicalJson(r));
    return `\n${JSON.stringify(name)}:[${lines.length ? `\n${lines.join(",\n")}` : ""}]`;
  }).join(",");
  return `${head}${body}\n}}\n`;
}

function corrupt(detail: string): LedgerInputError {
  return new LedgerInputError(
    "BACKUP_CORRUPT",
    `This backup file is damaged or was changed (${detail}); the ledger was not touched. Pick another backup file.`,
  );
}

/** Parses and checks a backup; throws a LedgerInputError that says what is wrong. Nothing is written. */
export async function readBackup(text: string, currentSchema: number): Promise<LedgerBackup> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LedgerInputError(
      "NOT_A_BACKUP",
      "This file is not a ShopBooks backup (it is not JSON, or it was cut short); the ledger was not touched.",
    );
  }
  const backup = parsed as Partial<LedgerBackup> | null;
  if (!backup || typeof backup !== "object" || backup.format !== BACKUP_FORMAT)
    throw new LedgerInputError(
      "NOT_A_BACKUP",
      "This file is not a ShopBooks backup: pick a file made with Back up on the Books tab.",
    );
  if (!Number.isSafeInteger(backup.schemaVersion) || (backup.schemaVersion as number) < 1)
    throw corrupt("its schema version is missing");
  if ((backup.schemaVersion as number) > currentSchema)
    throw new LedgerInputError(
      "BACKUP_TOO_NEW",
      `This backup was made by a newer ShopBooks (schema ${backup.schemaVersion}; this one knows ${currentSchema}): update ShopBooks to restore it. The ledger was not touched.`,
    );
  if (
    typeof backup.checksum !== "string" ||
    !backup.stores ||
    typeof backup.stores !== "object" ||
    Array.isArray(backup.stores)
  )
    throw corrupt("its checksum or records are missing");
  for (const [name, records] of Object.entries(backup.stores)) {
    if (!(BACKUP_STORES as readonly string[]).includes(name))
      throw corrupt(`it has an unknown part "${name}"`);
    if (!Array.isArray(records) || records.some((r) => !r || typeof r !== "object" || Array.isArray(r)))
      throw corrupt(`its "${name}" part is not a list of records`);
  }
  const expected = await sha256Hex(checksumInput(backup.schemaVersion as number, backup.stores));
  if (expected !== backup.checksum) throw corrupt("its checksum does not match its contents");
  for (const entry of (backup.stores.journal ?? []) as JournalEntry[]) {
    try {
      assertBalanced(entry);
    } catch {
      throw corrupt(`journal ${entry.docNo} does not balance`);
    }
  }
  return backup as LedgerBackup;
}
