/**
 * Metrics across incidents, as pure functions of the incidents' facts, so
 * tests give them incidents directly and the summaries reuse them for any
 * period. Definitions: see metrics-types.ts.
 */
import type { Resolution } from '../../shared/incident-lifecycle';
import {
  DURATION_METRICS,
  type DurationMetric,
  type DurationStat,
  type FalsePositiveMonth,
  type MetricsOverview,
  type MonthVolume,
} from '../../shared/metrics-types';
import type { IncidentFacts } from './incident-facts';
import { incidentDuration, targetMicros } from './incident-durations';

/** Resolutions that mean there was no incident to time. */
const NOT_TIMED: readonly Resolution[] = [
  'false-positive',
  'benign',
  'duplicate',
];

export function isTimed(incident: IncidentFacts): boolean {
  return (
    incident.resolution === null || !NOT_TIMED.includes(incident.resolution)
  );
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(
    values.reduce((sum, value) => sum + value, 0) / values.length,
  );
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

export function durationStat(
  metric: DurationMetric,
  incidents: readonly IncidentFacts[],
): DurationStat {
  const target = targetMicros(metric);
  const values: number[] = [];
  const missing: DurationStat['missing'] = [];
  for (const incident of incidents.filter(isTimed)) {
    const duration = incidentDuration(metric, incident.times);
    if (duration.micros === null) {
      missing.push({
        incidentId: incident.id,
        title: incident.title,
        milestones: duration.missing,
      });
    } else {
      values.push(duration.micros);
    }
  }
  const meanMicros = mean(values);
  return {
    metric,
    count: values.length,
    meanMicros,
    medianMicros: median(values),
    targetMicros: target,
    meanMetTarget:
      target === null || meanMicros === null ? null : meanMicros <= target,
    withinTarget:
      target === null ? 0 : values.filter((value) => value <= target).length,
    missing,
  };
}

/** `2026-12-03T…Z` → `2026-12`. */
export function monthOf(utc: string): string {
  return utc.slice(0, 7);
}

function countInto<K extends string>(
  counts: Partial<Record<K, number>>,
  key: K,
): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function monthlyVolume(
  incidents: readonly IncidentFacts[],
): MonthVolume[] {
  const months = new Map<string, MonthVolume>();
  for (const incident of incidents) {
    if (incident.resolution === 'duplicate') continue;
    const month = monthOf(incident.openedAt);
    const volume = months.get(month) ?? {
      month,
      total: 0,
      byCategory: {},
      bySeverity: {},
    };
    volume.total += 1;
    countInto(volume.byCategory, incident.category);
    countInto(volume.bySeverity, incident.severity);
    months.set(month, volume);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Percent with one decimal, e.g. 1 of 3 → 33.3. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export function falsePositiveRates(
  incidents: readonly IncidentFacts[],
): FalsePositiveMonth[] {
  const months = new Map<string, FalsePositiveMonth>();
  for (const incident of incidents) {
    if (!incident.closedAt || incident.resolution === 'duplicate') continue;
    const month = monthOf(incident.closedAt);
    const row = months.get(month) ?? {
      month,
      closed: 0,
      falsePositives: 0,
      ratePercent: null,
    };
    row.closed += 1;
    if (incident.resolution === 'false-positive') row.falsePositives += 1;
    months.set(month, row);
  }
  return [...months.values()]
    .map((row) => ({
      ...row,
      ratePercent: percent(row.falsePositives, row.closed),
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

export function computeMetrics(
  incidents: readonly IncidentFacts[],
  overdueFollowUps: number,
  generatedAt: string,
): MetricsOverview {
  return {
    generatedAt,
    incidents: incidents.length,
    durations: DURATION_METRICS.map((metric) =>
      durationStat(metric, incidents),
    ),
    volume: monthlyVolume(incidents),
    falsePositives: falsePositiveRates(incidents),
    overdueFollowUps,
  };
}
