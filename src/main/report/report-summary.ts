import {
  DETECTION_METHOD_LABELS,
  INCIDENT_CATEGORIES,
  SEVERITY_LABELS,
} from '../../shared/incident-taxonomy';
import {
  findMilestoneOrderProblems,
  MILESTONE_LABELS,
  RESOLUTION_LABELS,
  type MilestoneTimes,
} from '../../shared/incident-lifecycle';
import {
  DURATION_DEFINITIONS,
  formatDuration,
  formatTarget,
  formatUtc,
  type IncidentDuration,
} from '../../shared/metrics-types';
import { parseStoredUtc } from '../../shared/timestamps';
import {
  incidentDurations,
  milestoneTimes,
} from '../metrics/incident-durations';
import {
  fields,
  heading,
  list,
  paragraph,
  table,
  type Block,
  type Cell,
  type ReportSection,
} from './report-blocks';
import type { ReportData } from './report-data';

function subtypeLabel(data: ReportData): string {
  const { category, subtype } = data.incident;
  if (!subtype) return '—';
  const subtypes: Record<string, string> =
    INCIDENT_CATEGORIES[category].subtypes;
  return subtypes[subtype] ?? subtype;
}

function classificationFields(data: ReportData): [string, string][] {
  const { incident, command } = data;
  return [
    ['Incident', incident.id],
    ['Title', incident.title],
    ['Status', incident.status === 'closed' ? 'Closed' : 'Open'],
    [
      'Resolution',
      command.resolution ? RESOLUTION_LABELS[command.resolution] : '—',
    ],
    ['Severity', SEVERITY_LABELS[incident.severity]],
    ['Category', INCIDENT_CATEGORIES[incident.category].label],
    ['Subtype', subtypeLabel(data)],
    [
      'Detection method',
      incident.detectionMethod
        ? DETECTION_METHOD_LABELS[incident.detectionMethod]
        : '—',
    ],
    ['Opened', `${formatUtc(incident.openedAt)} by ${incident.openedBy}`],
    ['Closed', command.closedAt ? formatUtc(command.closedAt) : '—'],
  ];
}

function severityRows(data: ReportData): Cell[][] {
  return data.command.severityHistory.map((change) => [
    formatUtc(change.at),
    SEVERITY_LABELS[change.severity],
    change.reason,
    change.actor,
  ]);
}

export function summarySection(data: ReportData): ReportSection {
  const summary = data.review.sections.find((s) => s.section === 'summary');
  const blocks: Block[] = [
    fields(classificationFields(data)),
    ...(data.incident.description
      ? [heading('Description'), paragraph(data.incident.description)]
      : []),
    heading('Review summary'),
    paragraph(summary?.text || 'No summary has been written yet.'),
    heading('Severity history'),
    table(
      ['When (UTC)', 'Severity', 'Reason', 'By'],
      severityRows(data),
      'No severity recorded.',
    ),
  ];
  return { id: 'summary', title: 'Summary and classification', blocks };
}

function durationRow(duration: IncidentDuration): Cell[] {
  const definition = DURATION_DEFINITIONS[duration.metric];
  const between =
    `${MILESTONE_LABELS[definition.from]} → ` + MILESTONE_LABELS[definition.to];
  const target = formatTarget(definition.targetMinutes);
  if (duration.micros === null) {
    const missing = duration.missing.map((kind) => MILESTONE_LABELS[kind]);
    return [
      definition.label,
      between,
      'not measured',
      target,
      `missing: ${missing.join(', ')}`,
    ];
  }
  const verdict: Cell =
    duration.metTarget === null
      ? 'no target'
      : duration.metTarget
        ? { text: 'met', tone: 'good' }
        : { text: 'missed', tone: 'bad' };
  return [
    definition.label,
    between,
    formatDuration(duration.micros),
    target,
    verdict,
  ];
}

function orderProblems(data: ReportData): string[] {
  const times: MilestoneTimes = {};
  for (const record of data.command.milestones) {
    times[record.milestone] = parseStoredUtc(record.at);
  }
  return findMilestoneOrderProblems(times).map((problem) => problem.message);
}

export function milestonesSection(data: ReportData): ReportSection {
  const times = milestoneTimes(
    data.command.milestones,
    data.incident.detectedAt,
  );
  const milestoneRows = data.command.milestones.map((record): Cell[] => [
    MILESTONE_LABELS[record.milestone],
    formatUtc(record.at),
    record.offset,
    record.note,
    record.actor,
  ]);
  const problems = orderProblems(data);
  const blocks: Block[] = [
    table(
      ['Milestone', 'When (UTC)', 'Entered with offset', 'Note', 'By'],
      milestoneRows,
      'No milestones were recorded.',
    ),
    ...(times.detected &&
    !data.command.milestones.some((record) => record.milestone === 'detected')
      ? [
          paragraph(
            `Detected (from the incident card): ${formatUtc(times.detected)}`,
          ),
        ]
      : []),
    heading('Durations against the plan’s targets'),
    table(
      ['Metric', 'Between', 'Took', 'Target', 'Result'],
      incidentDurations(times).map(durationRow),
      'No durations.',
    ),
    ...(problems.length > 0
      ? [heading('Milestones out of order'), list(problems, '')]
      : []),
  ];
  return { id: 'milestones', title: 'Milestones and durations', blocks };
}
