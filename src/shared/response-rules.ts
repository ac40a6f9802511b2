/**
 * Response rules: the plan's severity table (response targets and
 * escalation), phase windows and classification matrix, as a validated
 * document. War Room ships defaults in `resources/response-rules.yaml`; an
 * organisation may override parts of them with a file of its own. Both are
 * checked here, and every error names the file and the field, so a bad
 * file is refused whole and the commander is told what to fix.
 */
import { z } from 'zod';
import { SEVERITIES, type Severity } from './incident-taxonomy';
import { PHASE_IDS, type PhaseId } from './incident-lifecycle';

export const RESPONSE_RULES_VERSION = 1;

/**
 * One year. Windows and targets beyond that are typing mistakes, and the
 * bound keeps every rule time in microseconds a safe integer.
 */
export const MAX_RULE_MINUTES = 525_600;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A field's own complaint, or `is required` when it is absent. */
function expected(what: string) {
  return (issue: z.core.$ZodRawIssue) =>
    issue.input === undefined ? 'is required' : what;
}

function wholeMinutes(min: number) {
  return z
    .int({ error: expected('must be a whole number of minutes') })
    .min(min, `must be at least ${min} minute${min === 1 ? '' : 's'}`)
    .max(MAX_RULE_MINUTES, `must be at most ${MAX_RULE_MINUTES} minutes`);
}

function text(max: number) {
  return z
    .string({ error: expected('must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: expected('must be a list') });
}

const slug = z
  .string({ error: expected('must be text') })
  .regex(SLUG_PATTERN, 'must be a lowercase slug such as security-team');

/**
 * Names the unexpected keys and the expected ones, to catch typos, and
 * says what a mapping should hold when something else stands in its place.
 */
function mappingIssue(what: string, known: readonly string[]) {
  const expectedKeys = known.join(', ');
  return (issue: z.core.$ZodRawIssue) => {
    if (issue.code === 'invalid_type' && issue.input !== undefined) {
      return `must be a mapping of ${what}s (${expectedKeys})`;
    }
    if (issue.code !== 'unrecognized_keys') return undefined;
    const plural = issue.keys.length > 1 ? 's' : '';
    const keys = issue.keys.join(', ');
    return `unknown ${what}${plural} ${keys} (expected ${expectedKeys})`;
  };
}

function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: mappingIssue('field', Object.keys(shape)),
  });
}

const audienceSchema = strictObject({ id: slug, label: text(100) });

const escalationSchema = strictObject({
  audiences: list(slug).min(1, 'must name at least one audience'),
  wording: text(500),
});

const severityRuleSchema = strictObject({
  level: z.enum(SEVERITIES),
  label: text(100),
  description: text(500),
  responseTargetMinutes: wholeMinutes(1),
  escalation: escalationSchema,
});

const phaseRuleSchema = strictObject({
  id: z.enum(PHASE_IDS),
  label: text(100),
  startMinutes: wholeMinutes(0),
  endMinutes: wholeMinutes(1).nullable(),
});

const matrixRowSchema = strictObject({
  severity: z.enum(SEVERITIES),
  confidentiality: text(200),
  integrity: text(200),
  availability: text(200),
});

const matrixRowOverrideSchema = strictObject({
  confidentiality: text(200).optional(),
  integrity: text(200).optional(),
  availability: text(200).optional(),
});

const versionSchema = z.literal(RESPONSE_RULES_VERSION, {
  error: expected(`must be ${RESPONSE_RULES_VERSION}`),
});

const rulesShape = strictObject({
  version: versionSchema,
  audiences: list(audienceSchema).min(1, 'must list at least one'),
  severities: list(severityRuleSchema),
  phases: list(phaseRuleSchema),
  classificationMatrix: list(matrixRowSchema),
});

type RulesShape = z.output<typeof rulesShape>;
type Issue = { path: (string | number)[]; message: string };

/**
 * Reports an id listed twice at its second place, and expected ids that
 * are missing on the list itself.
 */
function checkEachOnce(
  items: readonly string[],
  required: readonly string[],
  listPath: string,
  itemField: string,
): Issue[] {
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    if (items.indexOf(item) !== index) {
      issues.push({
        path: [listPath, index, itemField],
        message: `${item} is listed more than once`,
      });
    }
  });
  const missing = required.filter((id) => !items.includes(id));
  if (missing.length > 0) {
    issues.push({ path: [listPath], message: `missing ${missing.join(', ')}` });
  }
  return issues;
}

