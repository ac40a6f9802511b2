import { describe, expect, it } from 'vitest';
import {
  CORE_ROLES,
  EXTENDED_ROLES,
  findMilestoneOrderProblems,
  isPhaseId,
  MILESTONE_KINDS,
  MILESTONE_LABELS,
  RESOLUTION_LABELS,
  RESOLUTIONS,
  ROLE_DEFINITIONS,
  ROLES,
} from './incident-lifecycle';

describe('the incident lifecycle vocabulary', () => {
  it('labels every milestone and resolution', () => {
    expect(Object.keys(MILESTONE_LABELS)).toEqual([...MILESTONE_KINDS]);
    expect(Object.keys(RESOLUTION_LABELS)).toEqual([...RESOLUTIONS]);
  });

  it('holds the plan’s core and extended teams', () => {
    expect(Object.keys(ROLE_DEFINITIONS)).toEqual([...ROLES]);
    expect(CORE_ROLES.map((role) => ROLE_DEFINITIONS[role].label)).toEqual([
      'Incident Commander',
      'Security Lead',
      'Engineering Lead',
      'Communications Lead',
    ]);
    expect(
      EXTENDED_ROLES.every((r) => ROLE_DEFINITIONS[r].team === 'extended'),
    ).toBe(true);
    expect(ROLE_DEFINITIONS['legal-counsel'].duty).toBe(
      'Regulatory compliance',
    );
  });

  it('recognises phase ids', () => {
    expect(isPhaseId('containment')).toBe(true);
    expect(isPhaseId('analysis')).toBe(false);
  });
});

describe('findMilestoneOrderProblems', () => {
  it('accepts milestones in order, with gaps', () => {
    expect(
      findMilestoneOrderProblems({ detected: 10, contained: 30, closed: 30 }),
    ).toEqual([]);
  });

  it('flags a milestone earlier than one that should precede it', () => {
    expect(
      findMilestoneOrderProblems({
        'first-seen': 5,
        detected: 20,
        acknowledged: 15,
        contained: 25,
      }),
    ).toEqual([
      {
        milestone: 'acknowledged',
        before: 'detected',
        message: 'Acknowledged is earlier than detected',
      },
    ]);
  });
});
