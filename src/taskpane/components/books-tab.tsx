import { Button, Text } from "@fluentui/react-components";
import type { AppContext } from "../flows/context";
import { writeSalesInvoices, writeTrialBalance } from "../flows/books-flow";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

export function BooksTab({ ctx }: { ctx: AppContext }) {
  const task = useTask();
  const refresh = () =>
    task.run("Writing the books…", async () => {
      const invoices = await writeSalesInvoices(ctx);
      const total = await writeTrialBalance(ctx);
      await ctx.workbook.activate("Sales Invoices");
      task.setNotice({ intent: "success", text: `Sales Invoices: ${invoices} rows. Trial Balance difference: ${total}.` });
    });
  return (
    <section className="tab-body" aria-label="Books">
      <Text>The books are generated sheets: “Sales Invoices” and “Trial Balance”. They refresh after every Post.</Text>
      <div className="buttons">
        <Button appearance="primary" onClick={() => void refresh()} disabled={!!task.busy}>
          Refresh books
        </Button>
      </div>
      <StatusArea busy={task.busy} notice={task.notice} />
    </section>
  );
}
