import { useRef, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Text,
} from "@fluentui/react-components";
import type { AppContext } from "../flows/context";
import {
  backupLedger,
  checkBackupFile,
  checkInvoiceDeletion,
  deleteInvoice,
  describeRestore,
  describeRestoreQuestion,
  restoreLedger,
  type CheckedBackup,
  SALES_INVOICES_SHEET,
  TRIAL_BALANCE_SHEET,
  writeBooks,
} from "../flows/books-flow";
import { refreshLastSettlement } from "../flows/payment-flow";
import { StatusArea } from "./status-area";
import { useLastAsked } from "./use-last-asked";
import { useTask } from "./use-task";

type Confirm = { kind: "delete"; docNo: string } | { kind: "restore"; backup: CheckedBackup };

/** Offers text as a file download (the browser's, or Excel's web view's, save dialog). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function BooksTab({ ctx }: { ctx: AppContext }) {
  const task = useTask();
  const [docNo, setDocNo] = useState("");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const question = useLastAsked(confirm);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = () =>
    task.run("Writing the books…", async () => {
      const books = await writeBooks(ctx);
      await ctx.workbook.activate(books.invoices > 0 ? SALES_INVOICES_SHEET : TRIAL_BALANCE_SHEET);
      task.setNotice({
        intent: books.difference === "0.00" ? "success" : "error",
        text: `Sales Invoices: ${books.invoices}, Credit Notes: ${books.creditNotes}. Trial Balance difference: ${books.difference}.`,
      });
    });

  const remove = (wanted: string) =>
    task.run(`Deleting ${wanted}…`, async () => {
      await deleteInvoice(ctx, wanted);
      setDocNo("");
      task.setNotice({
        intent: "success",
        text: `Deleted ${wanted}. Its order can be posted again; the number is not reused.`,
      });
    });

  const backup = () =>
    task.run("Backing up the ledger…", async () => {
      const file = await backupLedger(ctx);
      download(file.name, file.text);
      task.setNotice({
        intent: "success",
        text: `Backup ready: ${file.name} (${Math.ceil(file.text.length / 1024)} KB). Keep it somewhere safe; it holds no TikTok tokens.`,
      });
    });

  const restore = (text: string) =>
    task.run("Restoring the ledger…", async () => {
      const summary = await restoreLedger(ctx, text);
      await refreshLastSettlement(ctx);
      task.setNotice({ intent: "success", text: describeRestore(summary) });
    });

  // Checks come before questions: a file that is no backup, or an invoice that cannot go, is refused unasked.
  const chooseFile = (file: File | undefined) => {
    if (!file) return;
    if (fileInput.current) fileInput.current.value = "";
    void task.run(`Reading ${file.name}…`, async () => {
      const backup = await checkBackupFile(file.name, await file.text());
      setConfirm({ kind: "restore", backup });
    });
  };

  const askDelete = (typed: string) =>
    task.run(`Checking ${typed.toUpperCase()}…`, async () => {
      setConfirm({ kind: "delete", docNo: await checkInvoiceDeletion(ctx, typed) });
    });

  return (
    <section className="tab-body" aria-label="Books">
      <Text>
        The books are generated sheets: “Sales Invoices”, “Sales Invoice Lines”, “Credit Notes”, “Credit
        Note Lines”, “Customer Payments”, “Payment Knock-offs” and “Trial Balance”. They refresh after every Post.
      </Text>
      <div className="buttons">
        <Button appearance="primary" onClick={() => void refresh()} disabled={!!task.busy}>
          Refresh books
        </Button>
      </div>
      <form
        className="stack"
        aria-label="Delete an invoice"
        onSubmit={(e) => {
          e.preventDefault();
          if (docNo.trim()) void askDelete(docNo.trim());
        }}
      >
        <Field
          label="Invoice to delete"
          hint="Only an invoice no payment knocks off. Its order can then be posted again."
        >
          <Input value={docNo} placeholder="IV-00001" onChange={(_, d) => setDocNo(d.value)} />
        </Field>
        <div className="buttons">
          <Button type="submit" disabled={!!task.busy || !docNo.trim()}>
            Delete invoice
          </Button>
        </div>
      </form>
      <Text as="h2" weight="semibold">
        Backup
      </Text>
      <div className="buttons">
        <Button onClick={() => void backup()} disabled={!!task.busy}>
          Back up ledger
        </Button>
        <Button onClick={() => fileInput.current?.click()} disabled={!!task.busy}>
          Restore from file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Backup file to restore"
          hidden
          onChange={(e) => chooseFile(e.target.files?.[0])}
        />
      </div>
      <StatusArea busy={task.busy} notice={task.notice} />
      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>
              {question?.kind === "delete" ? `Delete ${question.docNo}?` : "Restore the ledger?"}
            </DialogTitle>
            <DialogContent>
              {question?.kind === "delete"
                ? `The invoice and its journal are removed, and its order can be posted again. The number ${question.docNo} is not used again.`
                : question && describeRestoreQuestion(question.backup)}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const chosen = confirm;
                  setConfirm(null);
                  if (chosen?.kind === "delete") void remove(chosen.docNo);
                  if (chosen?.kind === "restore") void restore(chosen.backup.text);
                }}
              >
                {question?.kind === "delete" ? "Delete" : "Restore"}
              </Button>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
