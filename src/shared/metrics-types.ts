/**
 * Response metrics across incidents, as the plan's "Metrics and Reporting"
 * section names them, with the milestones each one is measured between.
 * Times are whole microseconds; months are UTC calendar months `YYYY-MM`.
 */
import type { MilestoneKind } from './incident-lifecycle';
import type { IncidentCategory, Severity } from './incident-taxonomy';

export const DURATION_METRICS = [
  'detect',
  'respond',
  'contain',
  'recover',
] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export type DurationDefinition = {
  label: string;
  from: MilestoneKind;
  to: MilestoneKind;
  /** The plan's target in minutes; null where the plan sets none. */
  targetMinutes: number | null;
  /** What the pane, the report and the README say it measures. */
  definition: string;
};

const DETECTED_NOTE =
  '"Detected" is the detected milestone, or the detection time recorded ' +
  'on the incident card when that milestone was not set.';

export const DURATION_DEFINITIONS: Record<DurationMetric, DurationDefinition> =
  {
    detect: {
      label: 'Time to detect',
      from: 'first-seen',
      to: 'detected',
      targetMinutes: 15,
      definition:
        'From the first malicious action (first-seen milestone) to ' +
        `detection. ${DETECTED_NOTE}`,
    },
    respond: {
      label: 'Time to respond',
      from: 'detected',
      to: 'acknowledged',
      targetMinutes: 60,
      definition:
        'From detection to acknowledgement (acknowledged milestone), when ' +
        `the response started. ${DETECTED_NOTE}`,
    },
    contain: {
      label: 'Time to contain',
      from: 'detected',
      to: 'contained',
      targetMinutes: null,
      definition:
        'From detection to the contained milestone. The plan sets no ' +
        `target. ${DETECTED_NOTE}`,
    },
    recover: {
      label: 'Time to recover',
      from: 'detected',
      to: 'recovered',
      targetMinutes: 24 * 60,
      definition:
        'From detection to the recovered milestone, when normal ' +
        `operations resumed. ${DETECTED_NOTE}`,
    },
  };

/** The plan's target for the false-positive rate, in percent. */
export const FALSE_POSITIVE_TARGET_PERCENT = 5;

export const FALSE_POSITIVE_DEFINITION =
  'Incidents closed as "false positive" in the month, divided by all ' +
  'incidents closed in the month except duplicates. The resolution is ' +
  'chosen when the incident is closed.';

export const VOLUME_DEFINITION =
  'Incidents opened in the month (UTC), by category and by their current ' +
  'severity; incidents closed as duplicates are left out.';

export const TIMING_SCOPE_DEFINITION =
  'Duration metrics count incidents still open or closed as confirmed ' +
  'incidents; false positives, benign findings and duplicates are left ' +
  'out. An incident missing either milestone of a metric is not counted ' +
  'in it, and is listed as missing it.';

/** One incident's duration for a metric; null when a milestone is missing. */
export type IncidentDuration = {
  metric: DurationMetric;
  micros: number | null;
  /** Which milestones were missing, when `micros` is null. */
  missing: MilestoneKind[];
  /** Null when there is no target or no duration. */
  metTarget: boolean | null;
};

export type DurationStat = {
  metric: DurationMetric;
  /** Incidents measured. */
  count: number;
  meanMicros: number | null;
  medianMicros: number | null;
  targetMicros: number | null;
  /** Mean against the target; null without a target or a measurement. */
  meanMetTarget: boolean | null;
  /** Incidents measured that met the target. */
  withinTarget: number;
  /** Incidents in scope that lack a milestone of this metric. */
  missing: { incidentId: string; title: string; milestones: MilestoneKind[] }[];
};

export type MonthVolume = {
  month: string;
  total: number;
  byCategory: Partial<Record<IncidentCategory, number>>;
  bySeverity: Partial<Record<Severity, number>>;
};

export type FalsePositiveMonth = {
  month: string;
  closed: number;
  falsePositives: number;
  /** Percent with one decimal; null when nothing was closed. */
  ratePercent: number | null;
};

export type MetricsOverview = {
  generatedAt: string;
  incidents: number;
  durations: DurationStat[];
  volume: MonthVolume[];
  falsePositives: FalsePositiveMonth[];
  overdueFollowUps: number;
};

export const SUMMARY_PERIODS = [
  'daily',
  'weekly',
  'monthly',
  'quarterly',
] as const;
export type SummaryPeriod = (typeof SUMMARY_PERIODS)[number];

export const SUMMARY_PERIOD_LABELS: Record<SummaryPeriod, string> = {
  daily: 'Daily security metrics summary',
  weekly: 'Weekly incident trend',
  monthly: 'Monthly security posture report',
  quarterly: 'Quarterly security programme review',
};

export type PeriodSummary = {
  period: SummaryPeriod;
  /** UTC bounds: start inclusive, end exclusive. */
  start: string;
  end: string;
  markdown: string;
};

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * A duration for reports and the metrics pane: `45 s`, `12 min 05 s`,
 * `3 h 05 min`, `2 d 03 h`; whole units, rounded down, minus when negative
 * (milestones entered out of order).
 */
export function formatDuration(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const seconds = Math.floor(Math.abs(micros) / 1_000_000);
  if (seconds < 60) return `${sign}${seconds} s`;
  if (seconds < 3600) {
    return `${sign}${Math.floor(seconds / 60)} min ${pad2(seconds % 60)} s`;
  }
  if (seconds < 86_400) {
    const minutes = Math.floor((seconds % 3600) / 60);
    return `${sign}${Math.floor(seconds / 3600)} h ${pad2(minutes)} min`;
  }
  const hours = Math.floor((seconds % 86_400) / 3600);
  return `${sign}${Math.floor(seconds / 86_400)} d ${pad2(hours)} h`;
}

/** `< 15 min`, `< 1 h`, `< 24 h`; `none` without a target. */
export function formatTarget(minutes: number | null): string {
  if (minutes === null) return 'none';
  return minutes < 60 ? `< ${minutes} min` : `< ${minutes / 60} h`;
}

/** Stored UTC text as `2026-12-03 16:25:32 UTC`. */
export function formatUtc(stored: string): string {
  return `${stored.slice(0, 10)} ${stored.slice(11, 19)} UTC`;
}
