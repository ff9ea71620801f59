/**
 * What the pane's flow tests against the sandbox share: the sandbox and link service started once per
 * file, and for each test a fresh ledger and in-memory workbook with the sandbox's store linked.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startServices, type RunningServices, type ServicesOptions } from "../../../src/cli/services";
import { createMemoryWorkbook, type MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { openLedger, type Ledger } from "../../../src/ledger";
import { sandboxSellerToken } from "../../../src/sandbox/seller-token";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { saveAuthorizedStores } from "../../../src/taskpane/flows/link-flow";

/** The tests' "now": 2026-04-01 04:00 UTC, the morning after the sandbox's March. */
export const SANDBOX_NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;

/** The sandbox (its clock at SANDBOX_NOW) behind a link service on free ports. */
export function startSandboxServices(
  sandbox: Omit<NonNullable<ServicesOptions["sandbox"]>, "now">,
): Promise<RunningServices> {
  return startServices({ port: 0, sandboxPort: 0, distDir: __dirname, sandbox: { ...sandbox, now: () => SANDBOX_NOW } });
}

export interface LinkedPane {
  ledger: Ledger;
  workbook: MemoryWorkbook;
  ctx: AppContext;
}

/** A fresh ledger and workbook, on the sandbox's clock, with the sandbox seller's store linked as "Tik Tok". */
export async function linkedPane(services: RunningServices): Promise<LinkedPane> {
  const sandbox = services.sandbox!;
  const ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-04-01T04:00:00.000Z" });
  const workbook = createMemoryWorkbook();
  const ctx: AppContext = { ledger, workbook, linkBaseUrl: services.url, inExcel: false, now: () => sandbox.clock.now() };
  await saveAuthorizedStores(ctx, "Tik Tok", await sandboxSellerToken(sandbox.url, sandbox.info));
  return { ledger, workbook, ctx };
}
