import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  mergeRuleOverrides,
  parseResponseRules,
  phaseRule,
  severityRule,
  type ResponseRules,
  type RulesResult,
} from './response-rules';

const SHIPPED_PATH = fileURLToPath(
  new URL('../../resources/response-rules.yaml', import.meta.url),
);

function shippedDocument(): Record<string, unknown> & {
  severities: Record<string, unknown>[];
  phases: Record<string, unknown>[];
  classificationMatrix: Record<string, unknown>[];
} {
  return parse(readFileSync(SHIPPED_PATH, 'utf8'));
}

function shippedRules(): ResponseRules {
  const result = parseResponseRules(shippedDocument(), SHIPPED_PATH);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.rules;
}

function errorsOf(result: RulesResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('the shipped response rules', () => {
  it('parse and carry the plan’s targets and escalation', () => {
    const rules = shippedRules();

    const targets = rules.severities.map((rule) => [
      rule.level,
      rule.responseTargetMinutes,
    ]);
    expect(targets).toEqual([
      ['critical', 15],
      ['high', 60],
      ['medium', 240],
      ['low', 1440],
    ]);
    expect(severityRule(rules, 'critical').escalation).toEqual({
      audiences: ['c-level'],
      wording: 'Immediate C-level notification',
    });
    expect(severityRule(rules, 'high').escalation.audiences).toEqual([
      'security-team',
      'management',
    ]);
    expect(severityRule(rules, 'low').escalation.wording).toBe(
      'Standard security review',
    );
  });

  it('carry the plan’s phase windows and classification matrix', () => {
    const rules = shippedRules();

    const windows = rules.phases.map((phase) => [
      phase.id,
      phase.startMinutes,
      phase.endMinutes,
    ]);
    expect(windows).toEqual([
      ['detection-and-analysis', 0, 30],
      ['containment', 30, 120],
      ['investigation', 120, 1440],
      ['recovery', 1440, 10080],
      ['post-incident', 10080, null],
    ]);
    expect(rules.classificationMatrix[1]).toEqual({
      severity: 'high',
      confidentiality: 'Unauthorized access',
      integrity: 'Data modification',
      availability: 'Service degradation',
    });
  });
});

describe('parseResponseRules', () => {
  it('puts severities in taxonomy order whatever the file’s order', () => {
    const doc = shippedDocument();
    doc.severities.reverse();
    doc.classificationMatrix.reverse();

    const result = parseResponseRules(doc, 'rules.yaml');

    expect(result.ok && result.rules.severities[0].level).toBe('critical');
    expect(result.ok && result.rules.classificationMatrix[3].severity).toBe(
      'low',
    );
  });

  it('names a missing severity', () => {
    const doc = shippedDocument();
    doc.severities.splice(1, 1);

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities: missing high',
    ]);
  });

  it('names a severity listed twice, and the one it displaced', () => {
    const doc = shippedDocument();
    doc.severities[2].level = 'critical';

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities[2] (critical).level: critical is listed more than once',
      'rules.yaml: severities: missing medium',
    ]);
  });

  it('refuses fractional minutes', () => {
    const doc = shippedDocument();
    doc.severities[1].responseTargetMinutes = 59.5;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities[1] (high).responseTargetMinutes: must be a whole number of minutes',
    ]);
  });

  it('refuses values of the wrong type', () => {
    const doc = shippedDocument();
    doc.phases[1].endMinutes = '120';
    doc.severities[0].level = 'urgent';
    doc.audiences = { id: 'c-level' };

    const errors = errorsOf(parseResponseRules(doc, 'rules.yaml'));

    expect(errors).toContain(
      'rules.yaml: phases[1] (containment).endMinutes: must be a whole number of minutes',
    );
    expect(errors).toContain('rules.yaml: audiences: must be a list');
    expect(
      errors.some((e) =>
        e.startsWith('rules.yaml: severities[0] (urgent).level: Invalid'),
      ),
    ).toBe(true);
  });

  it('refuses a document that is not a mapping', () => {
    for (const data of [null, 'rules', [], 3]) {
      const errors = errorsOf(parseResponseRules(data, 'rules.yaml'));
      expect(errors).toEqual([
        'rules.yaml: must be a mapping of fields (version, audiences, severities, phases, classificationMatrix)',
      ]);
    }
  });

  it('names a missing field and an unknown one', () => {
    const doc = shippedDocument();
    delete doc.severities[0].escalation;
    doc.severities[1].target = 60;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities[0] (critical).escalation: is required',
      'rules.yaml: severities[1] (high): unknown field target (expected level, label, description, responseTargetMinutes, escalation)',
    ]);
  });

  it('refuses a negative or zero response target and a wrong version', () => {
    const doc = shippedDocument();
    doc.severities[3].responseTargetMinutes = 0;
    doc.version = 2;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: version: must be 1',
      'rules.yaml: severities[3] (low).responseTargetMinutes: must be at least 1 minute',
    ]);
  });

  it('names a gap between phases', () => {
    const doc = shippedDocument();
    doc.phases[2].startMinutes = 150;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: phases[2] (investigation).startMinutes: must be 120, where containment ends: phases may not leave a gap or overlap',
    ]);
  });

  it('names an overlap and a window that ends before it starts', () => {
    const doc = shippedDocument();
    doc.phases[0].startMinutes = 5;
    doc.phases[1].endMinutes = 20;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: phases[0] (detection-and-analysis).startMinutes: must be 0, at detection: phases may not leave a gap or overlap',
      'rules.yaml: phases[1] (containment).endMinutes: must be after startMinutes (30)',
      'rules.yaml: phases[2] (investigation).startMinutes: must be 20, where containment ends: phases may not leave a gap or overlap',
    ]);
  });

  it('requires only the last phase to be open-ended', () => {
    const doc = shippedDocument();
    doc.phases[3].endMinutes = null;
    doc.phases[4].endMinutes = 20000;

    const errors = errorsOf(parseResponseRules(doc, 'rules.yaml'));

    expect(errors).toContain(
      'rules.yaml: phases[3] (recovery).endMinutes: must be a number of minutes: only the last phase is open',
    );
    expect(errors).toContain(
      'rules.yaml: phases[4] (post-incident).endMinutes: must be null: the last phase has no end',
    );
  });

  it('names phases out of order and a missing phase', () => {
    const swapped = shippedDocument();
    swapped.phases.splice(1, 2, swapped.phases[2], swapped.phases[1]);
    const short = shippedDocument();
    short.phases.pop();

    expect(errorsOf(parseResponseRules(swapped, 'a.yaml'))[0]).toBe(
      'a.yaml: phases[1] (investigation).id: must be containment: phases are listed once each, in this order: detection-and-analysis, containment, investigation, recovery, post-incident',
    );
    expect(errorsOf(parseResponseRules(short, 'b.yaml'))).toEqual([
      'b.yaml: phases: missing post-incident',
    ]);
  });

  it('refuses an escalation to an audience nobody declared', () => {
    const doc = shippedDocument();
    const escalation = doc.severities[0].escalation as { audiences: string[] };
    escalation.audiences.push('board');

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities[0] (critical).escalation.audiences[1]: board is not one of the audiences: c-level, security-team, management',
    ]);
  });

  it('refuses a more severe level with a longer target', () => {
    const doc = shippedDocument();
    doc.severities[0].responseTargetMinutes = 90;

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: severities[0] (critical).responseTargetMinutes: must not exceed the high target (60): a more severe incident cannot get longer to respond',
    ]);
  });

  it('names a missing classification matrix row', () => {
    const doc = shippedDocument();
    doc.classificationMatrix.shift();

    expect(errorsOf(parseResponseRules(doc, 'rules.yaml'))).toEqual([
      'rules.yaml: classificationMatrix: missing critical',
    ]);
  });

  it('reports the raw path so a caller can find the line', () => {
    const doc = shippedDocument();
    doc.phases[2].startMinutes = 150;

    const result = parseResponseRules(doc, 'rules.yaml');

    expect(result.ok ? [] : result.problems).toEqual([
      {
        source: 'rules.yaml',
        path: ['phases', 2, 'startMinutes'],
        field: 'phases[2] (investigation).startMinutes',
        message:
          'must be 120, where containment ends: phases may not leave a gap or overlap',
      },
    ]);
  });
});

