import type {
  AttachedPlaybook,
  IncidentCommandState,
  MilestoneRecord,
  PhaseChange,
  RoleAssignment,
  SeverityChange,
} from '../../shared/incident-command-types';
import type {
  MilestoneKind,
  PhaseId,
  Resolution,
  Role,
} from '../../shared/incident-lifecycle';
import type { Severity } from '../../shared/incident-taxonomy';
import { ENTRY_KINDS, type JournalEntry } from '../../shared/journal-types';
import {
  CHECKLIST_KINDS,
  openRequiredItems,
  phasesThrough,
  readChecklist,
} from '../checklists/checklist-store';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  ENTRY_COLUMNS,
  entryFromRow,
  type EntryRow,
} from '../journal/entry-rows';
import { COMMAND_KINDS } from './incident-command';
import { getIncident } from './incident-store';

const STATE_KINDS = [
  ENTRY_KINDS.incidentOpened,
  COMMAND_KINDS.severityChanged,
  COMMAND_KINDS.milestoneSet,
  COMMAND_KINDS.phaseAdvanced,
  COMMAND_KINDS.roleAssigned,
  CHECKLIST_KINDS.attached,
];

function entriesOfKinds(db: Db, incidentId: string): JournalEntry[] {
  const marks = STATE_KINDS.map(() => '?').join(', ');
  return statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND kind IN (${marks}) ORDER BY scope_pos`,
  )
    .all(incidentId, ...STATE_KINDS)
    .map(entryFromRow);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function severityHistory(entries: JournalEntry[]): SeverityChange[] {
  return entries.flatMap((entry): SeverityChange[] => {
    if (entry.kind === ENTRY_KINDS.incidentOpened) {
      return [
        {
          entryId: entry.id,
          at: entry.recordedAt,
          severity: entry.payload.severity as Severity,
          previous: null,
          reason: 'Severity assigned when the incident was opened',
          actor: entry.actor,
        },
      ];
    }
    if (entry.kind !== COMMAND_KINDS.severityChanged) return [];
    return [
      {
        entryId: entry.id,
        at: entry.recordedAt,
        severity: entry.payload.severity as Severity,
        previous: entry.payload.previous as Severity,
        reason: text(entry.payload.reason),
        actor: entry.actor,
      },
    ];
  });
}

function phaseHistory(entries: JournalEntry[]): PhaseChange[] {
  return entries
    .filter((entry) => entry.kind === COMMAND_KINDS.phaseAdvanced)
    .map((entry) => ({
      entryId: entry.id,
      at: entry.recordedAt,
      phase: entry.payload.phase as PhaseId,
      previous: entry.payload.previous as PhaseId,
      actor: entry.actor,
      overrideReason: text(entry.payload.overrideReason) || null,
    }));
}

/** The latest record of each milestone; a later entry corrects an earlier. */
function latestMilestones(entries: JournalEntry[]): MilestoneRecord[] {
  const latest = new Map<MilestoneKind, MilestoneRecord>();
  for (const entry of entries) {
    if (entry.kind !== COMMAND_KINDS.milestoneSet) continue;
    const milestone = entry.payload.milestone as MilestoneKind;
    latest.set(milestone, {
      entryId: entry.id,
      milestone,
      at: text(entry.payload.at),
      offset: text(entry.payload.offset),
      note: text(entry.payload.note),
      actor: entry.actor,
    });
  }
  return [...latest.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** Each assignment ends when the same role is given to the next person. */
function roleAssignments(entries: JournalEntry[]): RoleAssignment[] {
  const assignments: RoleAssignment[] = [];
  const current = new Map<Role, RoleAssignment>();
  for (const entry of entries) {
    if (entry.kind !== COMMAND_KINDS.roleAssigned) continue;
    const role = entry.payload.role as Role;
    const previous = current.get(role);
    if (previous) previous.handedOverAt = entry.recordedAt;
    const assignment: RoleAssignment = {
      entryId: entry.id,
      role,
      person: text(entry.payload.person),
      contact: text(entry.payload.contact),
      assumedAt: entry.recordedAt,
      handedOverAt: null,
      assignedBy: entry.actor,
    };
    current.set(role, assignment);
    assignments.push(assignment);
  }
  return assignments;
}

function attachedPlaybooks(entries: JournalEntry[]): AttachedPlaybook[] {
  return entries
    .filter((entry) => entry.kind === CHECKLIST_KINDS.attached)
    .map((entry) => ({
      id: text(entry.payload.playbookId),
      title: text(entry.payload.title),
      attachedAt: entry.recordedAt,
      attachedBy: entry.actor,
    }));
}

type CommandRow = {
  phase: PhaseId;
  resolution: Resolution | null;
  closed_at: string | null;
};

/** Everything the header, checklist and incident card show, in one read. */
export function readCommandState(
  db: Db,
  incidentId: string,
): IncidentCommandState {
  const incident = getIncident(db, incidentId);
  const row = statement<CommandRow>(
    db,
    'SELECT phase, resolution, closed_at FROM incidents WHERE id = ?',
  ).get(incidentId)!;
  const entries = entriesOfKinds(db, incidentId);

  return {
    incidentId,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    category: incident.category,
    subtype: incident.subtype,
    openedAt: incident.openedAt,
    detectedAt: incident.detectedAt,
    detectionMethod: incident.detectionMethod,
    resolution: row.resolution,
    closedAt: row.closed_at,
    severityHistory: severityHistory(entries),
    phase: row.phase,
    phaseHistory: phaseHistory(entries),
    milestones: latestMilestones(entries),
    roles: roleAssignments(entries),
    playbooks: attachedPlaybooks(entries),
    checklist: readChecklist(db, incidentId),
    blockers: openRequiredItems(db, incidentId, phasesThrough(row.phase)),
  };
}
