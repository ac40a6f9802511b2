/**
 * The plan's reporting schedule as Markdown, generated on demand from
 * local data: daily metrics summary, weekly incident trend, monthly
 * security posture report and quarterly programme review.
 */
import {
  INCIDENT_CATEGORIES,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../../shared/incident-taxonomy';
import { RESOLUTION_LABELS } from '../../shared/incident-lifecycle';
import {
  DURATION_DEFINITIONS,
  DURATION_METRICS,
  FALSE_POSITIVE_TARGET_PERCENT,
  formatDuration,
  formatTarget,
  formatUtc,
  SUMMARY_PERIOD_LABELS,
  type DurationStat,
  type PeriodSummary,
  type SummaryPeriod,
} from '../../shared/metrics-types';
import {
  FOLLOW_UP_STATUS_LABELS,
  type FollowUpListItem,
} from '../../shared/review-types';
import { escapeMarkdown as md } from '../report/report-markdown';
import {
  durationStat,
  falsePositiveRates,
  monthlyVolume,
} from './compute-metrics';
import type { IncidentFacts } from './incident-facts';
import {
  monthsIn,
  periodBounds,
  weeksEnding,
  within,
  type PeriodBounds,
} from './summary-periods';

export type SummaryInput = {
  incidents: IncidentFacts[];
  followUps: FollowUpListItem[];
  /** Lessons learned, by incident id, where written. */
  lessons: Map<string, string>;
  nowUtc: string;
};

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

function mdTable(head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `_${md(empty)}_`;
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map((row) =>
      line(row.map((cell) => md(cell).replace(/\r?\n/g, '<br>'))),
    ),
  ].join('\n');
}

function incidentRows(incidents: IncidentFacts[]): string[][] {
  return incidents.map((incident) => [
    incident.title,
    SEVERITY_LABELS[incident.severity],
    INCIDENT_CATEGORIES[incident.category].label,
    incident.resolution ? RESOLUTION_LABELS[incident.resolution] : 'open',
  ]);
}

function durationRows(stats: DurationStat[]): string[][] {
  return stats.map((stat) => {
    const definition = DURATION_DEFINITIONS[stat.metric];
    const shown = (micros: number | null) =>
      micros === null ? '—' : formatDuration(micros);
    const verdict =
      stat.meanMetTarget === null ? '—' : stat.meanMetTarget ? 'met' : 'missed';
    return [
      definition.label,
      String(stat.count),
      shown(stat.meanMicros),
      shown(stat.medianMicros),
      formatTarget(definition.targetMinutes),
      verdict,
      String(stat.missing.length),
    ];
  });
}

function durationTable(incidents: IncidentFacts[]): string {
  return mdTable(
    [
      'Metric',
      'Measured',
      'Mean',
      'Median',
      'Target',
      'Mean vs target',
      'Missing milestones',
    ],
    durationRows(
      DURATION_METRICS.map((metric) => durationStat(metric, incidents)),
    ),
    'No incidents.',
  );
}

function followUpRows(followUps: FollowUpListItem[]): string[][] {
  return followUps.map((followUp) => [
    followUp.title,
    followUp.owner,
    followUp.dueDate,
    FOLLOW_UP_STATUS_LABELS[followUp.status],
    followUp.incidentTitle,
  ]);
}

function overdueBlock(input: SummaryInput): string {
  return mdTable(
    ['Action', 'Owner', 'Due', 'Status', 'Incident'],
    followUpRows(input.followUps.filter((followUp) => followUp.overdue)),
    'No follow-up action is overdue.',
  );
}

function severityCounts(incidents: IncidentFacts[]): string {
  return SEVERITIES.map(
    (severity) =>
      `${SEVERITY_LABELS[severity]} ${incidents.filter((i) => i.severity === severity).length}`,
  ).join(', ');
}

function dailyBody(input: SummaryInput, bounds: PeriodBounds): string[] {
  const opened = input.incidents.filter((i) => within(i.openedAt, bounds));
  const closed = input.incidents.filter((i) => within(i.closedAt, bounds));
  const open = input.incidents.filter((i) => i.status === 'open');
  return [
    `- Opened: ${opened.length}`,
    `- Closed: ${closed.length}`,
    `- Open now: ${open.length} (${severityCounts(open)})`,
    '## Opened',
    mdTable(
      ['Incident', 'Severity', 'Category', 'Resolution'],
      incidentRows(opened),
      'None.',
    ),
    '## Closed',
    mdTable(
      ['Incident', 'Severity', 'Category', 'Resolution'],
      incidentRows(closed),
      'None.',
    ),
    '## Overdue follow-up actions',
    overdueBlock(input),
  ];
}

