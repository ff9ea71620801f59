/**
 * Preview mode has neither Excel's ribbon nor its formula bar. This strip above the in-page workbook
 * stands in for both: its Fetch and Post run the very actions Excel would call (with an event whose
 * completed() ends the click), and its formula bar evaluates TIKTOK functions, streaming like a cell.
 */
import { ORDERS_SHEET } from "../core/sheets/order-sheets";
import { formatAmount, previewWorkbookIn, type PreviewWorkbook } from "../excel/preview-workbook";
import { TIKTOK_FUNCTIONS } from "../functions/functions";
import {
  DEFAULT_EXAMPLE,
  isCellReference,
  parseFormula,
  type CellReference,
  type FormulaValue,
} from "../functions/formula-text";
import type { CellResult } from "../functions/ledger-functions";
import { revealPane, type RibbonCommand } from "./command-bus";
import { ribbonAction } from "./ribbon-action";

const STYLE_ID = "sb-ribbon-style";
const RIBBON_CSS = `
.sb-ribbon { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 6px 10px; border-bottom: 1px solid #d6d6d6; background: #fafafa; font: 13px "Segoe UI", system-ui, sans-serif; color: #242424; flex: none; }
.sb-ribbon-group { display: flex; align-items: center; gap: 4px; }
.sb-ribbon-label { font-weight: 600; color: #107c41; margin-right: 4px; }
.sb-ribbon button { font: inherit; padding: 3px 10px; border: 1px solid #c7c7c7; border-radius: 4px; background: #fff; cursor: pointer; }
.sb-ribbon button:hover:not(:disabled) { background: #eef6f0; border-color: #107c41; }
.sb-ribbon button:disabled { color: #8a8a8a; cursor: default; }
.sb-ribbon button:focus-visible, .sb-ribbon input:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 1px; }
.sb-formula { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; flex: 1 1 320px; min-width: 0; }
.sb-formula label { font-style: italic; font-weight: 600; color: #616161; }
.sb-formula input { flex: 1 1 24em; min-width: 12em; font: 13px Consolas, "Courier New", monospace; padding: 3px 6px; border: 1px solid #c7c7c7; border-radius: 4px; }
.sb-formula output { flex: 1 1 16em; min-width: 6em; padding: 3px 8px; border: 1px solid #e0e0e0; border-radius: 4px; background: #fff; white-space: normal; overflow-wrap: anywhere; }
.sb-formula output:empty { display: none; }
.sb-formula output[data-error] { color: #b10e1c; }
`;

function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = RIBBON_CSS;
  doc.head.append(style);
}

/**
 * Functions whose number is an amount: Excel shows them in a cell formatted #,##0.00, so the preview
 * shows two decimals too. The functions themselves return plain numbers, for Excel to calculate with.
 */
const AMOUNT_FUNCTIONS = new Set(["OUTSTANDING", "BALANCE"]);

/** A cell's value as Excel shows it: TRUE/FALSE, numbers (amounts as 1,234.50), errors with their message. */
export function showResult(result: CellResult, format?: "amount"): { text: string; error: boolean } {
  if (typeof result === "boolean") return { text: result ? "TRUE" : "FALSE", error: false };
  if (typeof result === "object" && result !== null) {
    const { code, message } = result as { code: string; message?: string };
    return { text: message ? `${code} ${message}` : code, error: true };
  }
  if (typeof result === "number" && format === "amount") return { text: formatAmount(result), error: false };
  return { text: String(result), error: false };
}

