import type { PhaseBlockers } from '../../shared/incident-command-types';
import type {
  MilestoneKind,
  PhaseId,
  Resolution,
  Role,
} from '../../shared/incident-lifecycle';
import { PHASE_IDS } from '../../shared/incident-lifecycle';
import type { DetectionMethod, Severity } from '../../shared/incident-taxonomy';
import { AppFailure } from '../../shared/result';
import { parseZonedTimestamp } from '../../shared/timestamps';
import {
  openRequiredItems,
  phasesThrough,
} from '../checklists/checklist-store';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import { getIncident } from './incident-store';

/** Journal kinds of incident command; the timeline describes each. */
export const COMMAND_KINDS = {
  severityChanged: 'incident.severity-changed',
  detectionRecorded: 'incident.detection-recorded',
  milestoneSet: 'incident.milestone-set',
  phaseAdvanced: 'incident.phase-advanced',
  roleAssigned: 'incident.role-assigned',
  closed: 'incident.closed',
} as const;

type Actor = { incidentId: string; actor: string };

function openIncident(db: Db, incidentId: string) {
  const incident = getIncident(db, incidentId);
  if (incident.status === 'closed') {
    throw new AppFailure(
      'invalid-input',
      `incident ${incidentId} is closed; its classification and phase are final`,
    );
  }
  return incident;
}

function zoned(text: string, field: string) {
  const parsed = parseZonedTimestamp(text);
  if (!parsed) {
    throw new AppFailure('invalid-input', `${field} is not a zoned time`);
  }
  return parsed;
}

export type SeverityChange = Actor & {
  severity: Severity;
  reason: string;
  impact?: { confidentiality: string; integrity: string; availability: string };
};

export function changeSeverity(
  db: Db,
  writer: JournalWriter,
  change: SeverityChange,
) {
  const incident = openIncident(db, change.incidentId);
  if (incident.severity === change.severity) {
    throw new AppFailure(
      'invalid-input',
      `the incident is already ${change.severity}`,
    );
  }
  return appendEntry(
    db,
    writer,
    {
      scope: change.incidentId,
      kind: COMMAND_KINDS.severityChanged,
      actor: change.actor,
      payload: {
        severity: change.severity,
        previous: incident.severity,
        reason: change.reason,
        impact: change.impact ? { ...change.impact } : null,
      },
    },
    () =>
      statement(db, 'UPDATE incidents SET severity = ? WHERE id = ?').run(
        change.severity,
        change.incidentId,
      ),
  );
}

export type DetectionRecord = Actor & {
  detectedAt: string;
  detectionMethod: DetectionMethod;
};

export function recordDetection(
  db: Db,
  writer: JournalWriter,
  record: DetectionRecord,
) {
  openIncident(db, record.incidentId);
  const detectedAt = zoned(record.detectedAt, 'detectedAt');
  return appendEntry(
    db,
    writer,
    {
      scope: record.incidentId,
      kind: COMMAND_KINDS.detectionRecorded,
      actor: record.actor,
      payload: {
        detectedAt: detectedAt.utc,
        detectedAtOffset: detectedAt.offset,
        detectionMethod: record.detectionMethod,
      },
      occurredAt: detectedAt,
    },
    () =>
      statement(
        db,
        `UPDATE incidents SET detected_at = ?, detection_method = ?
          WHERE id = ?`,
      ).run(detectedAt.utc, record.detectionMethod, record.incidentId),
  );
}

export type MilestoneInput = Actor & {
  milestone: MilestoneKind;
  at: string;
  note?: string;
};

/** A milestone keeps its real time, which may be long before now. */
export function setMilestone(
  db: Db,
  writer: JournalWriter,
  input: MilestoneInput,
) {
  getIncident(db, input.incidentId);
  const at = zoned(input.at, 'at');
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: COMMAND_KINDS.milestoneSet,
    actor: input.actor,
    payload: {
      milestone: input.milestone,
      at: at.utc,
      offset: at.offset,
      note: input.note ?? '',
    },
    occurredAt: at,
  });
}