function weeklyBody(input: SummaryInput, atMs: number): string[] {
  const weeks = weeksEnding(atMs, 8);
  const rows = weeks.map((week) => {
    const opened = input.incidents.filter((i) => within(i.openedAt, week));
    return [
      week.label.replace('week of ', ''),
      String(opened.length),
      String(input.incidents.filter((i) => within(i.closedAt, week)).length),
      ...SEVERITIES.map((s) =>
        String(opened.filter((i) => i.severity === s).length),
      ),
    ];
  });
  const thisWeek = input.incidents.filter((i) => within(i.openedAt, weeks[7]));
  return [
    '## Incidents per week (last 8 weeks)',
    mdTable(
      [
        'Week from',
        'Opened',
        'Closed',
        ...SEVERITIES.map((s) => SEVERITY_LABELS[s]),
      ],
      rows,
      'No weeks.',
    ),
    '## Response times of incidents opened this week',
    durationTable(thisWeek),
    '## Overdue follow-up actions',
    overdueBlock(input),
  ];
}

function volumeRows(incidents: IncidentFacts[], months: string[]): string[][] {
  const volume = monthlyVolume(incidents);
  const rates = falsePositiveRates(incidents);
  return months.map((month) => {
    const found = volume.find((row) => row.month === month);
    const rate = rates.find((row) => row.month === month);
    return [
      month,
      String(found?.total ?? 0),
      ...SEVERITIES.map((s) => String(found?.bySeverity[s] ?? 0)),
      rate?.ratePercent == null ? '—' : `${rate.ratePercent} %`,
    ];
  });
}

function categoryRows(incidents: IncidentFacts[]): string[][] {
  return Object.entries(INCIDENT_CATEGORIES).map(([id, category]) => [
    category.label,
    String(incidents.filter((i) => i.category === id).length),
  ]);
}

function lessonsBlock(input: SummaryInput, incidents: IncidentFacts[]): string {
  const items = incidents.flatMap((incident) => {
    const lesson = input.lessons.get(incident.id);
    return lesson
      ? [`- **${md(incident.title)}:** ${md(lesson).replace(/\r?\n/g, ' ')}`]
      : [];
  });
  return items.length > 0
    ? items.join('\n')
    : '_No lessons learned were written._';
}

function postureBody(input: SummaryInput, bounds: PeriodBounds): string[] {
  const opened = input.incidents.filter((i) => within(i.openedAt, bounds));
  const closed = input.incidents.filter((i) => within(i.closedAt, bounds));
  const doneFollowUps = input.followUps.filter(
    (f) => f.status === 'done' && within(f.updatedAt, bounds),
  );
  return [
    '## Incident volume and false positives',
    mdTable(
      [
        'Month',
        'Opened',
        ...SEVERITIES.map((s) => SEVERITY_LABELS[s]),
        'False-positive rate',
      ],
      volumeRows(input.incidents, monthsIn(bounds)),
      'No months.',
    ),
    `False-positive target: below ${FALSE_POSITIVE_TARGET_PERCENT} %.`,
    '## Incidents by category',
    mdTable(['Category', 'Opened'], categoryRows(opened), 'None.'),
    '## Response times against the plan’s targets',
    durationTable(opened),
    '## Follow-up actions',
    `- Completed in the period: ${doneFollowUps.length}`,
    `- Outstanding: ${input.followUps.filter((f) => f.status === 'open' || f.status === 'in-progress').length}`,
    `- Overdue: ${input.followUps.filter((f) => f.overdue).length}`,
    overdueBlock(input),
    '## Lessons learned from incidents closed in the period',
    lessonsBlock(input, closed),
  ];
}

export function periodSummary(
  period: SummaryPeriod,
  input: SummaryInput,
  atMs: number,
): PeriodSummary {
  const bounds = periodBounds(period, atMs);
  const body =
    period === 'daily'
      ? dailyBody(input, bounds)
      : period === 'weekly'
        ? weeklyBody(input, atMs)
        : postureBody(input, bounds);
  const markdown = [
    `# ${SUMMARY_PERIOD_LABELS[period]}: ${md(bounds.label)}`,
    `_Generated ${formatUtc(input.nowUtc)} by War Room from local data; ` +
      `period ${formatUtc(bounds.start)} to ${formatUtc(bounds.end)} (end excluded)._`,
    ...body,
  ].join('\n\n');
  return {
    period,
    start: bounds.start,
    end: bounds.end,
    markdown: `${markdown}\n`,
  };
}