function checkEscalations(rules: RulesShape): Issue[] {
  const declared = new Set(rules.audiences.map((audience) => audience.id));
  const issues: Issue[] = [];
  rules.severities.forEach((rule, index) => {
    rule.escalation.audiences.forEach((audience, position) => {
      if (declared.has(audience)) return;
      issues.push({
        path: ['severities', index, 'escalation', 'audiences', position],
        message: `${audience} is not one of the audiences: ${[...declared].join(', ')}`,
      });
    });
  });
  return issues;
}

/**
 * A more severe level may not allow longer to respond than a less severe
 * one: raising an incident's severity must never relax its clock.
 */
function checkTargetOrder(rules: RulesShape): Issue[] {
  const issues: Issue[] = [];
  for (let rank = 0; rank < SEVERITIES.length - 1; rank += 1) {
    const index = rules.severities.findIndex(
      (rule) => rule.level === SEVERITIES[rank],
    );
    const next = rules.severities.find(
      (rule) => rule.level === SEVERITIES[rank + 1],
    );
    const target = rules.severities[index]?.responseTargetMinutes;
    if (!next || target === undefined) continue;
    if (target > next.responseTargetMinutes) {
      issues.push({
        path: ['severities', index, 'responseTargetMinutes'],
        message: `must not exceed the ${next.level} target (${next.responseTargetMinutes}): a more severe incident cannot get longer to respond`,
      });
    }
  }
  return issues;
}

function checkPhaseOrder(rules: RulesShape): Issue[] {
  const ids = rules.phases.map((phase) => phase.id);
  const mismatch = ids.findIndex((id, index) => id !== PHASE_IDS[index]);
  const order = PHASE_IDS.join(', ');
  if (mismatch >= 0) {
    return [
      {
        path: ['phases', mismatch, 'id'],
        message: `${PHASE_IDS[mismatch] ? `must be ${PHASE_IDS[mismatch]}` : 'is one phase too many'}: phases are listed once each, in this order: ${order}`,
      },
    ];
  }
  if (ids.length < PHASE_IDS.length) {
    const missing = PHASE_IDS.slice(ids.length).join(', ');
    return [{ path: ['phases'], message: `missing ${missing}` }];
  }
  return [];
}

function checkPhaseWindow(
  phases: RulesShape['phases'],
  index: number,
): Issue[] {
  const phase = phases[index];
  const previous = phases[index - 1];
  const isLast = index === phases.length - 1;
  const at = (field: string) => ['phases', index, field];
  const issues: Issue[] = [];

  const expectedStart = previous ? previous.endMinutes : 0;
  if (expectedStart !== null && phase.startMinutes !== expectedStart) {
    const where = previous ? `where ${previous.id} ends` : 'at detection';
    issues.push({
      path: at('startMinutes'),
      message: `must be ${expectedStart}, ${where}: phases may not leave a gap or overlap`,
    });
  }
  if (isLast !== (phase.endMinutes === null)) {
    issues.push({
      path: at('endMinutes'),
      message: isLast
        ? 'must be null: the last phase has no end'
        : 'must be a number of minutes: only the last phase is open',
    });
  }
  if (phase.endMinutes !== null && phase.endMinutes <= phase.startMinutes) {
    issues.push({
      path: at('endMinutes'),
      message: `must be after startMinutes (${phase.startMinutes})`,
    });
  }
  return issues;
}

/**
 * Windows tile the time from detection: the first starts at 0, each
 * starts where the one before ends, and only the last is open-ended.
 */
function checkPhaseWindows(rules: RulesShape): Issue[] {
  return rules.phases.flatMap((_, index) =>
    checkPhaseWindow(rules.phases, index),
  );
}

function checkConsistency(rules: RulesShape): Issue[] {
  const audienceIds = rules.audiences.map((audience) => audience.id);
  const levels = rules.severities.map((rule) => rule.level);
  const matrixRows = rules.classificationMatrix.map((row) => row.severity);
  const phaseOrder = checkPhaseOrder(rules);
  return [
    ...checkEachOnce(audienceIds, [], 'audiences', 'id'),
    ...checkEachOnce(levels, SEVERITIES, 'severities', 'level'),
    ...checkEscalations(rules),
    ...checkTargetOrder(rules),
    ...phaseOrder,
    ...(phaseOrder.length === 0 ? checkPhaseWindows(rules) : []),
    ...checkEachOnce(
      matrixRows,
      SEVERITIES,
      'classificationMatrix',
      'severity',
    ),
  ];
}