function describeBlockers(blockers: PhaseBlockers[]): string {
  return blockers
    .map((blocker) => `${blocker.phase}: ${blocker.itemIds.join(', ')}`)
    .join('; ');
}

/**
 * Refuses, with kind `blocked`, while required items are open, unless the
 * commander gives a reason to go on; the reason and the open items are
 * journaled with the change.
 */
function checkBlockers(
  blockers: PhaseBlockers[],
  overrideReason: string | undefined,
  action: string,
): void {
  if (blockers.length === 0 || overrideReason) return;
  throw new AppFailure(
    'blocked',
    `required checklist items are still open, so the incident cannot ` +
      `${action} without a reason to override: ${describeBlockers(blockers)}`,
  );
}

export type PhaseChange = Actor & { phase: PhaseId; overrideReason?: string };

export function advancePhase(
  db: Db,
  writer: JournalWriter,
  change: PhaseChange,
) {
  const incident = openIncident(db, change.incidentId);
  const current = currentPhase(db, change.incidentId);
  if (current === change.phase) {
    throw new AppFailure(
      'invalid-input',
      `the incident is already in ${change.phase}`,
    );
  }
  const movingOn = PHASE_IDS.indexOf(change.phase) > PHASE_IDS.indexOf(current);
  const left = PHASE_IDS.slice(0, PHASE_IDS.indexOf(change.phase));
  const blockers = movingOn ? openRequiredItems(db, incident.id, left) : [];
  checkBlockers(blockers, change.overrideReason, `move to ${change.phase}`);

  return appendEntry(
    db,
    writer,
    {
      scope: change.incidentId,
      kind: COMMAND_KINDS.phaseAdvanced,
      actor: change.actor,
      payload: {
        phase: change.phase,
        previous: current,
        overrideReason: blockers.length > 0 ? change.overrideReason! : '',
        openRequired: blockers.flatMap((blocker) => blocker.itemIds),
      },
    },
    () =>
      statement(db, 'UPDATE incidents SET phase = ? WHERE id = ?').run(
        change.phase,
        change.incidentId,
      ),
  );
}

export function currentPhase(db: Db, incidentId: string): PhaseId {
  return statement<{ phase: PhaseId }>(
    db,
    'SELECT phase FROM incidents WHERE id = ?',
  ).get(incidentId)!.phase;
}

export type RoleInput = Actor & {
  role: Role;
  person: string;
  contact?: string;
};

/** Assigning a role to someone else hands it over from its holder. */
export function assignRole(db: Db, writer: JournalWriter, input: RoleInput) {
  openIncident(db, input.incidentId);
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: COMMAND_KINDS.roleAssigned,
    actor: input.actor,
    payload: {
      role: input.role,
      person: input.person,
      contact: input.contact ?? '',
    },
  });
}

export type Closing = Actor & {
  resolution: Resolution;
  overrideReason?: string;
};

export function closeIncident(db: Db, writer: JournalWriter, closing: Closing) {
  openIncident(db, closing.incidentId);
  const blockers = openRequiredItems(
    db,
    closing.incidentId,
    phasesThrough('post-incident'),
  );
  checkBlockers(blockers, closing.overrideReason, 'be closed');

  return appendEntry(
    db,
    writer,
    {
      scope: closing.incidentId,
      kind: COMMAND_KINDS.closed,
      actor: closing.actor,
      payload: {
        resolution: closing.resolution,
        overrideReason: blockers.length > 0 ? closing.overrideReason! : '',
        openRequired: blockers.flatMap((blocker) => blocker.itemIds),
      },
    },
    (entry) =>
      statement(
        db,
        `UPDATE incidents SET status = 'closed', resolution = ?, closed_at = ?
          WHERE id = ?`,
      ).run(closing.resolution, entry.recordedAt, closing.incidentId),
  );
}
