import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * Prepares each SQL text once per connection. SQL stays visible at the call
 * site; values always go through parameters.
 */
export function statement<Row = unknown>(db: Db, sql: string) {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared as Statement<unknown[], Row>;
}
