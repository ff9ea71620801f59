/**
 * Writing documents: a DocumentBatch is prepared outside any transaction (accounts resolved, every
 * journal built and balance-checked), then applied inside one readwrite transaction where numbers are
 * taken, versions and knock-off limits are checked, and the run is recorded. Reverting a run and
 * deleting a document go through here too, so the books change in one place.
 */
import type { IDBPTransaction } from "idb";
import { formatMoney, sen, type Sen } from "../core/money/money";
import {
  buildCreditNoteJournal,
  buildInvoiceJournal,
  buildPaymentJournal,
  buildRefundJournal,
} from "../core/posting/journal";
import {
  cancellationSourceKey,
  DOCUMENT_NAME,
  DOCUMENT_PREFIX,
  orderSourceKey,
  type CreditNoteDraft,
  type DocumentKind,
  type InvoiceDraft,
  type InvoiceLine,
  type PaymentDraft,
  type JournalEntry,
  type SalesInvoice,
} from "../core/posting/types";
import { LedgerInputError, LedgerIntegrityError, isDomError } from "./errors";
import { kindOfDocNo, openAmount } from "./queries";
import { bare, settled } from "./requests";
import type { LedgerDb, LedgerSchema, StoredStockItem } from "./schema";
import type {
  BatchResult,
  Customer,
  DocumentBatch,
  DocumentRef,
  KnockOff,
  LedgerRun,
  NewDocument,
  OrderMark,
  RunDocument,
  StockGroup,
} from "./types";

export const DOCUMENT_STORE = {
  invoice: "invoices",
  creditNote: "creditNotes",
  payment: "payments",
  refund: "refunds",
} as const satisfies Record<DocumentKind, string>;

export const COMMIT_STORES = [
  "invoices",
  "creditNotes",
  "payments",
  "refunds",
  "journal",
  "knockOffs",
  "documentVersions",
  "runs",
  "sourceRows",
  "counters",
  "orderMarks",
] as const;

export type CommitStore = (typeof COMMIT_STORES)[number];
export type CommitTransaction = IDBPTransaction<LedgerSchema, CommitStore[], "readwrite">;
type AnyDocument = LedgerSchema[(typeof DOCUMENT_STORE)[DocumentKind]]["value"];

/** The sourceKey is taken: this source was posted before, as `docNo`. */
export class AlreadyPostedError extends Error {
  readonly code = "ALREADY_POSTED";
  constructor(
    readonly sourceKey: string,
    readonly docNo: string,
  ) {
    super(`${sourceKey} was posted before, as ${docNo}.`);
    this.name = "AlreadyPostedError";
  }
}

/**
 * A document of a batch applied without its sourceKeys looked up (ApplyContext.sourceKeysUnchecked) was
 * refused by a unique key: its sourceKey was posted before, or its number is taken. Nothing was written.
 */
export class UniqueKeyTakenError extends Error {
  readonly code = "UNIQUE_KEY_TAKEN";
  constructor(readonly sourceKey: string) {
    super(`${sourceKey} was posted before, or the next number is taken.`);
    this.name = "UniqueKeyTakenError";
  }
}

/**
 * Requests issued together, to be awaited in order: IndexedDB answers a transaction's requests in order
 * either way, and a browser pays a round trip for each request awaited before the next is made. Once one
 * fails the transaction aborts and the rest fail too; those failures are the caller's to see or not.
 */
function issued<T>(requests: Promise<T>[]): Promise<T>[] {
  for (const request of requests) request.catch(() => undefined);
  return requests;
}

