import { ulid } from 'ulid';
import type { EvidenceItem } from '../../shared/evidence-types';
import { AppFailure } from '../../shared/result';
import { parseZonedTimestamp } from '../../shared/timestamps';
import type {
  AdminClient,
  AuditLogPull,
} from '../admin-api/admin-client-types';
import { takeInContent, type IntakeContext } from '../evidence/evidence-intake';
import { requireIncident } from '../incidents/incident-store';
import { adminFailure } from './admin-failure';

export type AuditPullInput = {
  incidentId: string;
  /** ISO 8601 with a zone, as the contract checked it. */
  start: string;
  end: string;
  actor: string;
};

type Window = { start: string; end: string };

function utcOf(value: string, field: string): string {
  const parsed = parseZonedTimestamp(value);
  if (parsed === null) {
    throw new AppFailure('invalid-input', `${field} is not a zoned time`);
  }
  return parsed.utc;
}

function checkWindow(input: AuditPullInput): Window {
  const window = {
    start: utcOf(input.start, 'start'),
    end: utcOf(input.end, 'end'),
  };
  if (window.start >= window.end) {
    throw new AppFailure(
      'invalid-input',
      `end (${input.end}) must be after start (${input.start})`,
    );
  }
  return window;
}

/** `2025-01-20T00:00:00.000000Z` → `20250120T000000Z`. */
function compactTime(utc: string): string {
  return utc.replace(/\.0{6}Z$/, 'Z').replace(/[-:]/g, '');
}

export function auditEvidenceName(window: Window): string {
  return `audit-logs-${compactTime(window.start)}-${compactTime(window.end)}.json`;
}

/** `GET /api/admin/audit/logs?…` → `/api/admin/audit/logs?…`. */
function pathOf(endpoint: string): string {
  return endpoint.replace(/^[A-Z]+ /, '');
}

/**
 * The evidence file: the server's bodies exactly as received (one per
 * page), the rows as the console read them, and where and when it all
 * came from.
 */
function evidenceDocument(
  client: AdminClient,
  window: Window,
  pull: AuditLogPull,
  retrievedAt: string,
): string {
  const document = {
    source: 'admin-api',
    baseUrl: client.baseUrl,
    window,
    retrievedAt,
    complete: pull.complete,
    rowCount: pull.rows.length,
    pages: pull.pages,
    rows: pull.rows,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function describePull(window: Window, pull: AuditLogPull): string {
  const partial = pull.complete
    ? ''
    : '; INCOMPLETE: paging stopped at the page limit before the window end';
  return (
    `Audit log ${window.start} to ${window.end}: ${pull.rows.length} ` +
    `row(s) in ${pull.pages.length} page(s)${partial}`
  );
}

async function fetchAuditLogs(client: AdminClient, window: Window) {
  if (!client.has('audit-logs')) {
    const view = client
      .capabilities()
      .find((capability) => capability.capability === 'audit-logs');
    throw new AppFailure(
      'not-found',
      `the platform offers no audit-log route` +
        (view ? `: ${view.reason}` : ' (capabilities not read yet)'),
    );
  }
  const result = await client.auditLogs(window);
  if (!result.ok) throw adminFailure('pulling the audit log', result.error);
  return result;
}

/**
 * Pulls the platform's audit log for a window and keeps it in the evidence
 * log as an API response, hashed on intake like any other evidence.
 * Nothing is saved if the platform does not answer.
 */
export async function pullAuditLogs(
  intake: IntakeContext,
  client: AdminClient,
  input: AuditPullInput,
): Promise<EvidenceItem> {
  requireIncident(intake.db, input.incidentId);
  const window = checkWindow(input);
  const { value: pull, receivedAt } = await fetchAuditLogs(client, window);

  const first = pull.pages[0];
  const content = evidenceDocument(client, window, pull, receivedAt);
  return takeInContent(
    intake,
    Buffer.from(content, 'utf8'),
    {
      name: auditEvidenceName(window),
      source: 'api-response',
      originalPath: `${client.baseUrl}${first ? pathOf(first.endpoint) : ''}`,
      sourceHost: new URL(client.baseUrl).host,
      originalModifiedAt: null,
      capture: {
        endpoint: first?.endpoint ?? null,
        status: first?.status ?? null,
        statuses: pull.pages.map((page) => page.status),
        retrievedAt: receivedAt,
        pages: pull.pages.length,
        rows: pull.rows.length,
        complete: pull.complete,
        windowStart: window.start,
        windowEnd: window.end,
      },
    },
    {
      incidentId: input.incidentId,
      actor: input.actor,
      type: 'api-response',
      description: describePull(window, pull),
      tags: ['admin-api', 'audit-log'],
      linkedEntries: [],
    },
    { intakeId: ulid() },
  );
}
