import { useCallback, useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Tab, TabList, Text } from "@fluentui/react-components";
import type { RibbonNotice } from "../ribbon";
import type { LinkedStore } from "../../ledger";
import type { AppContext } from "../flows/context";
import { BooksTab } from "./books-tab";
import { DashboardTab } from "./dashboard-tab";
import { DownloadXlsxButton } from "./download-xlsx";
import { LinkTab } from "./link-tab";
import { OrdersTab } from "./orders-tab";
import { PaymentTab } from "./payment-tab";
import { ProductsTab } from "./products-tab";
import { SetupTab } from "./setup-tab";

export type TabName = "link" | "setup" | "products" | "orders" | "payment" | "books" | "dashboard";

const TABS: { name: TabName; label: string }[] = [
  { name: "link", label: "Link" },
  { name: "setup", label: "Setup" },
  { name: "products", label: "Products" },
  { name: "orders", label: "Orders" },
  { name: "payment", label: "Payment" },
  { name: "books", label: "Books" },
  { name: "dashboard", label: "Dashboard" },
];

/** A ribbon click's message shows on the tab whose work it did; a hint given on another sheet, on every tab. */
export function showsRibbonNotice(notice: RibbonNotice | undefined, tab: TabName): notice is RibbonNotice {
  return !!notice && (notice.tab === undefined || notice.tab === tab);
}

export function App({ ctx, ribbonNotice }: { ctx: AppContext; ribbonNotice?: RibbonNotice }) {
  const [tab, setTab] = useState<TabName>("link");
  useEffect(() => {
    // A failure or hint brings the pane forward: show it on its tab, where the user can act on it.
    if (ribbonNotice?.tab && ribbonNotice.intent !== "success") setTab(ribbonNotice.tab);
  }, [ribbonNotice]);
  const [stores, setStores] = useState<LinkedStore[]>([]);
  const reloadStores = useCallback(async () => {
    const linked = await ctx.ledger.listLinkedStores();
    setStores(linked);
    return linked;
  }, [ctx]);
  useEffect(() => {
    // A returning seller starts on Orders; a new one on Link.
    void reloadStores().then((linked) => linked.length > 0 && setTab("orders"));
  }, [reloadStores]);

  return (
    <div className="app">
      <header className="app-header">
        <Text weight="semibold" size={500}>
          ShopBooks
        </Text>
        <Text size={200} className="subtitle">
          TikTok Shop{ctx.inExcel ? "" : " · preview"}
        </Text>
        {!ctx.inExcel && <DownloadXlsxButton ctx={ctx} />}
      </header>
      {showsRibbonNotice(ribbonNotice, tab) && (
        <MessageBar key={ribbonNotice.id} intent={ribbonNotice.intent} role={ribbonNotice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{ribbonNotice.text}</MessageBarBody>
        </MessageBar>
      )}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)} size="small" style={{ flexWrap: "wrap" }}>
        {TABS.map((t) => (
          <Tab key={t.name} value={t.name}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div hidden={tab !== "link"}>
        <LinkTab ctx={ctx} onLinked={() => void reloadStores()} />
      </div>
      {tab === "setup" && <SetupTab ctx={ctx} stores={stores} />}
      <div hidden={tab !== "products"}>
        <ProductsTab ctx={ctx} linked={stores.length > 0} />
      </div>
      <div hidden={tab !== "orders"}>
        <OrdersTab ctx={ctx} stores={stores} />
      </div>
      <div hidden={tab !== "payment"}>
        <PaymentTab ctx={ctx} stores={stores} active={tab === "payment"} />
      </div>
      <div hidden={tab !== "books"}>
        <BooksTab ctx={ctx} />
      </div>
      <div hidden={tab !== "dashboard"}>
        <DashboardTab ctx={ctx} active={tab === "dashboard"} />
      </div>
    </div>
  );
}
