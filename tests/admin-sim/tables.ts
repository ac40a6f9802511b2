/**
 * Time-ordered tables made of generated rows (built on demand, see
 * generate.ts) and concrete rows (seeded from the examples, or written by
 * routes). Scans run newest first over both, filtering on a row's summary
 * and building only the rows that are kept.
 */
import type { AuditRecord, SecurityEventRecord } from './records';
import type { Micros } from './sim-time';

export type EventSummary = Pick<
  SecurityEventRecord,
  'at' | 'event_type' | 'severity'
> & { failure_reason: string | null };

export type AuditSummary = Pick<
  AuditRecord,
  'at' | 'action' | 'resource_type' | 'user_id' | 'tenant_id' | 'status'
>;

export type RowSource<S, R> = {
  readonly length: number;
  at(index: number): Micros;
  summary(index: number): S;
  row(index: number): R;
};

export type TimeTable<S extends { at: Micros }, R extends { at: Micros }> = {
  generated: RowSource<S, R>;
  /** Oldest first. */
  rows: R[];
  summarise(row: R): S;
};

export type EventTable = TimeTable<EventSummary, SecurityEventRecord>;
export type AuditTable = TimeTable<AuditSummary, AuditRecord>;

export type Candidate<S, R> = { summary: S; load(): R };

/** Both parts merged by time, newest first (concrete rows first on ties). */
export function* newestFirst<
  S extends { at: Micros },
  R extends { at: Micros },
>(table: TimeTable<S, R>): Generator<Candidate<S, R>> {
  const { generated, rows } = table;
  let g = generated.length - 1;
  let c = rows.length - 1;
  while (g >= 0 || c >= 0) {
    if (c >= 0 && (g < 0 || rows[c].at >= generated.at(g))) {
      const row = rows[c--];
      yield { summary: table.summarise(row), load: () => row };
    } else {
      const index = g--;
      yield {
        summary: generated.summary(index),
        load: () => generated.row(index),
      };
    }
  }
}

export type Query<S, R> = {
  limit: number;
  /** Matching rows to pass over first. */
  skip?: number;
  where(summary: S): boolean;
  /** A further test that needs the whole row. */
  whereRow?(row: R): boolean;
  /** Stop at rows older than this. */
  since?: Micros;
};

export function newestMatching<
  S extends { at: Micros },
  R extends { at: Micros },
>(table: TimeTable<S, R>, query: Query<S, R>): R[] {
  const found: R[] = [];
  let skipped = 0;
  for (const candidate of newestFirst(table)) {
    if (found.length >= query.limit) break;
    if (query.since !== undefined && candidate.summary.at < query.since) break;
    if (!query.where(candidate.summary)) continue;
    const row = candidate.load();
    if (query.whereRow && !query.whereRow(row)) continue;
    if (skipped < (query.skip ?? 0)) skipped += 1;
    else found.push(row);
  }
  return found;
}

export function tableSize<S extends { at: Micros }, R extends { at: Micros }>(
  table: TimeTable<S, R>,
): number {
  return table.generated.length + table.rows.length;
}

/** Appends keeping time order (new rows are normally the newest). */
export function insertByTime<R extends { at: Micros }>(rows: R[], row: R) {
  let index = rows.length;
  while (index > 0 && rows[index - 1].at > row.at) index -= 1;
  rows.splice(index, 0, row);
}
