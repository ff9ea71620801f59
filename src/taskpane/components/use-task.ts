import { useCallback, useRef, useState } from "react";
import { RelinkNeededError } from "../../core/tiktok/client";

export type Notice = { intent: "success" | "error" | "warning" | "info"; text: string; relink?: boolean };

/** Long work running anywhere in the pane (each tab has its own task). */
let running = 0;

export function anyTaskRunning(): boolean {
  return running > 0;
}

/** Runs one piece of long work at a time, with a busy flag, a cancel and a message for the user. */
export function useTask() {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async <T,>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    controller.current = new AbortController();
    running++;
    setBusy(label);
    setNotice(null);
    try {
      return await work(controller.current.signal);
    } catch (error) {
      const relink = error instanceof RelinkNeededError;
      setNotice({ intent: "error", text: error instanceof Error ? error.message : String(error), relink });
      return undefined;
    } finally {
      controller.current = null;
      running--;
      setBusy(null);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { busy, notice, setNotice, run, cancel };
}
