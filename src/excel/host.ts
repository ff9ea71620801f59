/**
 * Where the pane runs: inside Excel (Office.js present and the host is Excel) or in a plain browser
 * (preview mode). Office.js may be missing entirely (offline); that is preview mode too.
 */
export interface HostInfo {
  inExcel: boolean;
  /** Office's storage partition key, to keep one ledger per partition where Office asks for it. */
  partitionKey?: string;
}

const READY_TIMEOUT_MS = 4000;

export async function detectHost(): Promise<HostInfo> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return { inExcel: false };
  const info = await Promise.race([
    Office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS)),
  ]);
  const inExcel = info !== null && info.host === Office.HostType.Excel && typeof Excel !== "undefined";
  const partitionKey = inExcel ? (Office.context as { partitionKey?: string }).partitionKey : undefined;
  return { inExcel, partitionKey: partitionKey || undefined };
}

/** Shows the task pane from a ribbon command (shared runtime). */
export async function showTaskPane(): Promise<void> {
  if (typeof Office !== "undefined" && Office.addin?.showAsTaskpane) await Office.addin.showAsTaskpane();
}
