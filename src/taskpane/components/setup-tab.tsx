/**
 * Setup (the guide's "Configure E-Commerce Setting" and "Account tab → Mapping Code"): each store's
 * mapping codes, post actions and fee map, and the GL accounts, customers, stock groups, stock items and
 * locations they point at. Everything is saved through the ledger, which checks it.
 */
import { useCallback, useEffect, useState } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import {
  ACCOUNT_TYPES,
  type Account,
  type AccountType,
  type Customer,
  type LinkedStore,
  type Location,
  type StockGroup,
  type StockItem,
} from "../../ledger";
import type { AppContext } from "../flows/context";
import { AltCodes } from "./alt-codes";
import { RecordEditor } from "./record-editor";
import { StoreSetupForm, type SetupBooks as Books } from "./store-setup-form";

const EMPTY: Books = { accounts: [], customers: [], groups: [], items: [], locations: [] };

export function SetupTab({ ctx, stores }: { ctx: AppContext; stores: LinkedStore[] }) {
  const [books, setBooks] = useState<Books>(EMPTY);
  const reload = useCallback(async () => {
    const [accounts, customers, groups, items, locations] = await Promise.all([
      ctx.ledger.listAccounts(),
      ctx.ledger.listCustomers(),
      ctx.ledger.listStockGroups(),
      ctx.ledger.listStockItems(),
      ctx.ledger.listLocations(),
    ]);
    setBooks({ accounts, customers, groups, items, locations });
  }, [ctx]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const accountOptions = books.accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));
  const after =
    <A extends unknown[]>(work: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      await work(...args);
      await reload();
    };

  return (
    <section className="tab-body" aria-label="Setup">
      {stores.length === 0 && (
        <Text className="hint">
          Link a store on the Link tab to set its mapping codes. The books below are ready to edit now.
        </Text>
      )}
      <Accordion multiple collapsible defaultOpenItems={stores.map((s) => `store-${s.shopId}`)}>
        {stores.map((store) => (
          <AccordionItem key={store.shopId} value={`store-${store.shopId}`}>
            <AccordionHeader as="h2">Mapping codes – {store.description}</AccordionHeader>
            <AccordionPanel>
              <StoreSetupForm ctx={ctx} store={store} books={books} />
            </AccordionPanel>
          </AccordionItem>
        ))}
        <AccordionItem value="accounts">
          <AccordionHeader as="h2">GL accounts ({books.accounts.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Account>
              noun="GL account"
              records={books.accounts}
              codeOf={(a) => a.code}
              blank={{ code: "", name: "", type: "expense" }}
              columns={[
                { label: "Code", value: (a) => a.code },
                { label: "Name", value: (a) => a.name },
                { label: "Type", value: (a) => a.type },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "name", label: "Name", kind: "text" },
                {
                  key: "type",
                  label: "Type",
                  kind: "select",
                  options: ACCOUNT_TYPES.map((t: AccountType) => ({ value: t, label: t })),
                },
              ]}
              onSave={after((a: Account, isNew: boolean) => ctx.ledger.saveAccount(a, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteAccount(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="customers">
          <AccordionHeader as="h2">Customers ({books.customers.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Customer>
              noun="customer"
              records={books.customers}
              codeOf={(c) => c.code}
              blank={{ code: "", name: "", arAccount: "300-000" }}
              columns={[
                { label: "Code", value: (c) => c.code },
                { label: "Name", value: (c) => c.name },
                { label: "AR account", value: (c) => c.arAccount },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "name", label: "Name", kind: "text" },
                { key: "arAccount", label: "AR control account", kind: "select", options: accountOptions },
              ]}
              onSave={after((c: Customer, isNew: boolean) => ctx.ledger.saveCustomer(c, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteCustomer(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="groups">
          <AccordionHeader as="h2">Stock groups ({books.groups.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<StockGroup>
              noun="stock group"
              records={books.groups}
              codeOf={(g) => g.code}
              blank={{ code: "", description: "", salesAccount: "500-000" }}
              columns={[
                { label: "Code", value: (g) => g.code },
                { label: "Description", value: (g) => g.description },
                { label: "Sales account", value: (g) => g.salesAccount },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
                { key: "salesAccount", label: "Sales account", kind: "select", options: accountOptions },
                {
                  key: "returnsAccount",
                  label: "Returns account",
                  kind: "select",
                  options: accountOptions,
                  optional: true,
                },
              ]}
              onSave={after((g: StockGroup, isNew: boolean) => ctx.ledger.saveStockGroup(g, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteStockGroup(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="items">
          <AccordionHeader as="h2">Stock items ({books.items.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<StockItem>
              noun="stock item"
              records={books.items}
              codeOf={(i) => i.code}
              blank={{
                code: "",
                description: "",
                group: "TIKTOK",
                salesAccount: "500-000",
                isFee: false,
                altCodes: [],
              }}
              columns={[
                { label: "Item code", value: (i) => i.code },
                { label: "Description", value: (i) => i.description },
                { label: "Account", value: (i) => i.salesAccount },
                { label: "Alt. codes", value: (i) => String(i.altCodes.length || "") },
              ]}
              fields={[
                { key: "code", label: "Item code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
                {
                  key: "group",
                  label: "Stock group",
                  kind: "select",
                  options: books.groups.map((g) => ({ value: g.code, label: `${g.code} ${g.description}` })),
                },
                { key: "salesAccount", label: "Sales account", kind: "select", options: accountOptions },
                {
                  key: "returnsAccount",
                  label: "Returns account",
                  kind: "select",
                  options: accountOptions,
                  optional: true,
                },
                { key: "isFee", label: "Fee item (non-stock, not offered for SKUs)", kind: "checkbox" },
              ]}
              onSave={after((i: StockItem, isNew: boolean) => ctx.ledger.putStockItem(i, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteStockItem(code))}
              editing={(item) => <AltCodes ctx={ctx} item={item} stores={stores} onChange={reload} />}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="locations">
          <AccordionHeader as="h2">Locations ({books.locations.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Location>
              noun="location"
              records={books.locations}
              codeOf={(l) => l.code}
              blank={{ code: "", description: "" }}
              columns={[
                { label: "Code", value: (l) => l.code },
                { label: "Description", value: (l) => l.description },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
              ]}
              onSave={after((l: Location, isNew: boolean) => ctx.ledger.saveLocation(l, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteLocation(code))}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
