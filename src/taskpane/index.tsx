/**
 * Task pane entry. Inside Excel it drives the real workbook; in a plain browser (no Office host, or
 * office.js unreachable) it runs in preview mode beside an in-page workbook. Same flows either way.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { detectHost, showTaskPane } from "../excel/host";
import { createOfficeWorkbook } from "../excel/office-workbook";
import { createPreviewWorkbook } from "../excel/preview-workbook";
import { getSharedLedger, setLedgerNamePrefix } from "../ledger/shared";
import { setShowPane } from "../commands/command-bus";
import type { AppContext } from "./flows/context";
import { watchItemCodeEdits } from "./flows/edit-watch";
import { App } from "./components/app";
import { registerRibbon, type RibbonNotice } from "./ribbon";
import { injectPaneStyles } from "./pane-styles";

async function boot(): Promise<void> {
  injectPaneStyles();
  const root = document.getElementById("root");
  if (!root) return;
  const host = await detectHost();
  document.body.classList.toggle("preview", !host.inExcel);
  if (host.partitionKey) setLedgerNamePrefix(host.partitionKey);
  setShowPane(showTaskPane);

  let paneElement = root;
  let workbook;
  if (host.inExcel) {
    workbook = createOfficeWorkbook();
  } else {
    paneElement = document.createElement("div");
    paneElement.id = "pane";
    const sheets = document.createElement("div");
    sheets.id = "workbook";
    root.append(paneElement, sheets);
    workbook = createPreviewWorkbook(sheets);
  }
  const ledger = await getSharedLedger();
  const ctx: AppContext = {
    ledger,
    workbook,
    linkBaseUrl: "",
    inExcel: host.inExcel,
    now: () => Math.floor(Date.now() / 1000),
  };

  await watchItemCodeEdits(workbook);

  const reactRoot = createRoot(paneElement);
  const render = (ribbonNotice?: RibbonNotice) =>
    reactRoot.render(
      <FluentProvider theme={webLightTheme}>
        <App ctx={ctx} ribbonNotice={ribbonNotice} />
      </FluentProvider>,
    );
  let ribbonRuns = 0;
  registerRibbon(ctx, (intent, text, tab) => {
    render({ intent, text, id: ++ribbonRuns, ...(tab ? { tab } : {}) });
    if (intent === "error") void showTaskPane();
  });
  render();
}

void boot();
