import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { businessDate } from "../../core/dates/business-date";
import type { AppContext } from "../flows/context";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Saves bytes as a file through the browser's download. */
function saveFile(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Preview mode: the in-page workbook as an .xlsx file. The writer (exceljs) is loaded only when asked,
 * so it stays out of the pane's first load.
 */
export function DownloadXlsxButton({ ctx }: { ctx: AppContext }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const snapshot = ctx.workbook.snapshot?.bind(ctx.workbook);
  if (!snapshot) return null;

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { writeWorkbookXlsx } = await import(
        /* webpackChunkName: "xlsx-export" */ "../../excel/xlsx-export"
      );
      saveFile(await writeWorkbookXlsx(snapshot()), `shopbooks-${businessDate(ctx.now())}.xlsx`);
    } catch (error) {
      setProblem(`The .xlsx could not be written: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span
      className="download-xlsx"
      style={{ marginLeft: "auto", display: "flex", flexDirection: "column", alignItems: "flex-end", gap: 4 }}
    >
      <Button
        size="small"
        onClick={() => void download()}
        disabled={busy}
        aria-describedby={problem ? "download-xlsx-problem" : undefined}
      >
        {busy ? "Writing .xlsx…" : "Download .xlsx"}
      </Button>
      {problem && (
        <Text id="download-xlsx-problem" role="alert" className="problem">
          {problem}
        </Text>
      )}
    </span>
  );
}