/** How a cell's value reads in a message: text in quotes, as a formula would write it. */
function describeValue(value: FormulaValue): string {
  if (value === null || value === "") return "nothing";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** The first order of "TikTok Orders", for an example that answers; none before orders are fetched. */
async function exampleOf(workbook: PreviewWorkbook | undefined): Promise<string | undefined> {
  const rows = await workbook?.readTable(ORDERS_SHEET);
  const orderId = rows?.[0]?.["Order ID"];
  return typeof orderId === "string" && orderId !== "" ? `=TIKTOK.ORDERSTATUS("${orderId}")` : undefined;
}

const PLACEHOLDER_BEFORE_ORDERS = `${DEFAULT_EXAMPLE}; fetch orders to try =TIKTOK.ORDERSTATUS(B2)`;

export function mountPreviewRibbon(doc: Document, container: HTMLElement): HTMLElement {
  injectStyles(doc);
  const strip = doc.createElement("div");
  strip.className = "sb-ribbon";
  strip.setAttribute("role", "toolbar");
  strip.setAttribute("aria-label", "TikTok Shop ribbon");
  strip.dataset.ribbonState = "idle";

  const group = doc.createElement("div");
  group.className = "sb-ribbon-group";
  const label = doc.createElement("span");
  label.className = "sb-ribbon-label";
  label.textContent = "TikTok Shop";
  group.append(label);

  const open = doc.createElement("button");
  open.type = "button";
  open.textContent = "Open";
  // Named apart from the pane's own Fetch and Post buttons; the names still start with the words shown.
  open.setAttribute("aria-label", "Open (ribbon)");
  open.title = "Open the ShopBooks pane";
  open.addEventListener("click", () => {
    void revealPane();
    doc.querySelector<HTMLElement>('#pane [role="tab"][aria-selected="true"]')?.focus();
  });
  group.append(open);

  const buttons: HTMLButtonElement[] = [];
  const command = (name: RibbonCommand, text: string, title: string) => {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.title = title;
    button.setAttribute("aria-label", `${text} (ribbon)`);
    button.dataset.ribbonCommand = name;
    button.addEventListener("click", () => {
      buttons.forEach((b) => (b.disabled = true));
      strip.dataset.ribbonState = "running";
      strip.setAttribute("aria-busy", "true");
      const completed = () => {
        buttons.forEach((b) => (b.disabled = false));
        strip.dataset.ribbonState = "idle";
        strip.removeAttribute("aria-busy");
      };
      void ribbonAction(name)({ completed } as Office.AddinCommands.Event);
    });
    buttons.push(button);
    group.append(button);
  };
  command("fetch", "Fetch", "Fetch again for the active sheet (TikTok Orders or TikTok Products)");
  command("post", "Post", "Post the ticked rows of the active sheet to the books");

  const formula = doc.createElement("form");
  formula.className = "sb-formula";
  const fx = doc.createElement("label");
  fx.textContent = "fx";
  fx.htmlFor = "sb-formula-input";
  const input = doc.createElement("input");
  input.id = "sb-formula-input";
  input.type = "text";
  input.spellcheck = false;
  input.autocomplete = "off";
  input.placeholder = PLACEHOLDER_BEFORE_ORDERS;
  input.setAttribute("aria-label", "Formula: a TIKTOK function");
  const calculate = doc.createElement("button");
  calculate.type = "submit";
  calculate.textContent = "Calculate";
  const output = doc.createElement("output");
  output.htmlFor.add(input.id);
  output.setAttribute("aria-live", "polite");
  output.setAttribute("aria-label", "Formula result");
  formula.append(fx, input, calculate, output);

  // The example is the formula an empty Calculate evaluates: a real order's status once orders are fetched.
  let example = DEFAULT_EXAMPLE;
  let workbook: PreviewWorkbook | undefined;
  const refreshExample = () =>
    void exampleOf(workbook).then((found) => {
      example = found ?? DEFAULT_EXAMPLE;
      input.placeholder = found ?? PLACEHOLDER_BEFORE_ORDERS;
    });
  // The workbook is created beside the strip; it may come a moment after it.
  const attach = () => {
    if (workbook) return workbook;
    workbook = previewWorkbookIn(container);
    if (workbook) {
      workbook.onWrite((sheet) => sheet === ORDERS_SHEET && refreshExample());
      refreshExample();
    }
    return workbook;
  };
  attach();

  let cancel: (() => void) | undefined;
  const fail = (message: string) => {
    output.textContent = message;
    output.title = message;
    output.toggleAttribute("data-error", true);
  };
  /** Reads each cell reference from the preview workbook, as Excel passes a cell's value. */
  const resolve = (
    args: (FormulaValue | CellReference)[],
  ): { problem: string } | { values: FormulaValue[]; read: string[] } => {
    const values: FormulaValue[] = [];
    const read: string[] = [];
    for (const arg of args) {
      if (!isCellReference(arg)) {
        values.push(arg);
        continue;
      }
      const cell = attach()?.cell(arg) ?? { ok: false, message: "There is no workbook to read cells from." };
      if (!cell.ok) return { problem: `${arg.ref}: ${cell.message}` };
      values.push(cell.value as FormulaValue);
      read.push(`${arg.ref} on ${cell.sheet} (${cell.column}) holds ${describeValue(cell.value as FormulaValue)}`);
    }
    return { values, read };
  };
  formula.addEventListener("submit", (event) => {
    event.preventDefault();
    cancel?.();
    cancel = undefined;
    if (input.value.trim() === "") input.value = example;
    const parsed = parseFormula(input.value, Object.keys(TIKTOK_FUNCTIONS), example);
    if (!parsed.ok) return fail(parsed.message);
    const fn = TIKTOK_FUNCTIONS[parsed.name];
    const [min, max] = fn.arity;
    if (parsed.args.length < min || parsed.args.length > max)
      return fail(
        `TIKTOK.${parsed.name} takes ${min === max ? min : `${min} or ${max}`} argument${max === 1 ? "" : "s"}.`,
      );
    const resolved = resolve(parsed.args);
    if ("problem" in resolved) return fail(resolved.problem);
    output.textContent = "…";
    output.title = "";
    output.removeAttribute("data-error");
    const format = AMOUNT_FUNCTIONS.has(parsed.name) ? "amount" : undefined;
    // When an answer is an error, say what the cells held: the fix may be another cell, not another value.
    const context = resolved.read.length > 0 ? ` (${resolved.read.join("; ")}.)` : "";
    const show = (result: CellResult) => {
      const { text, error } = showResult(result, format);
      const shown = error ? `${text}${context}` : text;
      output.textContent = shown;
      output.title = shown;
      output.toggleAttribute("data-error", error);
    };
    const invocation: { setResult(value: CellResult): void; onCanceled?: () => void } = { setResult: show };
    fn.run(resolved.values as (string | number)[], invocation);
    cancel = () => invocation.onCanceled?.();
  });

  strip.append(group, formula);
  container.prepend(strip);
  return strip;
}

/** Mounts the strip once the preview workbook (#workbook) is on the page. */
export function mountPreviewRibbonWhenReady(doc: Document): void {
  const mount = () => {
    const container = doc.getElementById("workbook");
    if (!container || container.querySelector(".sb-ribbon")) return Boolean(container);
    mountPreviewRibbon(doc, container);
    return true;
  };
  if (mount()) return;
  const observer = new MutationObserver(() => mount() && observer.disconnect());
  observer.observe(doc.documentElement, { childList: true, subtree: true });
}
