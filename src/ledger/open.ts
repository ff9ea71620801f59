/** Opening the books: runs the migrations, refuses a database written by a newer ShopBooks. */
import { wrap, type IDBPDatabase } from "idb";
import { isDomError, NewerLedgerError } from "./errors";
import { runMigrations, SCHEMA_VERSION } from "./migrations";
import type { LedgerDb, LedgerSchema, UpgradeTransaction } from "./schema";

/** idb's openDB always uses the global indexedDB; this takes the factory it is given. */
export async function openLedgerDatabase(factory: IDBFactory, name: string): Promise<LedgerDb> {
  let upgradeError: unknown;
  const request = factory.open(name, SCHEMA_VERSION);
  request.addEventListener("upgradeneeded", (event) => {
    const db = wrap(request.result) as unknown as LedgerDb;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    runMigrations(db, tx, event.oldVersion, event.newVersion ?? SCHEMA_VERSION).catch((error: unknown) => {
      upgradeError = error;
      try {
        request.transaction?.abort();
      } catch {
        // the upgrade transaction has already ended
      }
    });
  });

  let db: LedgerDb;
  try {
    db = (await wrap(request)) as unknown as LedgerDb;
  } catch (error) {
    // IndexedDB refuses to open a database at a lower version than it has.
    if (isDomError(error, "VersionError"))
      throw new NewerLedgerError(await storedSchemaVersion(factory, name));
    throw upgradeError ?? error;
  }
  // Another window running a newer ShopBooks wants to upgrade: step aside instead of blocking it.
  db.addEventListener("versionchange", () => db.close());

  const meta = await db.get("meta", "schema");
  if (meta && meta.version > SCHEMA_VERSION) {
    db.close();
    throw new NewerLedgerError(meta.version);
  }
  return db;
}

async function storedSchemaVersion(factory: IDBFactory, name: string): Promise<number> {
  const db = (await wrap(factory.open(name))) as unknown as IDBPDatabase<LedgerSchema>;
  try {
    if (db.objectStoreNames.contains("meta")) {
      const meta = await db.get("meta", "schema");
      if (meta) return Math.max(meta.version, db.version);
    }
    return db.version;
  } finally {
    db.close();
  }
}