export function formatDocNo(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(5, "0")}`;
}

function money(value: number): string {
  return formatMoney(sen(value));
}

// ---------------------------------------------------------------------------------------------- prepare

export interface PreparedDocument {
  kind: DocumentKind;
  ref?: string;
  record: InvoiceDraft | CreditNoteDraft | PaymentDraft;
  journal: JournalEntry;
}

interface PreparedEdit {
  docNo: string;
  expectedVersion: number;
  lines: InvoiceLine[];
  total: Sen;
  journal: JournalEntry;
}

export interface PreparedBatch {
  batch: DocumentBatch;
  documents: PreparedDocument[];
  edits: PreparedEdit[];
}

function sum(lines: InvoiceLine[]): Sen {
  return sen(lines.reduce((a, l) => a + l.amount, 0));
}

/** Setup records already read (in a transaction of their own), for preparing a batch without reading them again. */
export interface SetupSnapshot {
  accounts: ReadonlySet<string>;
  stockItems: ReadonlyMap<string, StoredStockItem>;
  stockGroups: ReadonlyMap<string, StockGroup>;
  customers: ReadonlyMap<string, Customer>;
}

/**
 * Resolves line accounts and builds every journal; throws before anything is written. Codes are looked
 * up in a readonly transaction of its own, or in `snapshot` when given (a batch that edits invoices still
 * reads them).
 */
export async function prepareBatch(
  db: LedgerDb,
  batch: DocumentBatch,
  snapshot?: SetupSnapshot,
): Promise<PreparedBatch> {
  const tx =
    snapshot && !batch.editInvoices?.length
      ? undefined
      : db.transaction(["accounts", "customers", "stockItems", "stockGroups", "invoices"]);
  const read = <T>(
    store: "accounts" | "customers" | "stockItems" | "stockGroups",
    code: string,
    known?: ReadonlyMap<string, T>,
  ): Promise<T | undefined> =>
    snapshot
      ? Promise.resolve(known?.get(code))
      : (tx!.objectStore(store).get(code) as Promise<T | undefined>);
  // A batch of many documents names the same few accounts and customers: look each up once.
  const knownAccounts = new Map<string, Promise<boolean>>();
  const accountExists = async (code: string | undefined) => {
    if (!code) return false;
    if (!knownAccounts.has(code))
      knownAccounts.set(
        code,
        snapshot
          ? Promise.resolve(snapshot.accounts.has(code))
          : tx!
              .objectStore("accounts")
              .getKey(code)
              .then((k) => k !== undefined),
      );
    return knownAccounts.get(code) as Promise<boolean>;
  };
  // A payment date's fee lines name the same few fee items on every invoice it edits.
  const items = new Map<string, ReturnType<typeof getItem>>();
  const getItem = (code: string) => read("stockItems", code, snapshot?.stockItems);
  const itemOf = (code: string) => {
    if (!items.has(code)) items.set(code, getItem(code));
    return items.get(code) as ReturnType<typeof getItem>;
  };
  const groups = new Map<string, ReturnType<typeof getGroup>>();
  const getGroup = (code: string) => read("stockGroups", code, snapshot?.stockGroups);
  const groupOf = (code: string) => {
    if (!groups.has(code)) groups.set(code, getGroup(code));
    return groups.get(code) as ReturnType<typeof getGroup>;
  };
  const arAccounts = new Map<string, Promise<string>>();
  const arOf = (customerCode: string, docName: string): Promise<string> => {
    if (!arAccounts.has(customerCode)) arAccounts.set(customerCode, lookUpAr(customerCode, docName));
    return arAccounts.get(customerCode) as Promise<string>;
  };
  const customers = new Map<string, ReturnType<typeof getCustomer>>();
  const getCustomer = (code: string) => read("customers", code, snapshot?.customers);
  const customerOf = (code: string) => {
    if (!customers.has(code)) customers.set(code, getCustomer(code));
    return customers.get(code) as ReturnType<typeof getCustomer>;
  };
  const lookUpAr = async (customerCode: string, docName: string): Promise<string> => {
    const customer = await customerOf(customerCode ?? "");
    if (!customer)
      throw new LedgerInputError(
        "UNKNOWN_CUSTOMER",
        `Customer ${customerCode} of the ${docName} does not exist: add it in Setup, or fix the store's mapping codes.`,
      );
    if (!(await accountExists(customer.arAccount)))
      throw new LedgerInputError(
        "UNKNOWN_ACCOUNT",
        `The AR account ${customer.arAccount} of customer ${customerCode} is not a GL account: fix the customer in Setup.`,
      );
    return customer.arAccount;
  };
  const withAccounts = async (
    lines: InvoiceLine[],
    credit: boolean,
    docName: string,
  ): Promise<InvoiceLine[]> => {
    const out: InvoiceLine[] = [];
    for (const line of lines) {
      if (!Number.isSafeInteger(line.amount))
        throw new LedgerInputError(
          "BAD_AMOUNT",
          `A line of the ${docName} has an amount that is not whole sen.`,
        );
      let account = line.account;
      if (!account) {
        const item = await itemOf(line.itemCode ?? "");
        if (!item)
          throw new LedgerInputError(
            "UNKNOWN_ITEM_CODE",
            `Item code ${line.itemCode} on the ${docName} is not a stock item: create it in Setup, or pick another.`,
          );
        const group = await groupOf(item.group);
        account =
          credit && !item.isFee
            ? (item.returnsAccount ?? group?.returnsAccount ?? item.salesAccount)
            : item.salesAccount;
      }
      if (!(await accountExists(account)))
        throw new LedgerInputError(
          "UNKNOWN_ACCOUNT",
          `Account ${account} of item ${line.itemCode} on the ${docName} is not a GL account: fix the item in Setup.`,
        );
      out.push({ ...line, account });
    }
    return out;
  };

  // Every code the batch names is asked for at once: one round trip, not one for each code as it comes.
  const warming: Promise<unknown>[] = [];
  for (const doc of batch.create ?? []) {
    warming.push(customerOf(doc.draft.customerCode ?? ""));
    if (doc.kind === "payment" || doc.kind === "refund")
      warming.push(accountExists(doc.draft.paymentAccount));
    else
      for (const line of doc.draft.lines)
        warming.push(line.account ? accountExists(line.account) : itemOf(line.itemCode ?? ""));
  }
  issued(warming);

  const documents: PreparedDocument[] = [];
  for (const doc of batch.create ?? [])
    documents.push(await prepareDocument(doc, { arOf, withAccounts, accountExists }));

  const edits: PreparedEdit[] = [];
  for (const edit of batch.editInvoices ?? []) {
    const invoice = await tx!.objectStore("invoices").get(edit.docNo);
    if (!invoice) throw new LedgerInputError("UNKNOWN_DOCUMENT", `Invoice ${edit.docNo} does not exist.`);
    const lines = await withAccounts(edit.lines, false, `invoice ${edit.docNo}`);
    const total = sum(lines);
    const ar = await arOf(invoice.customerCode, `invoice ${edit.docNo}`);
    const journal = buildInvoiceJournal(
      { docNo: edit.docNo, date: invoice.date, total, lines },
      { arAccount: ar, accountOfItem: () => "" },
    );
    edits.push({ docNo: edit.docNo, expectedVersion: edit.expectedVersion, lines, total, journal });
  }
  await tx?.done;
  return { batch, documents, edits };
}

