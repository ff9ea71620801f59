import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Order } from "../../src/core/tiktok/types";

type Ribbon = typeof import("../../src/commands/preview-ribbon");
type Bus = typeof import("../../src/commands/command-bus");
type LedgerModule = typeof import("../../src/ledger");

let ribbon: Ribbon;
let bus: Bus;
let ledgers: LedgerModule;

beforeEach(async () => {
  document.body.innerHTML = "";
  (globalThis as Record<string, unknown>).indexedDB = new IDBFactory();
  delete (globalThis as Record<string, unknown>).CustomFunctions;
  await jest.isolateModulesAsync(async () => {
    ribbon = await import("../../src/commands/preview-ribbon");
    bus = await import("../../src/commands/command-bus");
    ledgers = await import("../../src/ledger");
  });
});
afterEach(() => ledgers.resetSharedLedgerForTests());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(assertion: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await wait(25);
    }
  }
}

function workbookElement(): HTMLElement {
  const element = document.createElement("div");
  element.id = "workbook";
  document.body.append(element);
  return element;
}

function formula(strip: HTMLElement, text: string): HTMLOutputElement {
  const input = strip.querySelector<HTMLInputElement>("input")!;
  input.value = text;
  strip.querySelector("form")!.requestSubmit();
  return strip.querySelector("output")!;
}

test("the strip waits for the preview workbook, then sits above it once", async () => {
  ribbon.mountPreviewRibbonWhenReady(document);
  expect(document.querySelector(".sb-ribbon")).toBeNull();
  const container = workbookElement();
  await wait(0);
  ribbon.mountPreviewRibbonWhenReady(document);
  expect(container.querySelectorAll(".sb-ribbon")).toHaveLength(1);
  expect(container.firstElementChild!.getAttribute("aria-label")).toBe("TikTok Shop ribbon");
});

test("Fetch and Post run the ribbon actions and stay disabled until the click completes", async () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  const seen: string[] = [];
  let finish = () => undefined as void;
  bus.setRibbonHandler((command) => {
    seen.push(command);
    return new Promise<void>((resolve) => (finish = resolve));
  });
  const [fetch, post] = [...strip.querySelectorAll<HTMLButtonElement>("button[data-ribbon-command]")];
  expect([fetch.textContent, post.textContent]).toEqual(["Fetch", "Post"]);
  expect([fetch.getAttribute("aria-label"), post.getAttribute("aria-label")]).toEqual([
    "Fetch (ribbon)",
    "Post (ribbon)",
  ]);
  post.click();
  expect([seen, strip.dataset.ribbonState, fetch.disabled, post.disabled]).toEqual([
    ["post"],
    "running",
    true,
    true,
  ]);
  finish();
  await wait(0);
  expect([strip.dataset.ribbonState, fetch.disabled, post.disabled]).toEqual(["idle", false, false]);
  fetch.click();
  expect(seen).toEqual(["post", "fetch"]);
});

test("the formula bar evaluates a TIKTOK function and keeps it current as the books change", async () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  const id = "579912345678901234";
  const output = formula(strip, `=TIKTOK.ORDERSTATUS("${id}")`);
  await eventually(() =>
    expect([output.textContent, output.hasAttribute("data-error")]).toEqual([
      `#N/A No order ${id} in the books: fetch it on the Orders tab.`,
      true,
    ]),
  );

  const file = join(__dirname, "..", "core", "posting", "golden", "worked-example.order.json");
  const order = JSON.parse(readFileSync(file, "utf8")) as Order;
  await (await ledgers.getSharedLedger()).saveFetchedOrders("7494049642642441621", [order]);
  await eventually(() =>
    expect([output.textContent, output.hasAttribute("data-error")]).toEqual(["DELIVERED", false]),
  );

  formula(strip, '=TIKTOK.BALANCE("300-000")');
  await eventually(() => expect(output.textContent).toBe("0"));
});

test("a formula that is not a call, or has the wrong number of arguments, says so", () => {
  const strip = ribbon.mountPreviewRibbon(document, workbookElement());
  expect(formula(strip, "hello").textContent).toBe(
    'Write a call such as =TIKTOK.ORDERSTATUS("579912345678901234").',
  );
  expect(formula(strip, '=TIKTOK.SETTLED("1","2")').textContent).toBe("TIKTOK.SETTLED takes 1 argument.");
  expect(formula(strip, "=TIKTOK.BALANCE()").textContent).toBe("TIKTOK.BALANCE takes 1 or 2 arguments.");
});

test("results show as Excel shows them", () => {
  expect(ribbon.showResult(true)).toEqual({ text: "TRUE", error: false });
  expect(ribbon.showResult(62.11)).toEqual({ text: "62.11", error: false });
  expect(ribbon.showResult({ code: "#VALUE!", message: "Give an account code." } as never)).toEqual({
    text: "#VALUE! Give an account code.",
    error: true,
  });
});
