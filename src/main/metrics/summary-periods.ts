import type { SummaryPeriod } from '../../shared/metrics-types';

/** A period as UTC instants: `start` inclusive, `end` exclusive. */
export type PeriodBounds = { start: string; end: string; label: string };

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.000000Z`;
}

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function dayLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The ISO week's Monday, 00:00 UTC. */
export function weekStart(ms: number): number {
  const day = utcDay(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
}

function monthBounds(year: number, month: number, months: number) {
  return {
    start: Date.UTC(year, month, 1),
    end: Date.UTC(year, month + months, 1),
  };
}

/** The period of the given kind that holds the instant `atMs`. */
export function periodBounds(
  period: SummaryPeriod,
  atMs: number,
): PeriodBounds {
  const date = new Date(atMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (period) {
    case 'daily': {
      const start = utcDay(atMs);
      return {
        start: iso(start),
        end: iso(start + DAY_MS),
        label: dayLabel(start),
      };
    }
    case 'weekly': {
      const start = weekStart(atMs);
      return {
        start: iso(start),
        end: iso(start + 7 * DAY_MS),
        label: `week of ${dayLabel(start)}`,
      };
    }
    case 'monthly': {
      const { start, end } = monthBounds(year, month, 1);
      return {
        start: iso(start),
        end: iso(end),
        label: dayLabel(start).slice(0, 7),
      };
    }
    case 'quarterly': {
      const first = month - (month % 3);
      const { start, end } = monthBounds(year, first, 3);
      return {
        start: iso(start),
        end: iso(end),
        label: `${year} Q${first / 3 + 1}`,
      };
    }
  }
}

/** Whether stored UTC text lies in the bounds; text compares in time order. */
export function within(time: string | null, bounds: PeriodBounds): boolean {
  return time !== null && time >= bounds.start && time < bounds.end;
}

/** The `count` weeks ending with the one that holds `atMs`, oldest first. */
export function weeksEnding(atMs: number, count: number): PeriodBounds[] {
  const last = weekStart(atMs);
  return Array.from({ length: count }, (_, index) =>
    periodBounds('weekly', last - (count - 1 - index) * 7 * DAY_MS),
  );
}

/** The months of a quarter (or a single month), as `YYYY-MM`. */
export function monthsIn(bounds: PeriodBounds): string[] {
  const months: string[] = [];
  const date = new Date(Date.parse(bounds.start.slice(0, 19) + 'Z'));
  while (iso(date.getTime()) < bounds.end) {
    months.push(date.toISOString().slice(0, 7));
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return months;
}
