import { useCallback, useEffect, useState } from "react";
import {
  Button,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { LinkedStore } from "../../ledger";
import { describeLinkStatus, linkStore } from "../flows/link-flow";
import type { AppContext } from "../flows/context";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

export function LinkTab({ ctx, onLinked }: { ctx: AppContext; onLinked: () => void }) {
  const [stores, setStores] = useState<LinkedStore[]>([]);
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState("Tik Tok");
  const task = useTask();

  const reload = useCallback(async () => setStores(await ctx.ledger.listLinkedStores()), [ctx]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const link = () =>
    task.run("Waiting for TikTok Shop authorization…", async () => {
      const result = await linkStore(ctx, description);
      await reload();
      setEditing(false);
      onLinked();
      const names = result.stores.map((s) => s.shopName).join(", ");
      task.setNotice({ intent: "success", text: `Linking Success: ${names}.` });
    });

  const remove = async (shopId: string) => {
    await ctx.ledger.removeLinkedStore(shopId);
    await reload();
  };

  return (
    <section className="tab-body" aria-label="Link">
      <Text as="h2" weight="semibold" size={400}>
        Linked stores
      </Text>
      {stores.length === 0 ? (
        <Text className="hint">No store linked yet. Press New, then Link, and log in with your TikTok Shop seller account.</Text>
      ) : (
        <Table size="small" aria-label="Linked stores">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Description</TableHeaderCell>
              <TableHeaderCell>Platform</TableHeaderCell>
              <TableHeaderCell>Region</TableHeaderCell>
              <TableHeaderCell>Shop</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {stores.map((store) => {
              const status = describeLinkStatus(store, ctx.now());
              return (
                <TableRow key={store.shopId}>
                  <TableCell>{store.description}</TableCell>
                  <TableCell>{store.platform}</TableCell>
                  <TableCell>{store.region}</TableCell>
                  <TableCell>{store.shopName}</TableCell>
                  <TableCell data-store-status>{status}</TableCell>
                  <TableCell>
                    {status === "Relink needed" ? (
                      <Button size="small" onClick={link}>
                        Relink
                      </Button>
                    ) : (
                      <Button size="small" appearance="subtle" onClick={() => void remove(store.shopId)} aria-label={`Remove ${store.shopName}`}>
                        Remove
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {!editing ? (
        <Button appearance="primary" onClick={() => setEditing(true)}>
          New
        </Button>
      ) : (
        <div className="form">
          <Field label="Description">
            <Input value={description} onChange={(_, d) => setDescription(d.value)} />
          </Field>
          <Field label="Platform">
            <Select value="tiktok" onChange={() => undefined}>
              <option value="tiktok">TikTok Shop</option>
            </Select>
          </Field>
          <div className="buttons">
            <Button appearance="primary" onClick={() => void link()} disabled={!!task.busy}>
              Link
            </Button>
            <Button onClick={() => setEditing(false)}>Cancel</Button>
          </div>
        </div>
      )}
      <StatusArea busy={task.busy} notice={task.notice} />
    </section>
  );
}
