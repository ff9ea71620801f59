import { useRef } from "react";

/** The last question asked: a dialog keeps showing it while it closes, after the question is cleared. */
export function useLastAsked<T>(asked: T | null): T | null {
  const last = useRef<T | null>(null);
  if (asked !== null) last.current = asked;
  return last.current;
}
