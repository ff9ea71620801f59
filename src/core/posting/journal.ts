/**
 * Journal entries of documents. The balance check lives in assertBalanced alone, and every builder
 * calls it before returning, so an unbalanced entry never reaches the ledger.
 */
import { sen, type Sen } from "../money/money";
import type { InvoiceLine, JournalEntry, JournalLine } from "./types";

export class UnbalancedJournalError extends Error {
  readonly code = "UNBALANCED";
  constructor(
    message: string,
    readonly entry: JournalEntry,
  ) {
    super(message);
    this.name = "UnbalancedJournalError";
  }
}

/** Throws UnbalancedJournalError unless every amount is a non-negative whole number and Σ debit − Σ credit is exactly 0. */
export function assertBalanced(entry: JournalEntry): void {
  let debit = 0;
  let credit = 0;
  for (const line of entry.lines) {
    for (const value of [line.debit, line.credit]) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new UnbalancedJournalError(
          `Journal ${entry.docNo}: account ${line.account} has an amount that is not a whole non-negative number of minor units (${value}).`,
          entry,
        );
      }
    }
    debit += line.debit;
    credit += line.credit;
  }
  if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit) || debit - credit !== 0) {
    throw new UnbalancedJournalError(
      `Journal ${entry.docNo} does not balance: debits ${debit}, credits ${credit} (minor units).`,
      entry,
    );
  }
}

export interface JournalAccounts {
  arAccount: string;
  accountOfItem(itemCode: string): string;
}

export interface JournalDocument {
  docNo: string;
  date: string;
  total: Sen;
  lines: InvoiceLine[];
}

/**
 * Signed postings (debit positive) merged per account and side: debits first, then credits, each
 * sorted by account code, so the same document always gives the same entry.
 */
function entryOf(docNo: string, date: string, postings: { account: string; amount: number }[]): JournalEntry {
  const debits = new Map<string, number>();
  const credits = new Map<string, number>();
  for (const { account, amount } of postings) {
    if (amount > 0) debits.set(account, (debits.get(account) ?? 0) + amount);
    else if (amount < 0) credits.set(account, (credits.get(account) ?? 0) - amount);
  }
  const byCode = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const lines: JournalLine[] = [
    ...[...debits].sort(byCode).map(([account, v]) => ({ account, debit: sen(v), credit: sen(0) })),
    ...[...credits].sort(byCode).map(([account, v]) => ({ account, debit: sen(0), credit: sen(v) })),
  ];
  const entry = { docNo, date, lines };
  assertBalanced(entry);
  return entry;
}

function lineAccount(line: InvoiceLine, accounts: JournalAccounts): string {
  return line.account ?? accounts.accountOfItem(line.itemCode);
}

/** Invoice: Dr AR the total, Cr each line's account (a negative line is a debit). */
export function buildInvoiceJournal(doc: JournalDocument, accounts: JournalAccounts): JournalEntry {
  return entryOf(doc.docNo, doc.date, [
    { account: accounts.arAccount, amount: doc.total },
    ...doc.lines.map((line) => ({ account: lineAccount(line, accounts), amount: -line.amount })),
  ]);
}

/** Credit note, the mirror: Cr AR the total, Dr each line's account (a negative line is a credit). */
export function buildCreditNoteJournal(doc: JournalDocument, accounts: JournalAccounts): JournalEntry {
  return entryOf(doc.docNo, doc.date, [
    { account: accounts.arAccount, amount: -doc.total },
    ...doc.lines.map((line) => ({ account: lineAccount(line, accounts), amount: line.amount })),
  ]);
}

export function journalTotals(entry: JournalEntry): { debit: Sen; credit: Sen } {
  return {
    debit: sen(entry.lines.reduce((a, l) => a + l.debit, 0)),
    credit: sen(entry.lines.reduce((a, l) => a + l.credit, 0)),
  };
}

export interface PaymentJournalDocument {
  docNo: string;
  date: string;
  amount: Sen;
  paymentAccount: string;
}

/** Customer payment: Dr the payment account, Cr AR. */
export function buildPaymentJournal(doc: PaymentJournalDocument, arAccount: string): JournalEntry {
  return entryOf(doc.docNo, doc.date, [
    { account: doc.paymentAccount, amount: doc.amount },
    { account: arAccount, amount: -doc.amount },
  ]);
}

/** Customer refund, the mirror: Dr AR, Cr the payment account. */
export function buildRefundJournal(doc: PaymentJournalDocument, arAccount: string): JournalEntry {
  return entryOf(doc.docNo, doc.date, [
    { account: arAccount, amount: doc.amount },
    { account: doc.paymentAccount, amount: -doc.amount },
  ]);
}
