/**
 * The escalation overview and communication drafts of one incident, built
 * from its command state, its journal and the organisation's data.
 */
import { CONTACTS_ENTRY_KINDS } from '../../shared/contacts-entry-wording';
import {
  computeEscalation,
  computeRegulatoryClock,
  fillTemplate,
  isDataBreach,
  nextInternalUpdate,
  type EscalationOverview,
  type RegulatoryStatus,
} from '../../shared/escalation-plan';
import type { IncidentCommandState } from '../../shared/incident-command-types';
import { describeEntry } from '../../shared/journal-types';
import type { ResponseRules } from '../../shared/response-rules';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { readCommandState } from '../incidents/command-state';
import {
  listRegimes,
  readNotifications,
  readSent,
  requireTemplate,
} from './comms-store';
import { listContacts } from './contact-store';

const awareAt = (state: IncidentCommandState) =>
  state.detectedAt ?? state.openedAt;

function regulatoryStatus(
  db: Db,
  state: IncidentCommandState,
  regulatorSentAt: string | null,
  now: number,
): RegulatoryStatus | null {
  if (!isDataBreach(state.category, state.subtype)) return null;
  const [regime] = listRegimes(db);
  if (!regime) return null;
  return {
    regimeId: regime.id,
    regimeLabel: regime.label,
    hours: regime.hours,
    awareAt: awareAt(state),
    clock: computeRegulatoryClock({
      awareAt: awareAt(state),
      hours: regime.hours,
      notifiedAt: regulatorSentAt,
      now,
    }),
  };
}

export function readEscalationOverview(
  db: Db,
  rules: ResponseRules,
  incidentId: string,
  now: number,
): EscalationOverview {
  const state = readCommandState(db, incidentId);
  const notifications = readNotifications(db, incidentId);
  const sent = readSent(db, incidentId);
  const lastOf = (audience: string) =>
    sent.filter((s) => s.audience === audience).at(-1)?.sentAt ?? null;
  return {
    incidentId,
    nowMicros: now,
    escalation: computeEscalation(rules, {
      detectedAt: awareAt(state),
      severityHistory: state.severityHistory,
      notifications,
      contacts: listContacts(db),
      now,
    }),
    notifications,
    sent,
    regulatory: regulatoryStatus(db, state, lastOf('regulator'), now),
    nextUpdate: nextInternalUpdate({
      severity: state.severity,
      detectedAt: awareAt(state),
      lastUpdateAt: lastOf('internal'),
      now,
    }),
  };
}

const NOT_JOURNALED_IN_ACTIONS: ReadonlySet<string> = new Set([
  CONTACTS_ENTRY_KINDS.sent,
]);

/** The incident's entries so far as a Markdown list, the latest 15. */
function actionsSoFar(db: Db, incidentId: string): string {
  const rows = statement<{ kind: string; payload: string }>(
    db,
    `SELECT kind, payload FROM journal_entries WHERE scope = ?
      ORDER BY scope_pos DESC LIMIT 15`,
  ).all(incidentId);
  const lines = rows
    .reverse()
    .filter((row) => !NOT_JOURNALED_IN_ACTIONS.has(row.kind))
    .map((row) => `- ${describeEntry(row.kind, JSON.parse(row.payload))}`);
  return lines.length > 0 ? lines.join('\n') : '- (none recorded yet)';
}

export function draftCommunication(
  db: Db,
  input: { incidentId: string; templateId: string },
  now: number,
): { body: string } {
  const template = requireTemplate(db, input.templateId);
  const state = readCommandState(db, input.incidentId);
  const body = fillTemplate(template.body, {
    title: state.title,
    'incident-id': state.incidentId,
    severity: state.severity,
    phase: state.phase,
    'detected-at': awareAt(state),
    'opened-at': state.openedAt,
    now: formatEpochMicros(now),
    actions: actionsSoFar(db, input.incidentId),
  });
  return { body };
}
