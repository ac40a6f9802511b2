import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';

/**
 * The admin API's non-secret settings. `cacheBaseUrl` is the platform the
 * cached rows came from, so a change of platform empties the cache.
 */
export type AdminSettings = {
  baseUrl: string | null;
  pollBudgetPerMinute: number | null;
  cacheBaseUrl: string | null;
};

const KEYS = {
  baseUrl: 'base_url',
  pollBudgetPerMinute: 'poll_budget_per_minute',
  cacheBaseUrl: 'cache_base_url',
} as const satisfies Record<keyof AdminSettings, string>;

export function readAdminSettings(db: Db): AdminSettings {
  const rows = statement<{ key: string; value: string }>(
    db,
    'SELECT key, value FROM admin_settings',
  ).all();
  const value = (key: string) =>
    rows.find((row) => row.key === key)?.value ?? null;
  const budget = value(KEYS.pollBudgetPerMinute);
  return {
    baseUrl: value(KEYS.baseUrl),
    pollBudgetPerMinute: budget === null ? null : Number(budget),
    cacheBaseUrl: value(KEYS.cacheBaseUrl),
  };
}

export function saveAdminSetting<K extends keyof AdminSettings>(
  db: Db,
  key: K,
  value: NonNullable<AdminSettings[K]>,
): void {
  statement(
    db,
    `INSERT INTO admin_settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(KEYS[key], String(value));
}
