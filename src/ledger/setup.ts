/**
 * Setup records (accounts, customers, stock groups, locations, store setups): validation with messages
 * that say how to fix the input, and the "in use" checks that keep a code from being deleted while
 * documents or other setup records still name it.
 */
import type { IDBPTransaction, StoreNames } from "idb";
import { ORDER_STATUSES } from "../core/tiktok/types";
import { LedgerInputError } from "./errors";
import type { LedgerSchema } from "./schema";
import { FEE_BUCKETS } from "../core/posting/fee-map";
import type { Account, AccountType, Customer, Location, StockGroup, StoreSetup } from "./types";

export const ACCOUNT_TYPES: AccountType[] = ["asset", "liability", "equity", "income", "expense"];

type Tx = IDBPTransaction<LedgerSchema, StoreNames<LedgerSchema>[], "readwrite" | "readonly">;

export interface SaveOptions {
  /** A new record: refused when its code is taken. Without it the record with that code is replaced. */
  isNew?: boolean;
}

const CODE_PATTERN = /^[^\s].{0,29}$/;

export function cleanCode(kind: string, code: unknown): string {
  const text = typeof code === "string" ? code.trim() : "";
  if (!text)
    throw new LedgerInputError(
      "BAD_CODE",
      `A ${kind} needs ${kind === "stock item" ? "an item code" : "a code"}.`,
    );
  if (!CODE_PATTERN.test(text) || /[\r\n\t]/.test(text))
    throw new LedgerInputError(
      "BAD_CODE",
      `The ${kind} code "${text}" is too long: use at most 30 characters.`,
    );
  return text;
}

function cleanName(kind: string, code: string, name: unknown, field = "name"): string {
  const text = typeof name === "string" ? name.trim() : "";
  if (!text) throw new LedgerInputError("BAD_NAME", `The ${kind} ${code} needs a ${field}.`);
  return text;
}

async function exists(tx: Tx, store: StoreNames<LedgerSchema>, key: string | undefined): Promise<boolean> {
  return !!key && (await tx.objectStore(store).getKey(key)) !== undefined;
}

export async function requireNewOrExisting(
  tx: Tx,
  store: StoreNames<LedgerSchema>,
  kind: string,
  code: string,
  options: SaveOptions,
): Promise<void> {
  const taken = await exists(tx, store, code);
  if (options.isNew && taken)
    throw new LedgerInputError(
      "CODE_TAKEN",
      `${kind} ${code} already exists: pick another code, or edit the existing one.`,
    );
}

export async function requireAccount(tx: Tx, code: string | undefined, what: string): Promise<void> {
  if (!(await exists(tx, "accounts", code)))
    throw new LedgerInputError(
      "UNKNOWN_ACCOUNT",
      `${what} ${code || "(none)"} is not a GL account: pick one of the accounts in Setup.`,
    );
}

export function validAccount(account: Account): Account {
  const code = cleanCode("GL account", account.code);
  const name = cleanName("GL account", code, account.name);
  if (!ACCOUNT_TYPES.includes(account.type))
    throw new LedgerInputError(
      "BAD_ACCOUNT_TYPE",
      `The type of account ${code} must be one of ${ACCOUNT_TYPES.join(", ")}, not "${account.type}".`,
    );
  return { code, name, type: account.type };
}

export async function validCustomer(tx: Tx, customer: Customer): Promise<Customer> {
  const code = cleanCode("customer", customer.code);
  const name = cleanName("customer", code, customer.name);
  const arAccount = typeof customer.arAccount === "string" ? customer.arAccount.trim() : "";
  await requireAccount(tx, arAccount, `The AR account of customer ${code},`);
  return { code, name, arAccount };
}

export async function validStockGroup(tx: Tx, group: StockGroup): Promise<StockGroup> {
  const code = cleanCode("stock group", group.code);
  const description = cleanName("stock group", code, group.description, "description");
  await requireAccount(tx, group.salesAccount, `The sales account of stock group ${code},`);
  if (group.returnsAccount)
    await requireAccount(tx, group.returnsAccount, `The returns account of stock group ${code},`);
  return {
    code,
    description,
    salesAccount: group.salesAccount,
    ...(group.returnsAccount ? { returnsAccount: group.returnsAccount } : {}),
  };
}

export function validLocation(location: Location): Location {
  const code = cleanCode("location", location.code);
  return { code, description: cleanName("location", code, location.description, "description") };
}

export async function validStoreSetup(tx: Tx, setup: StoreSetup): Promise<void> {
  for (const [status, action] of Object.entries(setup.postActions ?? {})) {
    if (!(ORDER_STATUSES as readonly string[]).includes(status))
      throw new LedgerInputError("BAD_POST_ACTION", `${status} is not a TikTok order status.`);
    if (action !== "Post" && action !== "Skip")
      throw new LedgerInputError(
        "BAD_POST_ACTION",
        `The post action of ${status} must be Post or Skip, not "${action}".`,
      );
  }
  if (!(await exists(tx, "customers", setup.customerCode)))
    throw new LedgerInputError(
      "UNKNOWN_CUSTOMER",
      `Customer ${setup.customerCode} does not exist: pick one of the customers in Setup.`,
    );
  await requireAccount(tx, setup.paymentAccount, "Payment account");
  if (!(await exists(tx, "locations", setup.location)))
    throw new LedgerInputError(
      "UNKNOWN_LOCATION",
      `Location ${setup.location || "(none)"} does not exist: add it under Locations, or pick another.`,
    );
  const overrides = setup.feeMap ?? {};
  const columns = new Set<string>();
  for (const [column, bucket] of Object.entries(overrides.parents ?? {})) {
    const name = column.trim();
    if (!name)
      throw new LedgerInputError("BAD_FEE_MAP", "Every fee map row needs the settlement file's column name.");
    if (columns.has(name.toLowerCase()))
      throw new LedgerInputError(
        "BAD_FEE_MAP",
        `The fee column "${name}" is mapped twice: keep one row for it.`,
      );
    columns.add(name.toLowerCase());
    if (!(FEE_BUCKETS as readonly string[]).includes(bucket))
      throw new LedgerInputError(
        "BAD_FEE_MAP",
        `The bucket of fee column "${name}" must be one of ${FEE_BUCKETS.join(", ")}, not "${bucket}".`,
      );
  }
  for (const child of overrides.children ?? [])
    if (typeof child !== "string" || !child.trim())
      throw new LedgerInputError("BAD_FEE_MAP", "A fee column counted inside another needs its column name.");
  for (const [bucket, item] of Object.entries(overrides.items ?? {}))
    if (!(await exists(tx, "stockItems", item)))
      throw new LedgerInputError(
        "UNKNOWN_ITEM_CODE",
        `Item code ${item || "(none)"} of fee bucket ${bucket} is not a stock item: pick one from the list.`,
      );
}

/** Item codes a store setup names, with what each one is for. */
export function setupItemCodes(setup: StoreSetup): [code: string, role: string][] {
  return [
    [setup.discountItem, "discount item"],
    [setup.voucherItem, "voucher item"],
    ...Object.entries(setup.feeItems ?? {}).map(([bucket, code]): [string, string] => [
      code,
      `${bucket} fee item`,
    ]),
  ];
}

/** Names of the first few documents for a message: "IV-00001, IV-00002 and 3 more". */
export function someOf(docNos: string[]): string {
  if (docNos.length <= 3) return docNos.join(", ");
  return `${docNos.slice(0, 3).join(", ")} and ${docNos.length - 3} more`;
}
