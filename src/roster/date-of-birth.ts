/**
 * Reads a date as people type it (a date of birth used as a secret) and returns
 * it as `YYYY-MM-DD`, or undefined when the text is not a real calendar date.
 *
 * Accepted: ISO `2008-03-12`, `2008/03/12`; day-first `12/03/2008`,
 * `12-03-2008`, `12.03.2008`, `12032008`; month names in English or Swahili
 * (`12 March 2008`, `12 Machi 2008`, `March 12, 2008`). Numeric dates are read
 * day first, as in East Africa and most of the world, unless the first number
 * cannot be a month day and the second can (`03/25/2008` is 25 March).
 * Two-digit years are read as the most recent such year that is not in the future.
 */
export function parseTypedDate(text: string, today: Date = new Date()): string | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, " ");

  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$/.exec(value);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    const year = fullYear(numeric[3]!, today);
    const monthFirst = second > 12 && first <= 12;
    return monthFirst ? calendarDate(year, first, second) : calendarDate(year, second, first);
  }

  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (compact) return calendarDate(Number(compact[3]), Number(compact[2]), Number(compact[1]));

  const dayMonthName = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{2}|\d{4})$/.exec(value);
  if (dayMonthName) {
    const month = monthFromName(dayMonthName[2]!);
    return month ? calendarDate(fullYear(dayMonthName[3]!, today), month, Number(dayMonthName[1])) : undefined;
  }

  const monthNameDay = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$/.exec(value);
  if (monthNameDay) {
    const month = monthFromName(monthNameDay[1]!);
    return month ? calendarDate(fullYear(monthNameDay[3]!, today), month, Number(monthNameDay[2])) : undefined;
  }

  return undefined;
}

const MONTH_NAMES: string[][] = [
  ["january", "januari", "jan"],
  ["february", "februari", "feb"],
  ["march", "machi", "mar"],
  ["april", "aprili", "apr"],
  ["may", "mei"],
  ["june", "juni", "jun"],
  ["july", "julai", "jul"],
  ["august", "agosti", "aug", "ago"],
  ["september", "septemba", "sep", "sept"],
  ["october", "oktoba", "oct", "okt"],
  ["november", "novemba", "nov"],
  ["december", "desemba", "dec", "des"],
];

function monthFromName(name: string): number | undefined {
  const index = MONTH_NAMES.findIndex((names) => names.includes(name));
  return index === -1 ? undefined : index + 1;
}

function fullYear(digits: string, today: Date): number {
  if (digits.length === 4) return Number(digits);
  const twoDigit = Number(digits);
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  const candidate = century + twoDigit;
  return candidate > today.getUTCFullYear() ? candidate - 100 : candidate;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
