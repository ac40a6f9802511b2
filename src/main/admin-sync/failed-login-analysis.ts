import type {
  FailedLoginAnalysis,
  FailedLoginFlag,
} from '../../shared/admin-api-types';
import { formatEpochMicros, parseStoredUtc } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';

/**
 * One address failing against at least this many distinct accounts is
 * flagged as credential stuffing. The platform itself calls an address
 * suspicious at more than 5 failed logins in an hour (CONTRACT §4.1.3,
 * `suspicious_ips`); here the count is of distinct accounts, which a
 * person mistyping their own password never reaches.
 */
export const CREDENTIAL_STUFFING_USERS_PER_IP = 6;

/**
 * One account failing from at least this many distinct addresses is
 * flagged as a distributed attack: the same "more than 5" line, counted
 * the other way round, well above the two or three networks (office,
 * home, phone) one person logs in from.
 */
export const DISTRIBUTED_ATTACK_IPS_PER_USER = 6;

export const DEFAULT_WINDOW_HOURS = 24;

/** Each breakdown lists at most this many addresses or accounts. */
export const BREAKDOWN_LIMIT = 100;

const MICROS_PER_HOUR = 3_600_000_000;

/** Stored UTC text of the start of the hour `micros` falls in. */
function hourStart(micros: number): string {
  return formatEpochMicros(
    Math.floor(micros / MICROS_PER_HOUR) * MICROS_PER_HOUR,
  );
}

/** `2025-01-20T10` → `2025-01-20T10:00:00.000000Z`. */
function hourFromKey(key: string): string {
  return `${key}:00:00.000000Z`;
}

/**
 * Attempts per hour, oldest first: every hour of the window, with zero
 * where nothing failed, and any later hour a row carries (a platform
 * clock a little ahead of this one).
 */
function hourlyCounts(
  db: Db,
  since: string,
  windowHours: number,
): FailedLoginAnalysis['overTime'] {
  const counted = statement<{ hour: string; attempts: number }>(
    db,
    `SELECT substr(occurred_at, 1, 13) AS hour, count(*) AS attempts
       FROM admin_failed_logins WHERE occurred_at >= ?
      GROUP BY hour ORDER BY hour`,
  ).all(since);
  const byHour = new Map(counted.map((row) => [hourFromKey(row.hour), row]));
  const firstMicros = parseStoredUtc(since);
  const hours: FailedLoginAnalysis['overTime'] = [];
  for (let index = 0; index < windowHours; index += 1) {
    const start = formatEpochMicros(firstMicros + index * MICROS_PER_HOUR);
    hours.push({
      hourStart: start,
      attempts: byHour.get(start)?.attempts ?? 0,
    });
    byHour.delete(start);
  }
  for (const [start, row] of byHour) {
    hours.push({ hourStart: start, attempts: row.attempts });
  }
  return hours;
}

function breakdowns(db: Db, since: string) {
  const byIp = statement<{ ip: string; attempts: number; users: number }>(
    db,
    `SELECT ip_address AS ip, count(*) AS attempts,
            count(DISTINCT account) AS users
       FROM admin_failed_logins
      WHERE occurred_at >= ? AND ip_address IS NOT NULL
      GROUP BY ip_address ORDER BY attempts DESC, ip LIMIT ?`,
  ).all(since, BREAKDOWN_LIMIT);
  const byUser = statement<{ user: string; attempts: number; ips: number }>(
    db,
    `SELECT account AS user, count(*) AS attempts,
            count(DISTINCT ip_address) AS ips
       FROM admin_failed_logins
      WHERE occurred_at >= ? AND account IS NOT NULL
      GROUP BY account ORDER BY attempts DESC, user LIMIT ?`,
  ).all(since, BREAKDOWN_LIMIT);
  return { byIp, byUser };
}

/** Every subject over a threshold, not only those in the breakdowns. */
function findFlags(db: Db, since: string): FailedLoginFlag[] {
  const stuffing = statement<{ subject: string; count: number }>(
    db,
    `SELECT ip_address AS subject, count(DISTINCT account) AS count
       FROM admin_failed_logins
      WHERE occurred_at >= ? AND ip_address IS NOT NULL
      GROUP BY ip_address HAVING count >= ?
      ORDER BY count DESC, subject`,
  ).all(since, CREDENTIAL_STUFFING_USERS_PER_IP);
  const distributed = statement<{ subject: string; count: number }>(
    db,
    `SELECT account AS subject, count(DISTINCT ip_address) AS count
       FROM admin_failed_logins
      WHERE occurred_at >= ? AND account IS NOT NULL
      GROUP BY account HAVING count >= ?
      ORDER BY count DESC, subject`,
  ).all(since, DISTRIBUTED_ATTACK_IPS_PER_USER);
  return [
    ...stuffing.map((row) => ({
      pattern: 'credential-stuffing' as const,
      ...row,
      threshold: CREDENTIAL_STUFFING_USERS_PER_IP,
    })),
    ...distributed.map((row) => ({
      pattern: 'distributed-attack' as const,
      ...row,
      threshold: DISTRIBUTED_ATTACK_IPS_PER_USER,
    })),
  ];
}

/**
 * The cached failed logins of the current hour and the `windowHours - 1`
 * hours before it: counts by address, by account and per hour, and the
 * attack patterns they cross. Reads the cache only, so it works offline.
 */
export function analyseFailedLogins(
  db: Db,
  nowMicros: number,
  windowHours = DEFAULT_WINDOW_HOURS,
): FailedLoginAnalysis {
  const since = hourStart(nowMicros - (windowHours - 1) * MICROS_PER_HOUR);
  const total = statement<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM admin_failed_logins
      WHERE occurred_at >= ?`,
  ).get(since)!.total;
  return {
    windowHours,
    total,
    ...breakdowns(db, since),
    overTime: hourlyCounts(db, since, windowHours),
    flags: findFlags(db, since),
    thresholds: {
      credentialStuffingUsersPerIp: CREDENTIAL_STUFFING_USERS_PER_IP,
      distributedAttackIpsPerUser: DISTRIBUTED_ATTACK_IPS_PER_USER,
    },
  };
}
