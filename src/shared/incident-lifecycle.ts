/**
 * The vocabulary of an incident's life as the incident-response plan names
 * it: its phases, the milestones that feed the response metrics, the ways
 * an incident can be resolved, and the roles of the response team. Ids are
 * slugs, stable in the journal, in files and on the command line; labels
 * are what the commander reads.
 */

/**
 * The plan's phases in the order an incident moves through them. Their
 * time windows are rules (see response-rules.ts), not vocabulary, so an
 * organisation can change them without a new release.
 */
export const PHASE_IDS = [
  'detection-and-analysis',
  'containment',
  'investigation',
  'recovery',
  'post-incident',
] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export function isPhaseId(value: string): value is PhaseId {
  return (PHASE_IDS as readonly string[]).includes(value);
}

/**
 * Milestones in the order they normally happen. Each is entered with its
 * real time (possibly after the fact) and feeds a metric: first-seen to
 * detected is time to detect, detected to acknowledged time to respond,
 * and so on.
 */
export const MILESTONE_KINDS = [
  'first-seen',
  'detected',
  'acknowledged',
  'contained',
  'recovered',
  'resolved',
  'closed',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  'first-seen': 'First malicious action',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  contained: 'Contained',
  recovered: 'Recovered',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** How an incident ended; chosen when it is closed. */
export const RESOLUTIONS = [
  'confirmed-incident',
  'false-positive',
  'benign',
  'duplicate',
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  'confirmed-incident': 'Confirmed incident',
  'false-positive': 'False positive',
  benign: 'Benign',
  duplicate: 'Duplicate',
};

export const CORE_ROLES = [
  'incident-commander',
  'security-lead',
  'engineering-lead',
  'communications-lead',
] as const;

/** The extended team is called in as needed. */
export const EXTENDED_ROLES = [
  'legal-counsel',
  'hr-representative',
  'customer-support',
  'external-consultants',
] as const;

export const ROLES = [...CORE_ROLES, ...EXTENDED_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type RoleTeam = 'core' | 'extended';

export type RoleDefinition = {
  label: string;
  /** The role's duty in the plan's words. */
  duty: string;
  team: RoleTeam;
};

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  'incident-commander': {
    label: 'Incident Commander',
    duty: 'Overall response coordination',
    team: 'core',
  },
  'security-lead': {
    label: 'Security Lead',
    duty: 'Technical security analysis',
    team: 'core',
  },
  'engineering-lead': {
    label: 'Engineering Lead',
    duty: 'System and application fixes',
    team: 'core',
  },
  'communications-lead': {
    label: 'Communications Lead',
    duty: 'Internal and external communications',
    team: 'core',
  },
  'legal-counsel': {
    label: 'Legal Counsel',
    duty: 'Regulatory compliance',
    team: 'extended',
  },
  'hr-representative': {
    label: 'HR Representative',
    duty: 'Employee-related incidents',
    team: 'extended',
  },
  'customer-support': {
    label: 'Customer Support',
    duty: 'Customer communications',
    team: 'extended',
  },
  'external-consultants': {
    label: 'External Consultants',
    duty: 'Specialized expertise',
    team: 'extended',
  },
};

export type MilestoneTimes = Partial<Record<MilestoneKind, number>>;

export type MilestoneOrderProblem = {
  milestone: MilestoneKind;
  before: MilestoneKind;
  message: string;
};

/**
 * Milestones entered after the fact can contradict each other (contained
 * before detected). Returns each milestone that is earlier than one that
 * should precede it, so the incident card can flag it; the times are kept
 * as entered, because the journal records what the commander said.
 * Times are epoch microseconds; missing milestones are skipped.
 */
export function findMilestoneOrderProblems(
  times: MilestoneTimes,
): MilestoneOrderProblem[] {
  const problems: MilestoneOrderProblem[] = [];
  let latest: { kind: MilestoneKind; at: number } | null = null;
  for (const kind of MILESTONE_KINDS) {
    const at = times[kind];
    if (at === undefined) continue;
    if (latest && at < latest.at) {
      problems.push({
        milestone: kind,
        before: latest.kind,
        message: `${MILESTONE_LABELS[kind]} is earlier than ${MILESTONE_LABELS[latest.kind].toLowerCase()}`,
      });
      continue;
    }
    latest = { kind, at };
  }
  return problems;
}
