/**
 * Ribbon commands. Inside Excel, Fetch and Post are ExecuteFunction buttons associated here; in a plain
 * browser (preview mode) a strip above the in-page workbook stands in for the ribbon and the formula bar.
 */
import { mountPreviewRibbonWhenReady } from "./preview-ribbon";
import { ribbonAction } from "./ribbon-action";

export { ribbonAction };

function inExcel(info: { host?: unknown } | undefined): boolean {
  return info?.host === (Office.HostType?.Excel ?? "Excel");
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady((info) => {
    if (Office.actions?.associate) {
      Office.actions.associate("fetch", ribbonAction("fetch"));
      Office.actions.associate("post", ribbonAction("post"));
    }
    if (!inExcel(info) && typeof document !== "undefined") mountPreviewRibbonWhenReady(document);
  });
} else if (typeof document !== "undefined") {
  mountPreviewRibbonWhenReady(document);
}