async function prepareDocument(
  doc: NewDocument,
  helpers: {
    arOf(customerCode: string, docName: string): Promise<string>;
    withAccounts(lines: InvoiceLine[], credit: boolean, docName: string): Promise<InvoiceLine[]>;
    accountExists(code: string | undefined): Promise<boolean>;
  },
): Promise<PreparedDocument> {
  const name = `${DOCUMENT_NAME[doc.kind].toLowerCase()} for ${doc.draft.reference || doc.draft.sourceKey}`;
  if (!doc.draft.sourceKey) throw new LedgerInputError("BAD_DOCUMENT", `The ${name} has no sourceKey.`);
  const ar = await helpers.arOf(doc.draft.customerCode, name);
  const noAccount = { arAccount: ar, accountOfItem: () => "" };
  switch (doc.kind) {
    case "invoice":
    case "creditNote": {
      const credit = doc.kind === "creditNote";
      const lines = await helpers.withAccounts(doc.draft.lines, credit, name);
      const total = sum(lines);
      if (total !== doc.draft.total)
        throw new LedgerInputError(
          "BAD_TOTAL",
          `The ${name} totals ${money(doc.draft.total)} but its lines add up to ${money(total)}.`,
        );
      const journal = (credit ? buildCreditNoteJournal : buildInvoiceJournal)(
        { docNo: "", date: doc.draft.date, total, lines },
        noAccount,
      );
      return { kind: doc.kind, ref: doc.ref, record: { ...doc.draft, lines }, journal };
    }
    case "payment":
    case "refund": {
      // Zero is allowed: a date whose credits exactly cover its invoices still needs a payment to knock them off.
      if (!Number.isSafeInteger(doc.draft.amount) || doc.draft.amount < 0)
        throw new LedgerInputError("BAD_AMOUNT", `The ${name} must be for a whole, non-negative amount.`);
      if (!(await helpers.accountExists(doc.draft.paymentAccount)))
        throw new LedgerInputError(
          "UNKNOWN_ACCOUNT",
          `Payment account ${doc.draft.paymentAccount} of the ${name} is not a GL account: fix the store's mapping codes in Setup.`,
        );
      const build = doc.kind === "payment" ? buildPaymentJournal : buildRefundJournal;
      const journal = build(
        {
          docNo: "",
          date: doc.draft.date,
          amount: doc.draft.amount,
          paymentAccount: doc.draft.paymentAccount,
        },
        ar,
      );
      return { kind: doc.kind, ref: doc.ref, record: { ...doc.draft }, journal };
    }
  }
}

// ------------------------------------------------------------------------------------------------ apply

export interface ApplyContext {
  postedAt: string;
  /** Stores actually written, for change listeners. */
  written: Set<CommitStore>;
  /**
   * Leave the sourceKeys to the unique indexes instead of looking each one up first: a sourceKey posted
   * before fails the whole batch with UniqueKeyTakenError, which does not say which document or why.
   * For a caller that expects no conflict and settles a refused batch another way.
   */
  sourceKeysUnchecked?: boolean;
}

async function getDocument(
  tx: CommitTransaction,
  docNo: string,
): Promise<{ kind: DocumentKind; doc: AnyDocument } | undefined> {
  const kind = kindOfDocNo(docNo);
  if (!kind) return undefined;
  const doc = await tx.objectStore(DOCUMENT_STORE[kind]).get(docNo);
  return doc ? { kind, doc } : undefined;
}

function amountOf(kind: DocumentKind, doc: AnyDocument): number {
  return kind === "payment" || kind === "refund"
    ? (doc as { amount: Sen }).amount
    : (doc as { total: Sen }).total;
}

