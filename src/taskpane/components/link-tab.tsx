import { useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  Field,
  Input,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { LinkedStore } from "../../ledger";
import { checkStores, DEFAULT_DESCRIPTION, describeLinkStatus, linkStore, relinkStore, removeStore } from "../flows/link-flow";
import type { AppContext } from "../flows/context";
import { LINK_REFUSED_EVENT } from "../link-transport";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

export function LinkTab({ ctx, onLinked }: { ctx: AppContext; onLinked: () => void }) {
  const [stores, setStores] = useState<LinkedStore[]>([]);
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [description, setDescription] = useState(DEFAULT_DESCRIPTION);
  const task = useTask();
  const checking = useRef(false);

  const reload = useCallback(async () => setStores(await ctx.ledger.listLinkedStores()), [ctx]);
  useEffect(() => {
    void reload();
    // Any flow that refreshes a token or finds a link refused updates the list here.
    const stop = ctx.ledger.onChange((change) => {
      if (change.stores.includes("linkedStores")) void reload();
    });
    // Refresh tokens about to expire and find links TikTok no longer accepts: when the pane opens, and
    // when any call is refused with an invalid token. A check's own refusals do not start another.
    const check = () => {
      if (checking.current) return;
      checking.current = true;
      void checkStores(ctx)
        .catch(() => undefined)
        .finally(() => {
          checking.current = false;
        });
    };
    check();
    window.addEventListener(LINK_REFUSED_EVENT, check);
    return () => {
      stop();
      window.removeEventListener(LINK_REFUSED_EVENT, check);
    };
  }, [ctx, reload]);

  const link = () =>
    task.run("Waiting for TikTok Shop authorization…", async () => {
      const result = await linkStore(ctx, description);
      setEditing(false);
      onLinked();
      const names = result.stores.map((s) => s.shopName).join(", ");
      task.setNotice({ intent: "success", text: `Linking Success: ${names}.` });
    });

  const relink = (store: LinkedStore) =>
    task.run(`Waiting for TikTok Shop to authorize ${store.shopName} again…`, async () => {
      await relinkStore(ctx, store);
      onLinked();
      task.setNotice({ intent: "success", text: `Linking Success: ${store.shopName} is linked again.` });
    });

  const remove = async (store: LinkedStore) => {
    setConfirmRemove(null);
    await removeStore(ctx, store.shopId);
    onLinked();
    task.setNotice({ intent: "info", text: `${store.shopName} is no longer linked. Its books stay as they are.` });
  };

  return (
    <section className="tab-body" aria-label="Link">
      <Text as="h2" weight="semibold" size={400}>
        Linked stores
      </Text>
      {stores.length === 0 ? (
        <Text className="hint">No store linked yet. Press New, then Link, and log in with your TikTok Shop seller account.</Text>
      ) : (
        <ul className="store-list" aria-label="Linked stores">
          {stores.map((store) => {
            const status = describeLinkStatus(store, ctx.now());
            const warning =
              status === "Linked"
                ? undefined
                : status === "Relink needed"
                  ? tokens.colorPaletteRedForeground1
                  : tokens.colorPaletteDarkOrangeForeground1;
            return (
              <li key={store.shopId} data-store={store.shopId} className="store-card">
                <div className="store-head">
                  <Text weight="semibold">{store.description}</Text>
                  <Text size={200} data-store-status style={warning ? { color: warning, fontWeight: 600 } : undefined}>
                    {status}
                  </Text>
                </div>
                <Text size={200} className="store-meta">
                  {store.platform} · {store.region} · {store.shopName}
                </Text>
                <div aria-label={`${store.shopName} actions`}>
                  {confirmRemove === store.shopId ? (
                    <span className="buttons" style={{ justifyContent: "flex-end", alignItems: "center" }}>
                      <Text size={200}>Remove {store.shopName}?</Text>
                      <Button size="small" onClick={() => void remove(store)}>
                        Yes
                      </Button>
                      <Button size="small" appearance="subtle" onClick={() => setConfirmRemove(null)}>
                        No
                      </Button>
                    </span>
                  ) : (
                    <span className="buttons" style={{ justifyContent: "flex-end" }}>
                      {status !== "Linked" && (
                        <Button
                          size="small"
                          appearance={status === "Relink needed" ? "primary" : "secondary"}
                          onClick={() => void relink(store)}
                          disabled={!!task.busy}
                          aria-label={`Relink ${store.shopName}`}
                        >
                          Relink
                        </Button>
                      )}
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() => setConfirmRemove(store.shopId)}
                        aria-label={`Remove ${store.shopName}`}
                      >
                        Remove
                      </Button>
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
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
