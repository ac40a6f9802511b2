import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  findMilestoneOrderProblems,
  type MilestoneKind,
  type MilestoneOrderProblem,
  type MilestoneTimes,
} from '../../../shared/incident-lifecycle';
import { parseStoredUtc } from '../../../shared/timestamps';

export type MilestoneTime = {
  at: string;
  /** The offset it was entered in; null for the detection record's time. */
  offset: string | null;
  note: string;
  actor: string | null;
};

/**
 * Each milestone's time. Detection recorded with the incident counts as
 * the detected milestone until one is set explicitly.
 */
export function milestoneTimes(
  state: IncidentCommandState,
): Map<MilestoneKind, MilestoneTime> {
  const times = new Map<MilestoneKind, MilestoneTime>();
  if (state.detectedAt) {
    times.set('detected', {
      at: state.detectedAt,
      offset: null,
      note: 'From the detection record',
      actor: null,
    });
  }
  for (const record of state.milestones) {
    times.set(record.milestone, {
      at: record.at,
      offset: record.offset,
      note: record.note,
      actor: record.actor,
    });
  }
  return times;
}

/** Milestones earlier than one that should come before them. */
export function milestoneProblems(
  times: ReadonlyMap<MilestoneKind, MilestoneTime>,
): Map<MilestoneKind, MilestoneOrderProblem> {
  const micros: MilestoneTimes = {};
  for (const [kind, time] of times) micros[kind] = parseStoredUtc(time.at);
  return new Map(
    findMilestoneOrderProblems(micros).map((problem) => [
      problem.milestone,
      problem,
    ]),
  );
}
