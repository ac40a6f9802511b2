import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CIA_DIMENSIONS,
  ciaRatingsSchema,
  IMPACT_LEVELS,
  impactOptions,
  impactWording,
  needsOverrideReason,
  proposeSeverity,
} from './classification-matrix';
import {
  mergeRuleOverrides,
  parseResponseRules,
  type ResponseRules,
} from './response-rules';

function shippedRules(): ResponseRules {
  const path = fileURLToPath(
    new URL('../../resources/response-rules.yaml', import.meta.url),
  );
  const result = parseResponseRules(parse(readFileSync(path, 'utf8')), path);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.rules;
}

const rules = shippedRules();

describe('the classification matrix', () => {
  it('offers every level with the plan’s wording', () => {
    expect(impactOptions(rules, 'confidentiality')).toEqual([
      { level: 'none', wording: 'No impact' },
      { level: 'low', wording: 'Attempted access' },
      { level: 'medium', wording: 'Information disclosure' },
      { level: 'high', wording: 'Unauthorized access' },
      { level: 'critical', wording: 'Data breach' },
    ]);
    expect(impactWording(rules, 'availability', 'critical')).toBe(
      'Service outage',
    );
  });

  it('proposes nothing when no impact is rated', () => {
    expect(
      proposeSeverity(rules, {
        confidentiality: 'none',
        integrity: 'none',
        availability: 'none',
      }),
    ).toBeNull();
  });

  it('proposes the highest rating and explains why', () => {
    const proposal = proposeSeverity(rules, {
      confidentiality: 'low',
      integrity: 'high',
      availability: 'none',
    });

    expect(proposal).toEqual({
      severity: 'high',
      drivers: ['integrity'],
      explanation:
        'High: the highest rated impact is integrity high (data modification); confidentiality low and availability none.',
    });
  });

  it('names every dimension that ties for the highest', () => {
    const proposal = proposeSeverity(rules, {
      confidentiality: 'critical',
      integrity: 'medium',
      availability: 'critical',
    });

    expect(proposal?.severity).toBe('critical');
    expect(proposal?.drivers).toEqual(['confidentiality', 'availability']);
    expect(proposal?.explanation).toBe(
      'Critical: the highest rated impact is confidentiality critical (data breach) and availability critical (service outage); integrity medium.',
    );
  });

  it('always proposes the highest of the three', () => {
    const level = fc.constantFrom(...IMPACT_LEVELS);
    fc.assert(
      fc.property(level, level, level, (c, i, a) => {
        const ratings = { confidentiality: c, integrity: i, availability: a };
        const highest = Math.max(
          ...CIA_DIMENSIONS.map((d) => IMPACT_LEVELS.indexOf(ratings[d])),
        );
        const proposal = proposeSeverity(rules, ratings);
        expect(proposal?.severity ?? 'none').toBe(IMPACT_LEVELS[highest]);
      }),
    );
  });

  it('uses an organisation’s own wording', () => {
    const merged = mergeRuleOverrides(
      rules,
      {
        version: 1,
        classificationMatrix: { medium: { integrity: 'Reconcilable errors' } },
      },
      'org.yaml',
    );
    if (!merged.ok) throw new Error(merged.errors.join('\n'));

    expect(impactWording(merged.rules, 'integrity', 'medium')).toBe(
      'Reconcilable errors',
    );
  });

  it('asks for a reason only when the choice differs from the proposal', () => {
    const proposal = proposeSeverity(rules, {
      confidentiality: 'medium',
      integrity: 'none',
      availability: 'none',
    });

    expect(needsOverrideReason(proposal, 'medium')).toBe(false);
    expect(needsOverrideReason(proposal, 'critical')).toBe(true);
    expect(needsOverrideReason(null, 'low')).toBe(false);
  });

  it('refuses an unknown rating', () => {
    const parsed = ciaRatingsSchema.safeParse({
      confidentiality: 'severe',
      integrity: 'none',
      availability: 'none',
    });

    expect(parsed.error?.issues[0].path).toEqual(['confidentiality']);
  });
});
