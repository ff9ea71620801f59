/**
 * Preview mode has neither Excel's ribbon nor its formula bar. This strip above the in-page workbook
 * stands in for both: its Fetch and Post run the very actions Excel would call (with an event whose
 * completed() ends the click), and its formula bar evaluates TIKTOK functions, streaming like a cell.
 */
import { TIKTOK_FUNCTIONS } from "../functions/functions";
import { parseFormula } from "../functions/formula-text";
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
.sb-formula { display: flex; align-items: center; gap: 4px; flex: 1 1 320px; min-width: 0; }
.sb-formula label { font-style: italic; font-weight: 600; color: #616161; }
.sb-formula input { flex: 1; min-width: 8em; font: 13px Consolas, "Courier New", monospace; padding: 3px 6px; border: 1px solid #c7c7c7; border-radius: 4px; }
.sb-formula output { min-width: 6em; padding: 3px 8px; border: 1px solid #e0e0e0; border-radius: 4px; background: #fff; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40ch; }
.sb-formula output[data-error] { color: #b10e1c; }
`;

function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = RIBBON_CSS;
  doc.head.append(style);
}

/** A cell's value as Excel shows it: TRUE/FALSE, numbers as they are, errors with their message. */
export function showResult(result: CellResult): { text: string; error: boolean } {
  if (typeof result === "boolean") return { text: result ? "TRUE" : "FALSE", error: false };
  if (typeof result === "object" && result !== null) {
    const { code, message } = result as { code: string; message?: string };
    return { text: message ? `${code} ${message}` : code, error: true };
  }
  return { text: String(result), error: false };
}

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
  input.placeholder = '=TIKTOK.ORDERSTATUS("579912345678901234")';
  input.setAttribute("aria-label", "Formula: a TIKTOK function");
  const calculate = doc.createElement("button");
  calculate.type = "submit";
  calculate.textContent = "Calculate";
  const output = doc.createElement("output");
  output.htmlFor.add(input.id);
  output.setAttribute("aria-live", "polite");
  output.setAttribute("aria-label", "Formula result");
  formula.append(fx, input, calculate, output);

  let cancel: (() => void) | undefined;
  const show = (result: CellResult) => {
    const { text, error } = showResult(result);
    output.textContent = text;
    output.title = text;
    output.toggleAttribute("data-error", error);
  };
  formula.addEventListener("submit", (event) => {
    event.preventDefault();
    cancel?.();
    cancel = undefined;
    const parsed = parseFormula(input.value, Object.keys(TIKTOK_FUNCTIONS));
    if (!parsed.ok) {
      output.textContent = parsed.message;
      output.toggleAttribute("data-error", true);
      return;
    }
    const fn = TIKTOK_FUNCTIONS[parsed.name];
    const [min, max] = fn.arity;
    if (parsed.args.length < min || parsed.args.length > max) {
      output.textContent = `TIKTOK.${parsed.name} takes ${min === max ? min : `${min} or ${max}`} argument${max === 1 ? "" : "s"}.`;
      output.toggleAttribute("data-error", true);
      return;
    }
    output.textContent = "…";
    output.removeAttribute("data-error");
    const invocation: { setResult(value: CellResult): void; onCanceled?: () => void } = { setResult: show };
    fn.run(parsed.args as (string | number)[], invocation);
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
