/** Failures of the ledger itself, or of a request it must refuse. Each has a machine code. */

export class NewerLedgerError extends Error {
  readonly code = "NEWER_LEDGER";
  constructor(readonly schemaVersion: number) {
    super(
      `This ledger was written by a newer ShopBooks (schema ${schemaVersion}); update ShopBooks to open it.`,
    );
    this.name = "NewerLedgerError";
  }
}

/** A request that names something the books do not have, or is malformed; the message says what to fix. */
export class LedgerInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LedgerInputError";
  }
}

export class UnknownItemCodeError extends LedgerInputError {
  constructor(readonly itemCode: string) {
    super(
      "UNKNOWN_ITEM_CODE",
      `Item code ${itemCode} is not a stock item: create it in Setup, or pick one from the list.`,
    );
    this.name = "UnknownItemCodeError";
  }
}

/** The books contradict themselves (say, a document number already taken); nothing was written. */
export class LedgerIntegrityError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LedgerIntegrityError";
  }
}

export function isDomError(error: unknown, name: string): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === name;
}
