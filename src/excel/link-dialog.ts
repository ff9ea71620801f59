/**
 * Opens the link service's authorization flow and waits for the page to hand back the result:
 * Office's dialog API inside Excel, a popup window in preview mode. Our own small wrapper.
 */
import type { TokenBundle } from "../core/tiktok/types";

export type LinkMessage =
  | { type: "shopbooks-link"; ok: true; token: TokenBundle }
  | { type: "shopbooks-link"; ok: false; message: string };

export class LinkDialogError extends Error {
  readonly code = "LINK_DIALOG";
}

function parseLinkMessage(raw: unknown): LinkMessage | undefined {
  const value = typeof raw === "string" ? safeJson(raw) : raw;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "shopbooks-link") {
    return value as LinkMessage;
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const DIALOG_ERRORS: Record<number, string> = {
  12004: "The link page's address is not trusted by Office (check the add-in's AppDomains).",
  12005: "The link page must be served over HTTPS inside Excel.",
  12007: "A ShopBooks dialog is already open: finish or close it first.",
  12009: "The link dialog was dismissed.",
  12011: "The browser blocked the link popup: allow popups for this add-in and try again.",
};

function openOfficeDialog(url: string): Promise<LinkMessage> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(
      url,
      { height: 70, width: 40, promptBeforeOpen: false },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          reject(
            new LinkDialogError(
              DIALOG_ERRORS[result.error.code] ?? `The link dialog could not open (${result.error.message}).`,
            ),
          );
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          const message = "message" in arg ? parseLinkMessage(arg.message) : undefined;
          if (!message) return;
          dialog.close();
          resolve(message);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const code = "error" in arg ? arg.error : 0;
          reject(
            new LinkDialogError(
              code === 12006
                ? "The link window was closed before linking finished."
                : `The link window failed (${code}).`,
            ),
          );
        });
      },
    );
  });
}

function openPopup(url: string): Promise<LinkMessage> {
  return new Promise((resolve, reject) => {
    const popup = window.open(url, "shopbooks-link", "width=520,height=720");
    if (!popup) {
      reject(new LinkDialogError(DIALOG_ERRORS[12011]));
      return;
    }
    let settled = false;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return;
      const message = parseLinkMessage(event.data);
      if (!message) return;
      settled = true;
      cleanup();
      resolve(message);
    };
    const timer = window.setInterval(() => {
      if (!popup.closed) return;
      window.clearInterval(timer);
      // The page posts its message just before closing itself: give it a moment to arrive.
      window.setTimeout(() => {
        if (settled) return;
        cleanup();
        reject(new LinkDialogError("The link window was closed before linking finished."));
      }, 1000);
    }, 500);
    const cleanup = () => {
      window.removeEventListener("message", onMessage);
      window.clearInterval(timer);
    };
    window.addEventListener("message", onMessage);
  });
}

export function openLinkDialog(url: string, inExcel: boolean): Promise<LinkMessage> {
  const absolute = new URL(url, window.location.href).toString();
  return inExcel && typeof Office !== "undefined" && Office.context?.ui
    ? openOfficeDialog(absolute)
    : openPopup(absolute);
}
