/**
 * What the console knows about running an incident, as main reports it:
 * classification history, phase, milestones, roles and checklist. Every
 * field is derived from journal entries; times are stored UTC text. Clocks
 * are not here: the renderer computes them from these stored times and the
 * current time (see response-clock.ts), so they stay right after a restart
 * or a sleep.
 */
import type {
  DetectionMethod,
  IncidentCategory,
  Severity,
} from './incident-taxonomy';
import type {
  MilestoneKind,
  PhaseId,
  Resolution,
  Role,
} from './incident-lifecycle';

export type SeverityChange = {
  entryId: string;
  at: string;
  severity: Severity;
  previous: Severity | null;
  reason: string;
  actor: string;
};

export type PhaseChange = {
  entryId: string;
  at: string;
  phase: PhaseId;
  previous: PhaseId | null;
  actor: string;
  /** Set when required items were still open and the commander went on. */
  overrideReason: string | null;
};

export type MilestoneRecord = {
  entryId: string;
  milestone: MilestoneKind;
  /** When it happened, as entered (UTC) with the offset it was given in. */
  at: string;
  offset: string;
  note: string;
  actor: string;
};

export type RoleAssignment = {
  entryId: string;
  role: Role;
  person: string;
  contact: string;
  assumedAt: string;
  /** When the next holder took over; null while this person holds it. */
  handedOverAt: string | null;
  assignedBy: string;
};

export const CHECKLIST_STATES = ['open', 'done', 'skipped'] as const;
export type ChecklistState = (typeof CHECKLIST_STATES)[number];

export type ChecklistItem = {
  /** `playbookId/itemId[/childId…]`, unique within the incident. */
  id: string;
  playbookId: string;
  parentId: string | null;
  depth: number;
  phase: PhaseId;
  title: string;
  notes: string;
  required: boolean;
  /** Added by hand during the incident rather than from a playbook. */
  adHoc: boolean;
  state: ChecklistState;
  reason: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type AttachedPlaybook = {
  id: string;
  title: string;
  attachedAt: string;
  attachedBy: string;
};

export type PhaseBlockers = {
  phase: PhaseId;
  /** Ids of required items of this phase that are neither done nor skipped. */
  itemIds: string[];
};

export type IncidentCommandState = {
  incidentId: string;
  title: string;
  status: 'open' | 'closed';
  severity: Severity;
  category: IncidentCategory;
  subtype: string | null;
  openedAt: string;
  detectedAt: string | null;
  detectionMethod: DetectionMethod | null;
  resolution: Resolution | null;
  closedAt: string | null;
  severityHistory: SeverityChange[];
  phase: PhaseId;
  phaseHistory: PhaseChange[];
  /** The latest record of each milestone that has been set. */
  milestones: MilestoneRecord[];
  /** Every assignment, oldest first; the current holders have no handover. */
  roles: RoleAssignment[];
  playbooks: AttachedPlaybook[];
  checklist: ChecklistItem[];
  /** Required items still open, per phase up to and including the current. */
  blockers: PhaseBlockers[];
};

export type PlaybookSummary = {
  id: string;
  title: string;
  origin: 'shipped' | 'organisation';
  appliesToEveryIncident: boolean;
  itemCount: number;
};

export type ConfigurationProblem = {
  file: string;
  line: number | null;
  field: string;
  message: string;
};
