export { openLedger, formatDocNo, DEFAULT_LEDGER_NAME, type Ledger, type LedgerOptions } from "./ledger";
export { NewerLedgerError, LedgerInputError, LedgerIntegrityError, UnknownItemCodeError } from "./errors";
export { getSharedLedger, setLedgerNamePrefix, sharedLedgerName, resetSharedLedgerForTests } from "./shared";
export { SCHEMA_VERSION, MIGRATIONS, runMigrations } from "./migrations";
export {
  defaultStoreSetup,
  DEFAULT_ACCOUNTS,
  DEFAULT_CUSTOMER,
  DEFAULT_STOCK_GROUPS,
  DEFAULT_STOCK_ITEMS,
  DEFAULT_FEE_ITEMS,
} from "./defaults";
export type * from "./types";
export type {
  SalesInvoice,
  InvoiceLine,
  InvoiceDraft,
  JournalEntry,
  JournalLine,
  Problem,
} from "../core/posting/types";