async function knockOffsOf(
  tx: CommitTransaction,
  docNo: string,
): Promise<{ paying: KnockOff[]; paid: KnockOff[] }> {
  const store = tx.objectStore("knockOffs");
  const paying = await store.getAll(IDBKeyRange.bound([docNo, ""], [docNo, "\uffff"]));
  const paid = await store.index("byDocNo").getAll(docNo);
  return { paying, paid };
}

async function openOf(
  tx: CommitTransaction,
  docNo: string,
): Promise<{ kind: DocumentKind; open: number } | undefined> {
  const found = await getDocument(tx, docNo);
  if (!found) return undefined;
  const { paying, paid } = await knockOffsOf(tx, docNo);
  return { kind: found.kind, open: openAmount(found.kind, amountOf(found.kind, found.doc), paying, paid) };
}

const ALLOWED_KNOCK_OFFS: [DocumentKind, DocumentKind][] = [
  ["payment", "invoice"],
  ["payment", "creditNote"],
  ["creditNote", "invoice"],
  ["refund", "creditNote"],
];

async function requireRun(
  tx: CommitTransaction,
  batch: DocumentBatch,
  startedAt: string,
): Promise<LedgerRun | undefined> {
  if (!batch.runId) return undefined;
  return runOf(batch, await tx.objectStore("runs").get(batch.runId), startedAt);
}

/** The run a batch is posted in: `existing` as read, or a new one. */
function runOf(
  batch: Pick<DocumentBatch, "runId" | "run">,
  existing: LedgerRun | undefined,
  startedAt: string,
): LedgerRun | undefined {
  if (!batch.runId) return undefined;
  if (existing?.revertedAt)
    throw new LedgerInputError(
      "RUN_REVERTED",
      `Run ${batch.runId} was reverted: start a new run to post again.`,
    );
  return (
    existing ?? {
      runId: batch.runId,
      kind: batch.run?.kind ?? "orders",
      ...(batch.run?.shopId ? { shopId: batch.run.shopId } : {}),
      description: batch.run?.description ?? "",
      startedAt,
      created: [],
      edited: [],
      knockOffs: [],
      sourceRows: [],
    }
  );
}

