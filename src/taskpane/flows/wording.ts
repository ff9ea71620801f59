/** Wording the pane's flows share: counts with their noun, and when a run started. */

/** "1 order", "2 orders": a count and its noun, singular or plural. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** When a run started, as the Payment tab's list of payment runs shows it ("2026-04-01 04:00"). */
export function runTime(startedAt: string): string {
  return startedAt.slice(0, 16).replace("T", " ");
}
