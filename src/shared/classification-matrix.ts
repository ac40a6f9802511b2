/**
 * The plan's security incident classification matrix as a helper: the
 * commander rates the impact on confidentiality, integrity and
 * availability, and the console proposes the severity of the highest
 * rating. The commander accepts the proposal or overrides it with a
 * reason; the wording of each level comes from the response rules.
 */
import { z } from 'zod';
import type { Severity } from './incident-taxonomy';
import { severityRule, type ResponseRules } from './response-rules';

export const CIA_DIMENSIONS = [
  'confidentiality',
  'integrity',
  'availability',
] as const;
export type CiaDimension = (typeof CIA_DIMENSIONS)[number];

export const CIA_DIMENSION_LABELS: Record<CiaDimension, string> = {
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
};

/** Lowest first. Every level but `none` is also a severity of that name. */
export const IMPACT_LEVELS = [
  'none',
  'low',
  'medium',
  'high',
  'critical',
] as const satisfies readonly ('none' | Severity)[];
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export type CiaRatings = Record<CiaDimension, ImpactLevel>;

export const ciaRatingsSchema = z
  .object({
    confidentiality: z.enum(IMPACT_LEVELS),
    integrity: z.enum(IMPACT_LEVELS),
    availability: z.enum(IMPACT_LEVELS),
  })
  .strict();

export const NO_IMPACT_WORDING = 'No impact';

/** The plan's words for a rating, e.g. integrity/high: `Data modification`. */
export function impactWording(
  rules: ResponseRules,
  dimension: CiaDimension,
  level: ImpactLevel,
): string {
  if (level === 'none') return NO_IMPACT_WORDING;
  const row = rules.classificationMatrix.find(
    (item) => item.severity === level,
  );
  if (!row) throw new RangeError(`the rules have no ${level} matrix row`);
  return row[dimension];
}

export type ImpactOption = { level: ImpactLevel; wording: string };

/** The choices for one dimension, lowest first, for a picker. */
export function impactOptions(
  rules: ResponseRules,
  dimension: CiaDimension,
): ImpactOption[] {
  return IMPACT_LEVELS.map((level) => ({
    level,
    wording: impactWording(rules, dimension, level),
  }));
}

export type SeverityProposal = {
  severity: Severity;
  /** The dimensions rated at that level (several when tied). */
  drivers: CiaDimension[];
  /** One sentence the incident card shows beside the proposal. */
  explanation: string;
};

function impactRank(level: ImpactLevel): number {
  return IMPACT_LEVELS.indexOf(level);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function describeRating(
  rules: ResponseRules,
  dimension: CiaDimension,
  level: ImpactLevel,
): string {
  const wording = impactWording(rules, dimension, level).toLowerCase();
  return `${dimension} ${level} (${wording})`;
}

/**
 * The severity the matrix proposes: the highest of the three ratings, or
 * null when all three are `none` and there is nothing to propose.
 */
export function proposeSeverity(
  rules: ResponseRules,
  ratings: CiaRatings,
): SeverityProposal | null {
  const top = Math.max(...CIA_DIMENSIONS.map((d) => impactRank(ratings[d])));
  if (top === 0) return null;

  const severity = IMPACT_LEVELS[top] as Severity;
  const drivers = CIA_DIMENSIONS.filter((d) => impactRank(ratings[d]) === top);
  const others = CIA_DIMENSIONS.filter((d) => !drivers.includes(d));
  const label = severityRule(rules, severity).label;
  const driven = joinWords(
    drivers.map((d) => describeRating(rules, d, ratings[d])),
  );
  const rest = others.map((d) => `${d} ${ratings[d]}`);
  const tail = rest.length > 0 ? `; ${joinWords(rest)}` : '';
  return {
    severity,
    drivers,
    explanation: `${label}: the highest rated impact is ${driven}${tail}.`,
  };
}

/**
 * Choosing another severity than the matrix proposes is an override, and
 * the plan asks for a reason to be recorded with it.
 */
export function needsOverrideReason(
  proposal: SeverityProposal | null,
  chosen: Severity,
): boolean {
  return proposal !== null && proposal.severity !== chosen;
}