/** Applies a prepared batch inside `tx`. Throws (and the caller aborts) on any conflict. */
export async function applyBatch(
  tx: CommitTransaction,
  prepared: PreparedBatch,
  ctx: ApplyContext,
): Promise<BatchResult> {
  const { batch } = prepared;
  const documents = prepared.documents;
  // Read together with the run: each counter is read once and written once per batch, not once per document.
  const prefixes = [...new Set(documents.map((doc) => DOCUMENT_PREFIX[doc.kind]))];
  const counters = issued(prefixes.map((prefix) => tx.objectStore("counters").get(prefix)));
  const run = await requireRun(tx, batch, ctx.postedAt);
  const runId = run?.runId;
  const result: BatchResult = { ...(runId ? { runId } : {}), created: [], edited: [] };
  const touched = new Set<string>();
  /** Documents this batch creates, with their amounts. */
  const createdHere = new Map<string, number>();
  /** Documents a knock-off of this batch names. */
  const knockedOff = new Set<string>();

  for (const edit of prepared.edits) {
    const invoices = tx.objectStore("invoices");
    const current = await invoices.get(edit.docNo);
    if (!current) throw new LedgerInputError("UNKNOWN_DOCUMENT", `Invoice ${edit.docNo} does not exist.`);
    if (current.version !== edit.expectedVersion)
      throw new LedgerInputError(
        "VERSION_CHANGED",
        `Invoice ${edit.docNo} is at version ${current.version}, not ${edit.expectedVersion}: it changed since the run was planned; plan it again.`,
      );
    const journal = await tx.objectStore("journal").get(edit.docNo);
    await tx.objectStore("documentVersions").put({
      docNo: edit.docNo,
      version: current.version,
      kind: "invoice",
      document: current,
      ...(journal ? { journal } : {}),
      ...(runId ? { replacedByRun: runId } : {}),
    });
    const version = current.version + 1;
    const next: SalesInvoice = {
      ...current,
      lines: edit.lines,
      total: edit.total,
      version,
      postedAt: ctx.postedAt,
    };
    if (runId) next.runId = runId;
    else delete next.runId;
    await invoices.put(next);
    await tx.objectStore("journal").put({ ...edit.journal, docNo: edit.docNo });
    run?.edited.push({
      kind: "invoice",
      docNo: edit.docNo,
      fromVersion: current.version,
      toVersion: version,
    });
    result.edited.push({ docNo: edit.docNo, version });
    touched.add(edit.docNo);
    ctx.written.add("invoices").add("journal").add("documentVersions");
  }

  const refs = new Map<string, string>();
  const lastNumbers = new Map<string, number>();
  const earlierDocNos = ctx.sourceKeysUnchecked
    ? []
    : issued(
        documents.map((doc) =>
          tx.objectStore(DOCUMENT_STORE[doc.kind]).index("bySourceKey").getKey(doc.record.sourceKey),
        ),
      );
  for (const [i, prefix] of prefixes.entries()) lastNumbers.set(prefix, (await counters[i])?.last ?? 0);

  const postedHere = new Map<string, string>();
  const numbered: { doc: PreparedDocument; record: AnyDocument; last: number }[] = [];
  for (const [i, doc] of documents.entries()) {
    const storeName = DOCUMENT_STORE[doc.kind];
    const sourceKey = doc.record.sourceKey;
    const earlier = (await earlierDocNos[i]) ?? postedHere.get(`${storeName}|${sourceKey}`);
    if (earlier !== undefined) throw new AlreadyPostedError(sourceKey, earlier);
    const prefix = DOCUMENT_PREFIX[doc.kind];
    const last = lastNumbers.get(prefix) as number;
    const docNo = formatDocNo(prefix, last + 1);
    lastNumbers.set(prefix, last + 1);
    postedHere.set(`${storeName}|${sourceKey}`, docNo);
    numbered.push({ doc, record: numberedRecord(doc, docNo, ctx.postedAt, runId), last });
  }

  // Hundreds of writes: bare requests, answered together. writes[i] is the add of numbered[i].
  const bareTx = bare<IDBTransaction>(tx);
  const storeOf = bareStores(bareTx);
  const writes: IDBRequest[] = [];
  for (const { doc, record } of numbered) {
    writes.push(writeCreated(storeOf, doc, record, run, result.created, ctx.written));
    if (doc.ref) refs.set(doc.ref, record.docNo);
    touched.add(record.docNo);
    createdHere.set(record.docNo, amountOf(doc.kind, record));
  }
  for (const [name, last] of lastNumbers) writes.push(storeOf("counters").put({ name, last }));
  // A batch that only creates documents asks nothing more of the transaction: it may commit as soon as
  // the last write is done, not a round trip later.
  const onlyCreates = prepared.edits.length === 0 && !batch.knockOffs?.length && !batch.sourceRows?.length;
  if (onlyCreates) {
    if (run) {
      writes.push(storeOf("runs").put(run));
      ctx.written.add("runs");
    }
    bareTx.commit();
  }
  let failedAt = -1;
  try {
    await settled(bareTx, writes, (index) => (failedAt = index));
  } catch (error) {
    if (!isDomError(error, "ConstraintError") || failedAt < 0 || failedAt >= numbered.length) throw error;
    const { doc, record, last } = numbered[failedAt];
    if (ctx.sourceKeysUnchecked) throw new UniqueKeyTakenError(record.sourceKey);
    // The sourceKey was checked above in this same transaction, so a refused add means the number is taken.
    const orderId = (doc.record as { orderId?: string }).orderId;
    throw new LedgerIntegrityError(
      "NUMBERING",
      `The next ${DOCUMENT_NAME[doc.kind].toLowerCase()} number after ${formatDocNo(DOCUMENT_PREFIX[doc.kind], last)} is already taken, so ${orderId ? `order ${orderId}` : doc.record.reference || record.sourceKey} was not posted: restore the ledger from its latest backup.`,
    );
  }

  const resolve = (ref: DocumentRef): string => {
    if ("docNo" in ref) return ref.docNo;
    const docNo = refs.get(ref.ref);
    if (!docNo)
      throw new LedgerInputError(
        "BAD_BATCH",
        `A knock-off names "${ref.ref}", which this batch does not create.`,
      );
    return docNo;
  };
  for (const request of batch.knockOffs ?? []) {
    const paymentNo = resolve(request.payer);
    const docNo = resolve(request.target);
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0)
      throw new LedgerInputError(
        "BAD_AMOUNT",
        `The knock-off of ${docNo} by ${paymentNo} must be a positive amount.`,
      );
    const payer = await getDocument(tx, paymentNo);
    const target = await getDocument(tx, docNo);
    if (!payer) throw new LedgerInputError("UNKNOWN_DOCUMENT", `${paymentNo} does not exist.`);
    if (!target) throw new LedgerInputError("UNKNOWN_DOCUMENT", `${docNo} does not exist.`);
    if (!ALLOWED_KNOCK_OFFS.some(([p, t]) => p === payer.kind && t === target.kind))
      throw new LedgerInputError(
        "BAD_KNOCK_OFF",
        `${DOCUMENT_NAME[payer.kind]} ${paymentNo} cannot knock off ${DOCUMENT_NAME[target.kind].toLowerCase()} ${docNo}: a payment knocks off invoices and uses credit notes, a credit note knocks off invoices, a refund pays out credit notes.`,
      );
    if (payer.doc.customerCode !== target.doc.customerCode)
      throw new LedgerInputError(
        "BAD_KNOCK_OFF",
        `${paymentNo} (customer ${payer.doc.customerCode}) cannot knock off ${docNo} of customer ${target.doc.customerCode}.`,
      );
    const store = tx.objectStore("knockOffs");
    if ((await store.getKey([paymentNo, docNo])) !== undefined)
      throw new LedgerInputError("BAD_KNOCK_OFF", `${paymentNo} already knocks off ${docNo}.`);
    await store.add({
      paymentNo,
      docNo,
      date: payer.doc.date,
      amount: sen(request.amount),
      payerKind: payer.kind,
      docKind: target.kind,
      ...(runId ? { runId } : {}),
    });
    run?.knockOffs.push({ paymentNo, docNo });
    touched.add(paymentNo).add(docNo);
    knockedOff.add(paymentNo).add(docNo);
    ctx.written.add("knockOffs");
  }

  // A knock-off never exceeds what is open, and an edit never leaves an invoice paid beyond its total.
  // A new document no knock-off names has nothing knocked off (numbers are never reused): its amount is open.
  const checked = [...touched];
  const states = issued(
    checked.map((docNo) =>
      createdHere.has(docNo) && !knockedOff.has(docNo)
        ? Promise.resolve({ open: createdHere.get(docNo) as number })
        : openOf(tx, docNo),
    ),
  );
  for (const [i, docNo] of checked.entries()) {
    const state = await states[i];
    if (state && state.open < 0)
      throw new LedgerInputError(
        "KNOCK_OFF_TOO_LARGE",
        `${docNo} would be knocked off by ${money(-state.open)} more than is outstanding on it: check the amounts and post again.`,
      );
  }

  for (const key of batch.sourceRows ?? []) {
    const rows = tx.objectStore("sourceRows");
    const earlier = await rows.get(key);
    if (earlier)
      throw new LedgerInputError("ROW_POSTED", `Row ${key} was posted before, by run ${earlier.runId}.`);
    await rows.add({ key, runId: runId ?? "", postedAt: ctx.postedAt });
    run?.sourceRows.push(key);
    ctx.written.add("sourceRows");
  }

  if (run && !onlyCreates) {
    await tx.objectStore("runs").put(run);
    ctx.written.add("runs");
  }
  return result;
}

