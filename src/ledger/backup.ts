/**
 * The whole ledger as one JSON file: every store's records, the schema version and a SHA-256 checksum
 * over a canonical form (object keys sorted), so the same books always give the same file and a file
 * changed by hand or cut short is recognised before anything is replaced. Backing up reads every store
 * in one transaction; restoring replaces them all in one.
 */
import type { IDBPTransaction } from "idb";
import { assertBalanced } from "../core/posting/journal";
import type { JournalEntry } from "../core/posting/types";
import { DEFAULT_LOCATIONS, DEFAULT_SETTINGS } from "./defaults";
import { isDomError, LedgerInputError } from "./errors";
import { SCHEMA_VERSION } from "./migrations";
import { bare, settled } from "./requests";
import { LEDGER_STORES, splitOrderMarks, type LedgerDb, type LedgerSchema } from "./schema";
import type { FetchedOrder, LinkedStore, OrderMark } from "./types";

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

export interface RestoreSummary {
  schemaVersion: number;
  exportedAt: string;
  /** Records restored per store. */
  records: Record<string, number>;
  /** Stores of the backup not linked in this ledger: a backup holds no tokens, so they need Relink. */
  relinkNeeded: string[];
  /** Stores linked in this ledger that the backup does not have: gone with the rest of the old books. */
  removedStores: string[];
}

type RestoreTransaction = IDBPTransaction<LedgerSchema, BackupStore[], "readwrite">;

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

/** The whole ledger as the text of one JSON file, read in one transaction. */
export async function ledgerBackup(db: LedgerDb, exportedAt: string): Promise<string> {
  const tx = db.transaction([...BACKUP_STORES]);
  const stores = {} as Record<BackupStore, unknown[]>;
  const read = await Promise.all(BACKUP_STORES.map((name) => tx.objectStore(name).getAll()));
  for (const [i, name] of BACKUP_STORES.entries()) stores[name] = read[i];
  await tx.done;
  stores.linkedStores = (stores.linkedStores as LinkedStore[]).map(withoutTokens);
  return writeBackup(SCHEMA_VERSION, exportedAt, stores);
}

/**
 * Replaces the whole ledger with a backup, all or nothing, in the one transaction `write` runs `work` in; a
 * newer or damaged file is refused untouched.
 */
export async function restoreBackup(
  text: string,
  write: (work: (tx: RestoreTransaction) => Promise<void>) => Promise<void>,
): Promise<RestoreSummary> {
  const backup = await readBackup(text, SCHEMA_VERSION);
  const stores = movedOrderMarks(backup.stores);
  const records: Record<string, number> = {};
  let relinkNeeded: string[] = [];
  let removedStores: string[] = [];
  try {
    await write(async (tx) => {
      // A backup carries no tokens: a store linked here keeps its link, any other must be linked again.
      const linkedHere = new Map((await tx.objectStore("linkedStores").getAll()).map((s) => [s.shopId, s]));
      if (stores.linkedStores)
        stores.linkedStores = (stores.linkedStores as LinkedStore[]).map((s) =>
          withTokensOf(s, linkedHere.get(s.shopId)),
        );
      const restored = (stores.linkedStores ?? []) as LinkedStore[];
      const nameOf = (s: LinkedStore) => s.description || s.shopName || s.shopId;
      relinkNeeded = restored.filter((s) => s.status === "Relink needed").map(nameOf);
      const kept = new Set(restored.map((s) => s.shopId));
      removedStores = [...linkedHere.values()].filter((s) => !kept.has(s.shopId)).map(nameOf);
      // Tens of thousands of records: bare requests, answered together (a request awaited before the next
      // is made costs a browser a round trip).
      const writes: IDBRequest[] = [];
      for (const name of BACKUP_STORES) {
        const store = bare<IDBObjectStore>(tx.objectStore(name));
        store.clear();
        const rows = stores[name];
        // A backup from before a store existed gets that store's defaults, as a migration would seed them.
        const fill =
          rows ?? (name === "settings" ? DEFAULT_SETTINGS : name === "locations" ? DEFAULT_LOCATIONS : []);
        for (const row of fill) writes.push(store.add(row));
        records[name] = fill.length;
      }
      await settled(bare(tx), writes);
    });
  } catch (error) {
    if (isDomError(error, "DataError") || isDomError(error, "ConstraintError"))
      throw new LedgerInputError(
        "BACKUP_CORRUPT",
        "This backup file is damaged (a record has no key, or repeats one); the ledger was not touched. Pick another backup file.",
      );
    throw error;
  }
  return {
    schemaVersion: backup.schemaVersion,
    exportedAt: backup.exportedAt,
    records,
    relinkNeeded,
    removedStores,
  };
}

/** A linked store as a backup holds it: a backup file is shared with bookkeepers, so no tokens. */
function withoutTokens(store: LinkedStore): LinkedStore {
  return {
    ...store,
    accessToken: "",
    accessTokenExpiresAt: 0,
    refreshToken: "",
    refreshTokenExpiresAt: 0,
    status: "Relink needed",
  };
}

function withTokensOf(store: LinkedStore, here: LinkedStore | undefined): LinkedStore {
  if (!here) return withoutTokens(store);
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, status } = here;
  return { ...store, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, status };
}

/** A backup from before schema 3 keeps each order's marks on the order: they move to orderMarks, as the migration moves them. */
function movedOrderMarks(stores: LedgerBackup["stores"]): LedgerBackup["stores"] {
  const split = ((stores.fetchedOrders ?? []) as FetchedOrder[]).map(splitOrderMarks);
  if (!split.some((s) => s.marks.length > 0)) return stores;
  const marks = [...((stores.orderMarks ?? []) as OrderMark[])];
  const kept = new Set(marks.map((m) => `${m.orderId}\u0000${m.kind}`));
  for (const mark of split.flatMap((s) => s.marks))
    if (!kept.has(`${mark.orderId}\u0000${mark.kind}`)) marks.push(mark);
  return { ...stores, fetchedOrders: split.map((s) => s.order), orderMarks: marks };
}
