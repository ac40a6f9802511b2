/**
 * The platform's data as the simulator holds it, seeded from the contract's
 * examples (so the examples' ids and times line up with what the routes
 * answer) plus generated bulk rows that are all older than the incident
 * morning's example rows. Write routes change it and record an effect each.
 */
import { z } from 'zod';
import { exampleRows, findExample, type ExampleFile } from './examples';
import {
  createRng,
  generateAuditLogs,
  generateSecurityEvents,
  STREAMS,
  streamSeed,
  type Rng,
} from './generate';
import { seedAdminAccounts } from './identities';
import type {
  AdminAccount,
  AllowlistEntry,
  AllowlistSetting,
  AuditRecord,
  BlockEntry,
  SecurityEventRecord,
  SessionRecord,
  SystemLockout,
  TeamInvitation,
  TemporaryBypass,
  TwoFactorRequirement,
} from './records';
import type { RouteId } from './route-types';
import { timestampMicros } from './sim-time';
import type {
  AuditSummary,
  AuditTable,
  Candidate,
  EventSummary,
  EventTable,
} from './tables';

export type EffectKind =
  | 'lockdown.activated'
  | 'lockout.created'
  | 'lockout.deactivated'
  | 'allowlist.entry-created'
  | 'allowlist.entry-updated'
  | 'allowlist.entry-removed'
  | 'allowlist.settings-saved'
  | 'allowlist.bypass-created'
  | 'session.revoked'
  | 'team.member-invited'
  | 'team.member-removed'
  | 'team.role-changed'
  | 'twofactor.requirement-set'
  | 'blocklist.entry-created';

/**
 * One state change a write route made. The expired-session purge that
 * alerts and metrics do on the side (CONTRACT §7.31) is not listed.
 */
export type SimEffect = {
  seq: number;
  /** Simulated time of the change, `…Z`. */
  at: string;
  route: RouteId;
  /** `seq` of the recorded request that caused it. */
  requestSeq: number;
  kind: EffectKind;
  /** Id of the row changed (entry, lockout, session, user…), if any. */
  target: string | null;
  /** The request's `Idempotency-Key` header, honoured or not. */
  idempotencyKey: string | null;
  details: Record<string, unknown>;
};

export type SimState = {
  admins: AdminAccount[];
  sessions: SessionRecord[];
  allowlist: AllowlistEntry[];
  allowlistSettings: AllowlistSetting[];
  bypasses: TemporaryBypass[];
  lockouts: SystemLockout[];
  invitations: TeamInvitation[];
  twoFactorRequirements: TwoFactorRequirement[];
  /** The proposed block list (handlers-controls.ts). */
  blocklist: BlockEntry[];
  events: EventTable;
  audit: AuditTable;
  /** Ids for rows the routes create. */
  ids: Rng;
  effects: SimEffect[];
  /**
   * Benchmarks only (`benchEventPages`): the newest-first walk the next
   * unfiltered events request goes on with. Null as on the platform,
   * which always answers the newest rows.
   */
  benchEventPaging: {
    walk: Iterator<Candidate<EventSummary, SecurityEventRecord>> | null;
  } | null;
};

export type VolumeOptions = {
  /** Security events other than failed logins (default 0). */
  events?: number;
  /** `failed_login_attempt` events (default 0). */
  failedLogins?: number;
  /** Audit-log rows (default 0). */
  auditLogs?: number;
  /** How far back generated rows reach (default 720 h, thirty days). */
  spanHours?: number;
};

/** Every generated row is older than this; every incident-day example row
 * is newer, so with no filters the newest rows are the examples'. */
export const GENERATED_BEFORE = timestampMicros('2025-01-20T09:00:00Z');

const COMMANDER_UUID = '0ae31b98-03d8-489f-bdb1-35657dfc3239';

const eventRow = z.object({
  id: z.string(),
  timestamp: z.string(),
  event_type: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  user_id: z.string().nullable(),
  ip_address: z.string().nullable(),
  description: z.string(),
  details: z.record(z.string(), z.unknown()),
});

const auditRow = z.object({
  id: z.string(),
  user_id: z.string().nullable(),
  ip_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  timestamp: z.string(),
  action: z.string(),
  status: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  tenant_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  message: z.string().nullable(),
});