/** A new document's record under its number. */
function numberedRecord(
  doc: PreparedDocument,
  docNo: string,
  postedAt: string,
  runId: string | undefined,
): AnyDocument {
  return { ...doc.record, docNo, version: 1, postedAt, ...(runId ? { runId } : {}) } as AnyDocument;
}

/** The bare object stores of `tx`, each looked up once. */
function bareStores(tx: IDBTransaction): (name: string) => IDBObjectStore {
  const stores = new Map<string, IDBObjectStore>();
  return (name) => {
    let store = stores.get(name);
    if (!store) stores.set(name, (store = tx.objectStore(name)));
    return store;
  };
}

/**
 * Writes a new document with bare requests, as applyBatch and DocumentStream both write one: its record,
 * its journal and its order's mark; lists it in `created` and in the run's. Returns the record's add, the
 * request refused when its number or sourceKey is taken.
 */
function writeCreated(
  storeOf: (name: string) => IDBObjectStore,
  doc: PreparedDocument,
  record: AnyDocument,
  run: LedgerRun | undefined,
  created: BatchResult["created"],
  written: Set<CommitStore>,
): IDBRequest {
  const storeName = DOCUMENT_STORE[doc.kind];
  const add = storeOf(storeName).add(record);
  storeOf("journal").put({ ...doc.journal, docNo: record.docNo } satisfies JournalEntry);
  const mark = orderMark(doc.kind, record);
  if (mark) {
    storeOf("orderMarks").put(mark);
    written.add("orderMarks");
  }
  run?.created.push({ kind: doc.kind, docNo: record.docNo });
  created.push({ ...(doc.ref ? { ref: doc.ref } : {}), kind: doc.kind, docNo: record.docNo });
  written.add(storeName).add("counters").add("journal");
  return add;
}

/**
 * Creates documents inside one readwrite transaction slice by slice, as the caller prepares them, so that
 * the next slice can be read and composed in the same transaction while the last one's writes are under
 * way. Documents are numbered on from the counters as applyBatch numbers them, and their records,
 * journals and order marks are those applyBatch writes. SourceKeys are left to the unique indexes: any
 * refusal aborts the transaction, and the caller settles the documents another way (applyBatch).
 *
 * Call `add` only from a continuation of one of `tx`'s requests answered after `ready`.
 */
export class DocumentStream {
  private readonly bareTx: IDBTransaction;
  private readonly store: (name: string) => IDBObjectStore;
  private readonly counters: Map<string, IDBRequest<{ name: string; last: number } | undefined>>;
  private readonly runRead: IDBRequest<LedgerRun | undefined> | undefined;
  private readonly lastNumbers = new Map<string, number>();
  private readonly created: BatchResult["created"] = [];
  /** Taken when the first document is added, as applyBatch takes it for a batch. */
  private posting: { postedAt: string; run: LedgerRun | undefined } | undefined;
  /** Stores written, for change listeners. */
  readonly written = new Set<CommitStore>();

