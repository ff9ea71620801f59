/**
 * Ribbon Fetch and Post (ExecuteFunction). Office queues further clicks until `event.completed()`,
 * so it is called on every path, errors included; the pane reports what went wrong.
 */
import { runRibbonCommand, type RibbonCommand } from "./command-bus";

export function ribbonAction(command: RibbonCommand): (event: Office.AddinCommands.Event) => Promise<void> {
  return async (event) => {
    try {
      await runRibbonCommand(command);
    } catch {
      // The pane's handler reports failures itself; a command has nowhere to show them.
    } finally {
      event.completed();
    }
  };
}