const sessionRow = z.object({
  session_id: z.string(),
  user_id: z.string(),
  organization_id: z.string(),
  organization_role: z.string(),
  created_at: z.string(),
  last_activity: z.string(),
  expires_at: z.string(),
  ip_address: z.string(),
  user_agent: z.string(),
  device_fingerprint: z.string().nullable(),
  is_active: z.boolean(),
  security_level: z.enum(['standard', 'elevated', 'high']),
});

const globalEntryRow = z.object({
  id: z.string(),
  ip_range: z.string(),
  description: z.string().nullable(),
  is_active: z.boolean(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
});

function rowsOf<T>(file: ExampleFile, name: string, schema: z.ZodType<T>): T[] {
  return exampleRows(file, name).map((row) => schema.parse(row));
}

function seedEvents(): SecurityEventRecord[] {
  const rows = rowsOf('events.json', 'recent-mixed-events', eventRow);
  return rows
    .map(({ timestamp, ...row }) => ({
      ...row,
      at: timestampMicros(timestamp),
    }))
    .reverse();
}

function toAuditRecord(row: z.infer<typeof auditRow>): AuditRecord {
  const { timestamp, ...rest } = row;
  return { ...rest, at: timestampMicros(timestamp) };
}

/** The incident window plus the older row the `filter-by-action` example
 * shows, so both examples are answered from one table. */
function seedAudit(): AuditRecord[] {
  const window = rowsOf('audit-logs.json', 'incident-window', auditRow);
  const byAction = rowsOf('audit-logs.json', 'filter-by-action', auditRow);
  const known = new Set(window.map((row) => row.id));
  const extra = byAction.filter((row) => !known.has(row.id));
  return [...window, ...extra].map(toAuditRecord);
}

function seedSessions(): SessionRecord[] {
  return rowsOf('sessions.json', 'active-sessions', sessionRow).map((row) => ({
    ...row,
    created_at: timestampMicros(row.created_at),
    last_activity: timestampMicros(row.last_activity),
    expires_at: timestampMicros(row.expires_at),
  }));
}

function seedAllowlist(): AllowlistEntry[] {
  const body = findExample('ip-allowlist-list.json', 'global-entries').response
    .body;
  const rows = z.object({ entries: z.array(globalEntryRow) }).parse(body);
  return rows.entries.map((row) => ({
    ...row,
    user_id: null,
    role_id: null,
    tenant_id: null,
    is_global: true,
    expires_at:
      row.expires_at === null ? null : timestampMicros(row.expires_at),
    created_at: timestampMicros(row.created_at),
    updated_at: timestampMicros(row.created_at),
    created_by: COMMANDER_UUID,
  }));
}

function byTime<T extends { at: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.at - b.at);
}

function summariseEvent(row: SecurityEventRecord): EventSummary {
  const reason = row.details.failure_reason;
  const login = row.event_type.includes('failed_login');
  return {
    at: row.at,
    event_type: row.event_type,
    severity: row.severity,
    failure_reason: login && typeof reason === 'string' ? reason : null,
  };
}

function summariseAudit(row: AuditRecord): AuditSummary {
  const { at, action, resource_type, user_id, tenant_id, status } = row;
  return { at, action, resource_type, user_id, tenant_id, status };
}

export function createState(seed: number, volume: VolumeOptions): SimState {
  const spanHours = volume.spanHours ?? 720;
  const events: EventTable = {
    generated: generateSecurityEvents({
      seed,
      events: volume.events ?? 0,
      failedLogins: volume.failedLogins ?? 0,
      end: GENERATED_BEFORE,
      spanHours,
    }),
    rows: seedEvents(),
    summarise: summariseEvent,
  };
  const audit: AuditTable = {
    generated: generateAuditLogs({
      seed,
      count: volume.auditLogs ?? 0,
      end: GENERATED_BEFORE,
      spanHours,
    }),
    rows: byTime(seedAudit()),
    summarise: summariseAudit,
  };
  return {
    admins: seedAdminAccounts(),
    sessions: seedSessions(),
    allowlist: seedAllowlist(),
    allowlistSettings: [],
    bypasses: [],
    lockouts: [],
    invitations: [],
    twoFactorRequirements: [],
    blocklist: [],
    events,
    audit,
    ids: createRng(streamSeed(seed, STREAMS.ids)),
    effects: [],
    benchEventPaging: null,
  };
}
