// Dates found in front matter or in the body. Body times carry no zone and are taken as
// Beijing time; a dateline such as `新华社北京4月30日电` gives month and day only, and no
// year is ever made up for it.
import type { ArticleDate } from './article.ts';

/** The corpus's zone: body times are Beijing wall-clock times. */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isValidDay(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // 2000 is a leap year, so a yearless 2月29日 is allowed.
  const daysInMonth = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** An exact instant. year/month/day/time are the Beijing wall clock at that instant. */
export function dateFromInstant(timestamp: number): ArticleDate | null {
  if (!Number.isFinite(timestamp)) return null;
  const local = new Date(timestamp + BEIJING_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    precision: 'datetime',
    timestamp,
    iso: new Date(timestamp).toISOString(),
  };
}

/** Wall-clock Beijing date and time, e.g. from `2021-11-01 13:42:07` in the body. */
export function dateFromBeijingTime(year: number, month: number, day: number, hour: number, minute: number, second: number): ArticleDate | null {
  if (!isValidDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return dateFromInstant(Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS);
}

/** A calendar day; timestamp is Beijing midnight of that day. */
export function dateFromDay(year: number, month: number, day: number): ArticleDate | null {
  if (year < 1000 || year > 9999 || !isValidDay(year, month, day)) return null;
  return {
    year,
    month,
    day,
    time: null,
    precision: 'date',
    timestamp: Date.UTC(year, month - 1, day) - BEIJING_OFFSET_MS,
    iso: `${year}-${pad(month)}-${pad(day)}`,
  };
}

/** Month and day without a year (a dateline). */
export function dateFromMonthDay(month: number, day: number): ArticleDate | null {
  if (!isValidDay(null, month, day)) return null;
  return { year: null, month, day, time: null, precision: 'month-day', timestamp: null, iso: `--${pad(month)}-${pad(day)}` };
}

const DATETIME = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T\u3000]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:.]|\s*(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC))/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const CHINESE_DAY = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/;
const NUMERIC_DAY = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;

/** A date written in running text: `2021-11-01 13:42:07`, `2021年11月1日`, `2021-11-01`. */
export function findDateInText(text: string): { date: ArticleDate; rule: 'datetime' | 'date' } | null {
  const dt = DATETIME.exec(text);
  if (dt) {
    const [y, mo, d, h, mi, s] = dt.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
    const date = dateFromBeijingTime(y, mo, d, h, mi, s);
    if (date) return { date, rule: 'datetime' };
  }
  for (const re of [CHINESE_DAY, NUMERIC_DAY]) {
    const m = re.exec(text);
    if (m) {
      const date = dateFromDay(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date) return { date, rule: 'date' };
    }
  }
  return null;
}

/**
 * A front matter `date:` value: a YAML timestamp (Date), an RFC 2822 or ISO string, or a
 * zone-less `YYYY-MM-DD HH:MM:SS` (taken as Beijing time). `Invalid Date` and the like → null.
 */
export function parseFrontMatterDate(value: unknown): ArticleDate | null {
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isFinite(t)) return null;
    // YAML gives a bare `2021-11-01` as UTC midnight: keep it as a day, not an instant.
    if (t % 86_400_000 === 0) return dateFromDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return dateFromInstant(t);
  }
  if (typeof value === 'number' && value > 0) return dateFromInstant(value < 1e11 ? value * 1000 : value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  const day = ISO_DAY.exec(text);
  if (day) return dateFromDay(Number(day[1]), Number(day[2]), Number(day[3]));
  const dt = DATETIME.exec(text);
  if (dt && dt.index === 0 && dt[0].length === text.length) return findDateInText(text)?.date ?? null;
  const chinese = CHINESE_DAY.exec(text);
  if (chinese) return findDateInText(text)?.date ?? null;
  return dateFromInstant(Date.parse(text));
}

const DAY_MS = 86_400_000;
const EARLIEST_YEAR = 1970;

/**
 * A date no news article can have: before 1970, or more than a day after `now` (the load
 * time; a day allows for time zones). It would only stretch the date range and filters.
 */
export function isImplausibleDate(date: ArticleDate | null, now: number): boolean {
  if (!date || date.year === null || date.timestamp === null) return false;
  return date.year < EARLIEST_YEAR || date.timestamp > now + DAY_MS;
}

/** `YYYY-MM-DD` (Beijing) when the year is known, else null. */
export function dayString(date: ArticleDate | null): string | null {
  return date && date.year !== null ? `${date.year}-${pad(date.month)}-${pad(date.day)}` : null;
}

/** Plain text for people: `2021-11-01 13:42` (Beijing), `2021-11-01`, or `4月30日` without a year. */
export function dateText(date: ArticleDate | null): string | null {
  if (!date) return null;
  const day = dayString(date);
  if (day === null) return `${date.month}月${date.day}日`;
  return date.time ? `${day} ${date.time.slice(0, 5)}` : day;
}