describe('mergeRuleOverrides', () => {
  it('changes targets, escalation and windows and keeps the rest', () => {
    const defaults = shippedRules();
    const overrides = {
      version: 1,
      audiences: [{ id: 'legal', label: 'Legal counsel' }],
      severities: {
        critical: {
          responseTargetMinutes: 10,
          escalation: { audiences: ['c-level', 'legal'] },
        },
      },
      phases: {
        containment: { endMinutes: 180 },
        investigation: { startMinutes: 180 },
      },
    };

    const result = mergeRuleOverrides(defaults, overrides, 'org.yaml');
    if (!result.ok) throw new Error(result.errors.join('\n'));

    const critical = severityRule(result.rules, 'critical');
    expect(critical.responseTargetMinutes).toBe(10);
    expect(critical.escalation).toEqual({
      audiences: ['c-level', 'legal'],
      wording: 'Immediate C-level notification',
    });
    expect(phaseRule(result.rules, 'containment').endMinutes).toBe(180);
    expect(severityRule(result.rules, 'high')).toEqual(
      severityRule(defaults, 'high'),
    );
    expect(severityRule(defaults, 'critical').responseTargetMinutes).toBe(15);
  });

  it('relabels a known audience instead of adding it twice', () => {
    const overrides = {
      version: 1,
      audiences: [{ id: 'management', label: 'Executive board' }],
    };

    const result = mergeRuleOverrides(shippedRules(), overrides, 'org.yaml');

    expect(result.ok && result.rules.audiences.map((a) => a.label)).toEqual([
      'C-level executives',
      'Security team',
      'Executive board',
    ]);
  });

  it('names a misspelt field or key in the override file', () => {
    const overrides = {
      version: 1,
      severities: { critical: { responseTargetMinute: 10 } },
      phases: { contanment: { endMinutes: 180 } },
    };

    const errors = errorsOf(
      mergeRuleOverrides(shippedRules(), overrides, 'org.yaml'),
    );

    expect(errors).toEqual([
      'org.yaml: severities.critical: unknown field responseTargetMinute (expected label, description, responseTargetMinutes, escalation)',
      'org.yaml: phases: unknown phase contanment (expected detection-and-analysis, containment, investigation, recovery, post-incident)',
    ]);
  });

  it('names unknown fields inside nested override mappings', () => {
    const overrides = {
      version: 1,
      severities: { high: { escalation: { who: ['management'] } } },
      classificationMatrix: { low: { severity: 'low' } },
    };

    expect(
      errorsOf(mergeRuleOverrides(shippedRules(), overrides, 'org.yaml')),
    ).toEqual([
      'org.yaml: severities.high.escalation: unknown field who (expected audiences, wording)',
      'org.yaml: classificationMatrix.low: unknown field severity (expected confidentiality, integrity, availability)',
    ]);
  });

  it('refuses an empty override file', () => {
    expect(
      errorsOf(mergeRuleOverrides(shippedRules(), null, 'org.yaml')),
    ).toEqual([
      'org.yaml: must be a mapping of fields (version, audiences, severities, phases, classificationMatrix)',
    ]);
  });

  it('refuses fractional minutes in an override', () => {
    const overrides = {
      version: 1,
      severities: { high: { responseTargetMinutes: 45.5 } },
    };

    expect(
      errorsOf(mergeRuleOverrides(shippedRules(), overrides, 'org.yaml')),
    ).toEqual([
      'org.yaml: severities.high.responseTargetMinutes: must be a whole number of minutes',
    ]);
  });

  it('refuses an override that breaks the whole, naming its field', () => {
    const overrides = {
      version: 1,
      severities: { critical: { responseTargetMinutes: 120 } },
      phases: { containment: { endMinutes: 180 } },
    };

    const result = mergeRuleOverrides(shippedRules(), overrides, 'org.yaml');

    expect(errorsOf(result)).toEqual([
      'org.yaml (merged over the defaults): severities.critical.responseTargetMinutes: must not exceed the high target (60): a more severe incident cannot get longer to respond',
      'org.yaml (merged over the defaults): phases.investigation.startMinutes: must be 180, where containment ends: phases may not leave a gap or overlap',
    ]);
    expect(result.ok ? [] : result.problems[1].path).toEqual([
      'phases',
      'investigation',
      'startMinutes',
    ]);
  });

  it('refuses an escalation to an undeclared audience', () => {
    const overrides = {
      version: 1,
      severities: { medium: { escalation: { audiences: ['legal'] } } },
    };

    expect(
      errorsOf(mergeRuleOverrides(shippedRules(), overrides, 'org.yaml')),
    ).toEqual([
      'org.yaml (merged over the defaults): severities.medium.escalation.audiences[0]: legal is not one of the audiences: c-level, security-team, management',
    ]);
  });

  it('requires the version, so a future format is not misread', () => {
    expect(
      errorsOf(mergeRuleOverrides(shippedRules(), {}, 'org.yaml')),
    ).toEqual(['org.yaml: version: is required']);
  });
});
