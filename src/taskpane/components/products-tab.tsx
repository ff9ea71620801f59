import { useState } from "react";
import { Button, Checkbox } from "@fluentui/react-components";
import type { AppContext } from "../flows/context";
import { fetchProducts, postProductMappings } from "../flows/products-flow";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

export function ProductsTab({ ctx, linked }: { ctx: AppContext; linked: boolean }) {
  const [createMissing, setCreateMissing] = useState(false);
  const task = useTask();

  const fetch = () =>
    task.run("Fetching products from TikTok Shop…", async (signal) => {
      const r = await fetchProducts(ctx, undefined, signal);
      task.setNotice({
        intent: "success",
        text: `Fetching Done: ${r.products} products, ${r.skus} SKUs, ${r.notMapped} not mapped.`,
      });
    });

  const post = (selectAll: boolean) =>
    task.run("Posting SKU mappings…", async () => {
      const r = await postProductMappings(ctx, { createMissing, selectAll });
      if (r.nothingTicked) {
        task.setNotice({ intent: "warning", text: "No SKU is ticked: tick rows in “TikTok Products”, or use Post all." });
        return;
      }
      task.setNotice({ intent: r.failed ? "warning" : "success", text: `Posting done: ${r.success} Success, ${r.failed} Failed.` });
    });

  return (
    <section className="tab-body" aria-label="Products">
      <div className="buttons">
        <Button appearance="primary" onClick={() => void fetch()} disabled={!!task.busy || !linked}>
          Fetch
        </Button>
        <Button onClick={() => void post(false)} disabled={!!task.busy}>
          Post
        </Button>
        <Button onClick={() => void post(true)} disabled={!!task.busy}>
          Post all
        </Button>
      </div>
      <Checkbox
        checked={createMissing}
        onChange={(_, d) => setCreateMissing(!!d.checked)}
        label="Create missing stock items from seller SKUs"
      />
      <p className="hint">
        Exist in Stock Item: the seller SKU is already an item code. Change an Item Code to map a SKU to another item (the row
        is ticked for you), then Post; the SKU is remembered as an alternative code of that stock item.
      </p>
      <StatusArea busy={task.busy} notice={task.notice} onCancel={task.cancel} />
    </section>
  );
}
