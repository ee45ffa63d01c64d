import type { Lang } from "./messages";

/** Dates, times and numbers as a person of `lang` reads them, in the company's time zone. */
export interface Format {
  /** 01.12.2026 */
  date(iso: string): string;
  /** 01.12.2026, 18:30 */
  dateTime(iso: string): string;
  /** 487,5 */
  number(n: number): string;
}

/** One Format per language and time zone: Intl's formatters are costly to make, cheap to reuse. */
const made = new Map<string, Format>();

export function formatFor(lang: Lang, timeZone: string): Format {
  const key = `${lang} ${timeZone}`;
  let format = made.get(key);
  if (!format) made.set(key, (format = makeFormat(lang, timeZone)));
  return format;
}

function makeFormat(lang: Lang, timeZone: string): Format {
  const locale = lang === "ru" ? "ru-RU" : "en-GB";
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: "2-digit", month: "2-digit", year: "numeric" });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    number: (n) => number.format(n),
  };
}

/** A period of whole days in the company's time zone, as the dashboard's presets count them. */
export interface Days {
  /** the first day's midnight, ISO (UTC) */
  from: string;
  /** the midnight after the last day, ISO (UTC) */
  to: string;
  /** 2026-11-27: the first day, as the dashboard's address names it */
  firstDay: string;
  /** 2026-12-03: the last day, today */
  lastDay: string;
}

/** The last `n` days in `timeZone`, today included (the dashboard's «7 дней»). */
export function lastDays(n: number, timeZone: string, now = new Date()): Days {
  const today = dayOf(now, timeZone);
  const firstDay = addDays(today, -(n - 1));
  return { from: midnight(firstDay, timeZone).toISOString(), to: midnight(addDays(today, 1), timeZone).toISOString(), firstDay, lastDay: today };
}

function dayOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** How far `timeZone`'s clock is ahead of UTC at `t` (ms). */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) - Math.floor(t / 1000) * 1000;
}

/** The moment `day` begins in `timeZone` (twice round: the offset may differ at that moment). */
function midnight(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}
