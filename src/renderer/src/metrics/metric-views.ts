import {
  INCIDENT_CATEGORIES,
  SEVERITIES,
  type IncidentCategory,
} from '../../../shared/incident-taxonomy';
import {
  DURATION_DEFINITIONS,
  formatDuration,
  formatTarget,
  type DurationStat,
  type FalsePositiveMonth,
  type MonthVolume,
} from '../../../shared/metrics-types';

/** One row of the durations table, as text. */
export function durationCells(stat: DurationStat) {
  const definition = DURATION_DEFINITIONS[stat.metric];
  const shown = (micros: number | null) =>
    micros === null ? '—' : formatDuration(micros);
  return {
    label: definition.label,
    mean: shown(stat.meanMicros),
    median: shown(stat.medianMicros),
    target: formatTarget(definition.targetMinutes),
    verdict:
      stat.meanMetTarget === null
        ? 'no target'
        : stat.meanMetTarget
          ? 'met'
          : 'missed',
    measured:
      stat.targetMicros === null
        ? `${stat.count}`
        : `${stat.count} (${stat.withinTarget} within target)`,
  };
}

/** Chart rows: one per month, a count per severity. */
export function volumeBySeverity(volume: MonthVolume[]) {
  return volume.map((month) => ({
    month: month.month,
    ...Object.fromEntries(
      SEVERITIES.map((severity) => [severity, month.bySeverity[severity] ?? 0]),
    ),
  }));
}

/** Incidents per category over every month shown. */
export function categoryTotals(volume: MonthVolume[]) {
  return (Object.keys(INCIDENT_CATEGORIES) as IncidentCategory[]).map(
    (category) => ({
      category,
      label: INCIDENT_CATEGORIES[category].label,
      count: volume.reduce(
        (sum, month) => sum + (month.byCategory[category] ?? 0),
        0,
      ),
    }),
  );
}

/** Chart rows; a month with nothing closed has no rate to draw. */
export function falsePositiveRows(months: FalsePositiveMonth[]) {
  return months.map((month) => ({
    month: month.month,
    rate: month.ratePercent ?? 0,
    label:
      month.ratePercent === null
        ? 'nothing closed'
        : `${month.ratePercent} % (${month.falsePositives} of ${month.closed})`,
  }));
}
