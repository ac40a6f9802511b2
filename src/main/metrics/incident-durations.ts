/**
 * One incident's response durations, from its milestones. Pure: the report
 * and the metrics both call it with what they read from the journal.
 */
import type { MilestoneKind } from '../../shared/incident-lifecycle';
import {
  DURATION_DEFINITIONS,
  DURATION_METRICS,
  type DurationMetric,
  type IncidentDuration,
} from '../../shared/metrics-types';
import { MICROS_PER_MINUTE } from '../../shared/response-clock';
import { parseStoredUtc } from '../../shared/timestamps';

/** Stored UTC text of each milestone that is known. */
export type MilestoneTimesText = Partial<Record<MilestoneKind, string>>;

/**
 * The milestones an incident's durations use: the latest record of each,
 * and for "detected" the incident card's detection time when the
 * milestone itself was never set.
 */
export function milestoneTimes(
  milestones: readonly { milestone: MilestoneKind; at: string }[],
  detectedAt: string | null,
): MilestoneTimesText {
  const times: MilestoneTimesText = {};
  for (const record of milestones) times[record.milestone] = record.at;
  if (!times.detected && detectedAt) times.detected = detectedAt;
  return times;
}

export function targetMicros(metric: DurationMetric): number | null {
  const minutes = DURATION_DEFINITIONS[metric].targetMinutes;
  return minutes === null ? null : minutes * MICROS_PER_MINUTE;
}

/** A target is met at exactly the target, like a response deadline. */
export function incidentDuration(
  metric: DurationMetric,
  times: MilestoneTimesText,
): IncidentDuration {
  const { from, to } = DURATION_DEFINITIONS[metric];
  const missing = [from, to].filter((kind) => !times[kind]);
  if (missing.length > 0) {
    return { metric, micros: null, missing, metTarget: null };
  }
  const micros = parseStoredUtc(times[to]!) - parseStoredUtc(times[from]!);
  const target = targetMicros(metric);
  return {
    metric,
    micros,
    missing: [],
    metTarget: target === null ? null : micros <= target,
  };
}

export function incidentDurations(
  times: MilestoneTimesText,
): IncidentDuration[] {
  return DURATION_METRICS.map((metric) => incidentDuration(metric, times));
}