  constructor(
    tx: CommitTransaction,
    kinds: readonly DocumentKind[],
    private readonly batch: Pick<DocumentBatch, "runId" | "run">,
    private readonly now: () => string,
  ) {
    this.bareTx = bare<IDBTransaction>(tx);
    this.store = bareStores(this.bareTx);
    this.counters = new Map(
      [...new Set(kinds.map((kind) => DOCUMENT_PREFIX[kind]))].map((prefix) => [
        prefix,
        this.store("counters").get(prefix),
      ]),
    );
    this.runRead = batch.runId ? this.store("runs").get(batch.runId) : undefined;
  }

  /** The answer of a request made at the start, which every later request of the transaction follows. */
  private static answer<T>(request: IDBRequest<T>): T {
    if (request.readyState !== "done")
      throw new Error("A document stream was fed before its counters were read.");
    return request.result;
  }

  private nextNumber(prefix: string): number {
    const last = this.lastNumbers.get(prefix) ?? DocumentStream.answer(this.counters.get(prefix)!)?.last ?? 0;
    this.lastNumbers.set(prefix, last + 1);
    return last + 1;
  }

  /** Numbers and writes prepared documents (of the kinds given at the start). */
  add(documents: readonly PreparedDocument[]): void {
    if (documents.length === 0) return;
    if (!this.posting) {
      const postedAt = this.now();
      this.posting = {
        postedAt,
        run: runOf(this.batch, this.runRead && DocumentStream.answer(this.runRead), postedAt),
      };
    }
    const { postedAt, run } = this.posting;
    for (const doc of documents) {
      const prefix = DOCUMENT_PREFIX[doc.kind];
      const record = numberedRecord(doc, formatDocNo(prefix, this.nextNumber(prefix)), postedAt, run?.runId);
      writeCreated(this.store, doc, record, run, this.created, this.written);
    }
  }

  /** Writes the counters (and the run), commits, and settles once the transaction is complete. */
  finish(): Promise<BatchResult> {
    for (const [name, last] of this.lastNumbers) this.store("counters").put({ name, last });
    const run = this.posting?.run;
    if (run) {
      this.store("runs").put(run);
      this.written.add("runs");
    }
    return new Promise((resolve, reject) => {
      this.bareTx.addEventListener("complete", () =>
        resolve({ ...(run ? { runId: run.runId } : {}), created: this.created, edited: [] }),
      );
      this.bareTx.addEventListener("abort", () =>
        reject(this.bareTx.error ?? new DOMException("The transaction was aborted.", "AbortError")),
      );
      this.bareTx.commit();
    });
  }
}

/** The mark a new document leaves on its order: an order's invoice, or the credit note of its cancellation. */
function orderMark(kind: DocumentKind, record: AnyDocument): OrderMark | undefined {
  const orderId = (record as { orderId?: string }).orderId;
  if (!orderId) return undefined;
  if (kind === "invoice" && record.sourceKey === orderSourceKey(record.shopId, orderId))
    return { orderId, kind: "invoice", docNo: record.docNo };
  if (kind === "creditNote" && record.sourceKey === cancellationSourceKey(record.shopId, orderId))
    return { orderId, kind: "creditNote", docNo: record.docNo };
  return undefined;
}

async function unmarkOrder(
  tx: CommitTransaction,
  kind: DocumentKind,
  docNo: string,
  orderId: string | undefined,
): Promise<void> {
  if (!orderId || (kind !== "invoice" && kind !== "creditNote")) return;
  const marks = tx.objectStore("orderMarks");
  const mark = await marks.get([orderId, kind]);
  if (mark?.docNo === docNo) await marks.delete([orderId, kind]);
}

// ------------------------------------------------------------------------------------------------ delete

/**
 * Deletes a document nothing else relies on; its last version is kept in documentVersions and its number
 * is not reused. What it knocked off itself (a credit note applied to an invoice) goes with it.
 */
