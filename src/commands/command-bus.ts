/**
 * Where ribbon clicks meet the task pane. The pane registers the handler once it is up; until then a
 * click opens the pane so the user sees why nothing happened yet.
 */
export type RibbonCommand = "fetch" | "post";

type RibbonHandler = (command: RibbonCommand) => Promise<void>;

let ribbonHandler: RibbonHandler | undefined;
let showPane: (() => Promise<void>) | undefined;

/** The pane's Fetch / Post behaviour for the active sheet; `undefined` unregisters it. */
export function setRibbonHandler(handler: RibbonHandler | undefined): void {
  ribbonHandler = handler;
}

/** How to bring the task pane forward (Office.addin.showAsTaskpane in Excel). */
export function setShowPane(show: (() => Promise<void>) | undefined): void {
  showPane = show;
}

/** Brings the pane forward, e.g. so a ribbon command's message can be read. */
export async function revealPane(): Promise<void> {
  await showPane?.();
}

export async function runRibbonCommand(command: RibbonCommand): Promise<void> {
  if (ribbonHandler) {
    await ribbonHandler(command);
    return;
  }
  await showPane?.();
}
