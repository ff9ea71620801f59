/**
 * Business dates are calendar dates in the store's time zone ('YYYY-MM-DD'), whatever the PC's zone.
 * The store's zone is a fixed UTC offset (Asia/Kuala_Lumpur is UTC+8 with no daylight saving).
 */

export const KUALA_LUMPUR_OFFSET_MINUTES = 480;

export class DateError extends Error {
  readonly code = "DATE";
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of a Unix instant (seconds) in a zone `offsetMinutes` east of UTC. */
export function businessDate(epochSeconds: number, offsetMinutes = KUALA_LUMPUR_OFFSET_MINUTES): string {
  if (!Number.isFinite(epochSeconds)) throw new DateError(`Not a Unix time in seconds: ${epochSeconds}`);
  // Shifting the instant and reading UTC fields never consults the PC's own time zone.
  const shifted = new Date((Math.floor(epochSeconds) + offsetMinutes * 60) * 1000);
  if (Number.isNaN(shifted.getTime())) throw new DateError(`Not a Unix time in seconds: ${epochSeconds}`);
  const y = shifted.getUTCFullYear();
  const m = shifted.getUTCMonth() + 1;
  const d = shifted.getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function isBusinessDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** The Unix instant (seconds) at which `date` begins in the zone `offsetMinutes` east of UTC. */
export function dayStartEpoch(date: string, offsetMinutes = KUALA_LUMPUR_OFFSET_MINUTES): number {
  if (!isBusinessDate(date)) throw new DateError(`Not a date in the form YYYY-MM-DD: "${date}"`);
  const [y, m, d] = date.split("-").map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  return utc.getTime() / 1000 - offsetMinutes * 60;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new DateError(`Not a whole number of days: ${days}`);
  return businessDate(dayStartEpoch(date, 0) + days * 86400, 0);
}

/** "2026-03-14 09:30": a Unix instant (seconds) to the minute, in the zone `offsetMinutes` east of UTC. */
export function localMinute(epochSeconds: number, offsetMinutes = KUALA_LUMPUR_OFFSET_MINUTES): string {
  const minuteOfDay = Math.floor((((Math.floor(epochSeconds) + offsetMinutes * 60) % 86400) + 86400) % 86400 / 60);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, "0");
  const mm = String(minuteOfDay % 60).padStart(2, "0");
  return `${businessDate(epochSeconds, offsetMinutes)} ${hh}:${mm}`;
}