export async function deleteDocument(
  tx: CommitTransaction,
  docNo: string,
  deletedAt: string,
): Promise<RunDocument> {
  const found = await getDocument(tx, docNo);
  if (!found) throw new LedgerInputError("UNKNOWN_DOCUMENT", `${docNo} does not exist.`);
  const { kind, doc } = found;
  const { paying, paid } = await knockOffsOf(tx, docNo);
  if (paid.length > 0) {
    const by = paid.map((k) => k.paymentNo).join(", ");
    throw new LedgerInputError(
      "DOCUMENT_KNOCKED_OFF",
      `${docNo} is knocked off by ${by}: ${paid.some((k) => k.runId) ? "revert that run" : `delete ${by}`} first.`,
    );
  }
  if (kind === "invoice") {
    const credits = await tx.objectStore("creditNotes").index("byInvoice").getAll(docNo);
    if (credits.length > 0)
      throw new LedgerInputError(
        "INVOICE_CREDITED",
        `${docNo} is credited by ${credits.map((c) => c.docNo).join(", ")}: delete the credit note first.`,
      );
  }
  for (const k of paying) await tx.objectStore("knockOffs").delete([k.paymentNo, k.docNo]);
  const journal = await tx.objectStore("journal").get(docNo);
  await tx.objectStore("documentVersions").put({
    docNo,
    version: doc.version,
    kind,
    document: doc,
    ...(journal ? { journal } : {}),
    deletedAt,
  });
  await tx.objectStore(DOCUMENT_STORE[kind]).delete(docNo);
  await tx.objectStore("journal").delete(docNo);
  await unmarkOrder(tx, kind, docNo, (doc as { orderId?: string }).orderId);
  return { kind, docNo };
}

// ------------------------------------------------------------------------------------------------ revert

/** Undoes everything a run did: edited invoices go back to their earlier version, what it created goes. */
export async function revertRunIn(
  tx: CommitTransaction,
  runId: string,
  revertedAt: string,
): Promise<LedgerRun> {
  const run = await tx.objectStore("runs").get(runId);
  if (!run) throw new LedgerInputError("UNKNOWN_RUN", `There is no run ${runId}.`);
  if (run.revertedAt)
    throw new LedgerInputError(
      "RUN_REVERTED",
      `Run ${runId} was already reverted on ${run.revertedAt.slice(0, 10)}.`,
    );

  const ownKnockOffs = new Set(run.knockOffs.map((k) => `${k.paymentNo}\u0000${k.docNo}`));
  const created = new Set(run.created.map((c) => c.docNo));
  for (const { docNo } of run.created) {
    if (!(await getDocument(tx, docNo))) continue;
    const { paying, paid } = await knockOffsOf(tx, docNo);
    for (const k of [...paying, ...paid]) {
      if (ownKnockOffs.has(`${k.paymentNo}\u0000${k.docNo}`)) continue;
      const other = k.paymentNo === docNo ? k.docNo : k.paymentNo;
      throw new LedgerInputError(
        "RUN_IN_USE",
        `${docNo} of run ${runId} is knocked off with ${other}, which the run did not make: ${k.runId ? `revert run ${k.runId}` : `delete ${other}`} first.`,
      );
    }
  }
  for (const edit of [...run.edited].reverse()) {
    const current = await tx.objectStore("invoices").get(edit.docNo);
    if (!current) continue;
    if (current.version !== edit.toVersion)
      throw new LedgerInputError(
        "RUN_IN_USE",
        `${edit.docNo} was edited again after run ${runId} (it is at version ${current.version}): revert the later run first.`,
      );
  }

  for (const key of run.knockOffs) await tx.objectStore("knockOffs").delete([key.paymentNo, key.docNo]);
  for (const { kind, docNo } of [...run.created].reverse()) {
    const doc = await tx.objectStore(DOCUMENT_STORE[kind]).get(docNo);
    if (!doc) continue;
    // Knock-offs it made towards documents outside the run are its own application: they go with it.
    for (const k of (await knockOffsOf(tx, docNo)).paying)
      await tx.objectStore("knockOffs").delete([k.paymentNo, k.docNo]);
    await tx.objectStore(DOCUMENT_STORE[kind]).delete(docNo);
    await tx.objectStore("journal").delete(docNo);
    await unmarkOrder(tx, kind, docNo, (doc as { orderId?: string }).orderId);
  }
  for (const edit of [...run.edited].reverse()) {
    if (created.has(edit.docNo)) continue;
    const earlier = await tx.objectStore("documentVersions").get([edit.docNo, edit.fromVersion]);
    if (!earlier)
      throw new LedgerIntegrityError(
        "VERSION_LOST",
        `Version ${edit.fromVersion} of ${edit.docNo} is missing, so run ${runId} cannot be reverted.`,
      );
    await tx.objectStore("invoices").put(earlier.document as SalesInvoice);
    if (earlier.journal) await tx.objectStore("journal").put(earlier.journal);
    await tx.objectStore("documentVersions").delete([edit.docNo, edit.fromVersion]);
  }
  const touched = new Set([...run.edited.map((e) => e.docNo)]);
  for (const docNo of touched) {
    const state = await openOf(tx, docNo);
    if (state && state.open < 0)
      throw new LedgerInputError(
        "RUN_IN_USE",
        `Reverting run ${runId} would leave ${docNo} knocked off by more than its total: revert the later payments first.`,
      );
  }
  for (const row of await tx.objectStore("sourceRows").index("byRun").getAll(runId))
    await tx.objectStore("sourceRows").delete(row.key);

  const reverted: LedgerRun = { ...run, revertedAt };
  await tx.objectStore("runs").put(reverted);
  return reverted;
}
