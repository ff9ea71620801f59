/**
 * Whole-store reads a page at a time (500 records): every record once, in document-number order, across
 * the page boundaries.
 */
import type { Ledger } from "../../src/ledger";
import { addProducts, freshLedger, plainInvoice, SHOP } from "./helpers";

let ledger: Ledger;

beforeEach(async () => {
  ({ ledger } = await freshLedger());
  await addProducts(ledger);
  // 1,001 invoices: two whole pages and one of a single invoice.
  await ledger.commit({
    create: Array.from({ length: 1001 }, (_, i) => ({
      kind: "invoice" as const,
      draft: plainInvoice(`test:${SHOP}:page:${i}`, "2026-03-01", [{ itemCode: "CAP-RED", amount: 100 }]),
    })),
  });
});
afterEach(() => ledger.close());

test("readInvoices visits every invoice once, in document-number order, 500 a page", async () => {
  const pages: string[][] = [];
  await ledger.readInvoices((page) => pages.push(page.map((invoice) => invoice.docNo)));
  expect(pages.map((page) => page.length)).toEqual([500, 500, 1]);
  expect(pages.flat()).toEqual(Array.from({ length: 1001 }, (_, i) => `IV-${String(i + 1).padStart(5, "0")}`));
});

test("the trial balance and the document balances count every page of the books", async () => {
  expect(await ledger.trialBalance()).toEqual([
    { account: "300-000", name: "Trade Debtors", debit: 100_100, credit: 0 },
    { account: "500-000", name: "Sales", debit: 0, credit: 100_100 },
  ]);
  const balances = await ledger.listDocumentBalances();
  expect([balances.length, balances.reduce((a, d) => a + d.open, 0)]).toEqual([1001, 100_100]);
});
