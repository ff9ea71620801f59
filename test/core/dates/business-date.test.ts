import { addDays, businessDate, dayStartEpoch, isBusinessDate, localMinute } from "../../../src/core/dates/business-date";

describe("business dates in the store's time zone", () => {
  // 2026-03-01 14:05 in Kuala Lumpur is 06:05 UTC.
  const workedExampleCreateTime = 1772345100;

  test("an order created at 14:05 in Kuala Lumpur is dated that day", () => {
    expect(businessDate(workedExampleCreateTime)).toBe("2026-03-01");
  });

  test("an instant just before 16:00 UTC is still the same day in Kuala Lumpur and just after it is the next", () => {
    expect(businessDate(1772380799)).toBe("2026-03-01"); // 2026-03-01T15:59:59Z = 23:59:59 +08
    expect(businessDate(1772380800)).toBe("2026-03-02"); // 2026-03-01T16:00:00Z = 00:00:00 +08
  });

  test("the offset is a parameter: the same instant is an earlier date at UTC+7 and UTC", () => {
    expect(businessDate(1772380800, 420)).toBe("2026-03-01");
    expect(businessDate(1772380800, 0)).toBe("2026-03-01");
    expect(businessDate(1772380800 + 8 * 3600, 0)).toBe("2026-03-02");
  });

  test("the day starts at 16:00 UTC the day before in Kuala Lumpur", () => {
    expect(dayStartEpoch("2026-03-02")).toBe(1772380800);
    expect(dayStartEpoch("2026-03-02", 0)).toBe(1772409600);
  });

  test("dayStartEpoch and businessDate are inverse across a leap day and a year end", () => {
    for (const date of ["2024-02-29", "2024-03-01", "2025-12-31", "2026-01-01"]) {
      expect(businessDate(dayStartEpoch(date))).toBe(date);
      expect(businessDate(dayStartEpoch(date) - 1)).not.toBe(date);
    }
  });

  test("a malformed or impossible date is refused with the expected form", () => {
    expect(() => dayStartEpoch("2026-02-30")).toThrow('Not a date in the form YYYY-MM-DD: "2026-02-30"');
    expect(() => dayStartEpoch("1/3/2026")).toThrow("YYYY-MM-DD");
    expect(isBusinessDate("2026-13-01")).toBe(false);
    expect(isBusinessDate("2026-12-31")).toBe(true);
  });

  test("a time that is not a number is refused", () => {
    expect(() => businessDate(Number.NaN)).toThrow("Not a Unix time in seconds: NaN");
  });

  test("addDays moves across month ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });

  test("an instant to the minute in Kuala Lumpur, or in another zone; seconds are dropped, not rounded", () => {
    expect(localMinute(workedExampleCreateTime)).toBe("2026-03-01 14:05");
    expect(localMinute(workedExampleCreateTime + 59)).toBe("2026-03-01 14:05");
    expect(localMinute(dayStartEpoch("2026-03-02") - 1)).toBe("2026-03-01 23:59");
    expect(localMinute(workedExampleCreateTime, 0)).toBe("2026-03-01 06:05");
    expect(localMinute(0, -300)).toBe("1969-12-31 19:00");
  });
});