function bySeverityRank<T>(key: (item: T) => Severity) {
  return (a: T, b: T) =>
    SEVERITIES.indexOf(key(a)) - SEVERITIES.indexOf(key(b));
}

/**
 * The rules document. After parsing, severities and matrix rows are in the
 * taxonomy's order (critical first) whatever order the file used.
 */
export const responseRulesSchema = rulesShape
  .superRefine((rules, ctx) => {
    for (const issue of checkConsistency(rules)) {
      ctx.addIssue({ code: 'custom', ...issue });
    }
  })
  .transform((rules) => ({
    ...rules,
    severities: rules.severities.toSorted(bySeverityRank((rule) => rule.level)),
    classificationMatrix: rules.classificationMatrix.toSorted(
      bySeverityRank((row) => row.severity),
    ),
  }));

export type ResponseRules = z.output<typeof responseRulesSchema>;
export type Audience = ResponseRules['audiences'][number];
export type SeverityRule = ResponseRules['severities'][number];
export type EscalationRule = SeverityRule['escalation'];
export type PhaseRule = ResponseRules['phases'][number];
export type ClassificationMatrixRow =
  ResponseRules['classificationMatrix'][number];

export type FieldPath = (string | number)[];

/**
 * One thing wrong with a rules or override file. `path` is in the file's
 * own terms, so a caller holding the parsed YAML can find the line.
 */
export type RuleProblem = {
  source: string;
  path: FieldPath;
  /** `path` for people: `severities[1] (high).responseTargetMinutes`. */
  field: string;
  message: string;
};

export type RulesResult =
  | { ok: true; rules: ResponseRules }
  | {
      ok: false;
      /** `source: field: message`, one line per problem. */
      errors: string[];
      problems: RuleProblem[];
    };

/** Says `is required` where zod would say `expected array, received undefined`. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const absent = issue.input === undefined;
  const typeOrValue =
    issue.code === 'invalid_type' || issue.code === 'invalid_value';
  return absent && typeOrValue ? 'is required' : undefined;
}

/** The id an array item is known by, to name it beside its index. */
function itemName(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const name = record.id ?? record.level ?? record.severity;
  return typeof name === 'string' ? name : null;
}

/** `severities[1] (high).responseTargetMinutes`, walking the input. */
export function formatFieldPath(
  path: readonly (string | number)[],
  data: unknown,
): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    if (typeof key === 'number') {
      const name = itemName(node);
      text += name ? `[${key}] (${name})` : `[${key}]`;
    } else {
      text += text ? `.${String(key)}` : String(key);
    }
  }
  return text;
}

function toFieldPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function failure(problems: RuleProblem[]): RulesResult {
  const errors = problems.map(({ source, field, message }) =>
    field ? `${source}: ${field}: ${message}` : `${source}: ${message}`,
  );
  return { ok: false, errors, problems };
}

function problemsOf(
  error: z.ZodError,
  data: unknown,
  source: string,
): RuleProblem[] {
  return error.issues.map((issue) => {
    const path = toFieldPath(issue.path);
    const field = formatFieldPath(path, data);
    return { source, path, field, message: issue.message };
  });
}

/**
 * Validates a rules document (already read from YAML or JSON). `source`
 * names where it came from, a file path or `built-in defaults`, and starts
 * every error message. The consistency checks (each severity once, phases
 * contiguous, targets ordered) run once every field has the right shape,
 * so a file with a shape error hears about those first. Never throws.
 */
export function parseResponseRules(data: unknown, source: string): RulesResult {
  const parsed = responseRulesSchema.safeParse(data, { error: issueMessage });
  if (parsed.success) return { ok: true, rules: parsed.data };
  return failure(problemsOf(parsed.error, data, source));
}

const severityOverrideSchema = strictObject({
  label: text(100).optional(),
  description: text(500).optional(),
  responseTargetMinutes: wholeMinutes(1).optional(),
  escalation: escalationSchema.partial().optional(),
});

const phaseOverrideSchema = strictObject({
  label: text(100).optional(),
  startMinutes: wholeMinutes(0).optional(),
  endMinutes: wholeMinutes(1).nullable().optional(),
});

function keyedBy<K extends readonly [string, ...string[]], V extends z.ZodType>(
  what: string,
  keys: K,
  value: V,
) {
  return z
    .partialRecord(z.enum(keys), value, { error: mappingIssue(what, keys) })
    .optional();
}

