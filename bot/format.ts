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
