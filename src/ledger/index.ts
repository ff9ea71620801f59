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
  DEFAULT_LOCATIONS,
  feeMapOf,
} from "./defaults";
export { BACKUP_FORMAT, canonicalJson, type RestoreSummary } from "./backup";
export {
  applyPaymentDate,
  baseRowKey,
  paymentDateBatch,
  settledDatesOfRows,
  type PaymentDateOptions,
  type PaymentDateResult,
  type PaymentDateSetup,
} from "./payment-run";
export { ACCOUNT_TYPES, type SaveOptions } from "./setup";
export type { SourceRow } from "./schema";
export type * from "./types";
export type {
  CreditNote,
  CustomerPayment,
  CustomerRefund,
  DocumentKind,
  SalesInvoice,
  InvoiceLine,
  InvoiceDraft,
  JournalEntry,
  JournalLine,
  Problem,
} from "../core/posting/types";