/**
 * An organisation's overrides, keyed by id so a file says only what it
 * changes. Audiences listed here are added, or relabelled when the id is
 * already known. Phases cannot be added or removed: checklists and
 * playbooks refer to them.
 */
export const ruleOverridesSchema = strictObject({
  version: versionSchema,
  audiences: list(audienceSchema).optional(),
  severities: keyedBy('severity', SEVERITIES, severityOverrideSchema),
  phases: keyedBy('phase', PHASE_IDS, phaseOverrideSchema),
  classificationMatrix: keyedBy(
    'severity',
    SEVERITIES,
    matrixRowOverrideSchema,
  ),
});

export type RuleOverrides = z.output<typeof ruleOverridesSchema>;

function mergeAudiences(
  defaults: readonly Audience[],
  added: readonly Audience[] = [],
): Audience[] {
  const merged = defaults.map(
    (audience) => added.find((item) => item.id === audience.id) ?? audience,
  );
  const known = new Set(defaults.map((audience) => audience.id));
  return [...merged, ...added.filter((item) => !known.has(item.id))];
}

function applyOverrides(
  defaults: ResponseRules,
  overrides: RuleOverrides,
): ResponseRules {
  return {
    ...defaults,
    audiences: mergeAudiences(defaults.audiences, overrides.audiences),
    severities: defaults.severities.map((rule) => {
      const change = overrides.severities?.[rule.level];
      if (!change) return rule;
      const escalation = { ...rule.escalation, ...change.escalation };
      return { ...rule, ...change, escalation };
    }),
    phases: defaults.phases.map((phase) => ({
      ...phase,
      ...overrides.phases?.[phase.id],
    })),
    classificationMatrix: defaults.classificationMatrix.map((row) => ({
      ...row,
      ...overrides.classificationMatrix?.[row.severity],
    })),
  };
}

const KEYED_LISTS = ['severities', 'phases', 'classificationMatrix'];

/**
 * Rewrites a path into the merged rules (`phases[2].startMinutes`) into
 * the keyed form an override file uses (`phases.investigation.startMinutes`),
 * so the problem points at what the organisation would edit.
 */
function toOverridePath(path: FieldPath, merged: unknown): FieldPath {
  const [list, index, ...rest] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return path;
  if (!KEYED_LISTS.includes(list)) return path;
  const items = (merged as Record<string, unknown[]>)[list];
  const name = itemName(items?.[index]);
  return name ? [list, name, ...rest] : path;
}

/**
 * Merges an organisation's override document over validated defaults.
 * The overrides are checked on their own first, then the merged rules are
 * checked as a whole, because a change that is fine alone can break the
 * whole: moving where containment ends leaves a gap before investigation
 * unless investigation moves too. Either way the problems name `source`
 * and fields as the override file spells them
 * (`severities.critical.responseTargetMinutes`). Never throws.
 */
export function mergeRuleOverrides(
  defaults: ResponseRules,
  overrides: unknown,
  source: string,
): RulesResult {
  const parsed = ruleOverridesSchema.safeParse(overrides, {
    error: issueMessage,
  });
  if (!parsed.success) {
    return failure(problemsOf(parsed.error, overrides, source));
  }

  const merged = applyOverrides(defaults, parsed.data);
  const checked = responseRulesSchema.safeParse(merged);
  if (checked.success) return { ok: true, rules: checked.data };

  const mergedSource = `${source} (merged over the defaults)`;
  return failure(
    checked.error.issues.map((issue) => {
      const path = toOverridePath(toFieldPath(issue.path), merged);
      const field = formatFieldPath(path, merged);
      return { source: mergedSource, path, field, message: issue.message };
    }),
  );
}

/** The rule for a severity; validated rules hold one for each. */
export function severityRule(
  rules: ResponseRules,
  severity: Severity,
): SeverityRule {
  const rule = rules.severities.find((item) => item.level === severity);
  if (!rule) throw new RangeError(`the rules have no ${severity} severity`);
  return rule;
}

/** The rule for a phase; validated rules hold one for each. */
export function phaseRule(rules: ResponseRules, phase: PhaseId): PhaseRule {
  const rule = rules.phases.find((item) => item.id === phase);
  if (!rule) throw new RangeError(`the rules have no ${phase} phase`);
  return rule;
}

export function audienceLabel(rules: ResponseRules, id: string): string {
  return rules.audiences.find((audience) => audience.id === id)?.label ?? id;
}
