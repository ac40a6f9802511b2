import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import type { EventBus } from '../events';

type LastEntry = { scope: string; id: string; kind: string; seq: number };

function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

function lastSeq(db: Db): number {
  const row = statement<{ last: number | null }>(
    db,
    'SELECT max(seq) AS last FROM journal_entries',
  ).get();
  return row?.last ?? 0;
}

/** The newest entry of each scope written after `afterSeq`. */
function newestPerScope(db: Db, afterSeq: number): LastEntry[] {
  return statement<LastEntry>(
    db,
    `SELECT scope, id, kind, seq FROM journal_entries
      WHERE seq IN (
        SELECT max(seq) FROM journal_entries WHERE seq > ? GROUP BY scope
      )`,
  ).all(afterSeq);
}

/**
 * The desktop app, serve mode and the command line may share a data
 * directory, and only the process that wrote an entry announces it. This
 * polls SQLite's `data_version`, which changes when another connection
 * commits, and announces the newest entry of every scope that changed, so
 * an open console shows a note typed in a shell within a second.
 *
 * Returns a function that stops the polling.
 */
export function watchOtherWriters(
  db: Db,
  events: EventBus,
  intervalMs = 1000,
): () => void {
  let version = dataVersion(db);
  let seen = lastSeq(db);

  const timer = setInterval(() => {
    if (!db.open) return;
    const current = dataVersion(db);
    if (current === version) return;
    version = current;
    for (const entry of newestPerScope(db, seen)) {
      events.emit('journal:appended', {
        scope: entry.scope,
        entryId: entry.id,
        kind: entry.kind,
      });
      events.emit('incident:changed', { incidentId: entry.scope });
      seen = Math.max(seen, entry.seq);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
