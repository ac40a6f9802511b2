import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybooks, type Playbook } from './load-playbooks';
import type { PhaseId } from '../../shared/incident-lifecycle';
import type { PlaybookItem } from './playbook-schema';
import { flattenChecklist } from './select-playbooks';

/*
 * The incident-response plan, copied here as the specification the shipped
 * files must match word for word.
 */

const PLAN_CHECKLIST: Record<string, string[]> = {
  Detection: [
    'Incident detected and logged',
    'Initial assessment completed',
    'Severity level assigned',
    'Response team notified',
    'Communication channel established',
  ],
  Analysis: [
    'Evidence collected',
    'Affected systems identified',
    'Initial impact assessment',
    'Stakeholders notified',
    'Containment strategy developed',
  ],
  Containment: [
    'Threats isolated',
    'Evidence preserved',
    'Short-term fixes applied',
    'Monitoring enhanced',
    'Status updates provided',
  ],
  Investigation: [
    'Detailed analysis completed',
    'Attack vectors identified',
    'Impact scope determined',
    'Forensic evidence collected',
    'Regulatory requirements assessed',
  ],
  Recovery: [
    'Threats eliminated',
    'Systems restored',
    'Security controls updated',
    'Services verified',
    'Normal operations resumed',
  ],
  'Post-Incident': [
    'Incident report completed',
    'Post-incident review conducted',
    'Lessons learned documented',
    'Security improvements implemented',
    'Follow-up actions scheduled',
  ],
};

const CHECKLIST_SECTIONS_BY_PHASE: Record<PhaseId, string[]> = {
  'detection-and-analysis': ['Detection', 'Analysis'],
  containment: ['Containment'],
  investigation: ['Investigation'],
  recovery: ['Recovery'],
  'post-incident': ['Post-Incident'],
};

type Steps = Record<string, string[]>;

const PLAN_PHASE_STEPS: Record<PhaseId, Steps> = {
  'detection-and-analysis': {
    'Identify and Log': [
      'Document incident details in security dashboard',
      'Assign severity level and category',
      'Record initial detection time and method',
    ],
    'Initial Assessment': [
      'Gather immediate evidence',
      'Determine affected systems/users',
      'Assess potential impact',
    ],
    Notification: [
      'Alert appropriate response team members',
      'Escalate based on severity level',
      'Start incident communication channel',
    ],
  },
  containment: {
    'Isolate Affected Systems': [
      'Use emergency lockdown if necessary',
      'Block suspicious IP addresses',
      'Disable compromised accounts',
    ],
    'Preserve Evidence': [
      'Take system snapshots',
      'Export relevant logs',
      'Document all actions taken',
    ],
    'Implement Short-term Fixes': [
      'Apply security patches',
      'Update access controls',
      'Strengthen monitoring',
    ],
  },
  investigation: {
    'Log Analysis': [
      'Review audit logs',
      'Analyze access patterns',
      'Identify attack vectors',
    ],
    'Forensic Investigation': [
      'Examine compromised systems',
      'Trace attacker activities',
      'Identify data accessed',
    ],
    'Impact Assessment': [
      'Determine scope of compromise',
      'Assess data exposure',
      'Evaluate business impact',
    ],
  },
  recovery: {
    'Eliminate Threats': [
      'Remove malware/backdoors',
      'Patch vulnerabilities',
      'Update security controls',
    ],
    'Restore Services': [
      'Verify system integrity',
      'Restore from clean backups',
      'Gradually restore access',
    ],
    'Strengthen Security': [
      'Update security policies',
      'Implement additional controls',
      'Enhance monitoring',
    ],
  },
  'post-incident': {
    'Incident Documentation': [
      'Complete incident report',
      'Timeline of events',
      'Actions taken',
      'Lessons learned',
    ],
    'Review and Analysis': [
      'Post-incident review meeting',
      'Root cause analysis',
      'Security control assessment',
      'Process improvement recommendations',
    ],
    Communication: [
      'Internal stakeholder updates',
      'Customer notifications (if required)',
      'Regulatory reporting (if required)',
      'Public disclosure (if required)',
    ],
    'Follow-up Actions': [
      'Implement security improvements',
      'Update policies and procedures',
      'Conduct additional training',
      'Schedule security reviews',
    ],
  },
};

type SpecificPlaybook = {
  title: string;
  immediateActions: string[];
  investigation: string[];
  recovery: string[];
};

const PLAN_SPECIFIC_PLAYBOOKS: Record<string, SpecificPlaybook> = {
  'compromised-superadmin-account': {
    title: 'Compromised SuperAdmin Account',
    immediateActions: [
      'Disable the compromised account',
      'Trigger emergency lockdown',
      'Force password reset for all admins',
      'Review recent admin activities',
    ],
    investigation: [
      'Examine login logs',
      'Check for unauthorized changes',
      'Review access patterns',
      'Verify data integrity',
    ],
    recovery: [
      'Re-enable accounts after verification',
      'Implement additional 2FA requirements',
      'Update IP allowlist restrictions',
    ],
  },
  'suspicious-login-activity': {
    title: 'Suspicious Login Activity',
    immediateActions: [
      'Block suspicious IP addresses',
      'Enable enhanced monitoring',
      'Notify affected users',
      'Review recent access logs',
    ],
    investigation: [
      'Analyze login patterns',
      'Check for credential stuffing',
      'Review failed attempts',
      'Identify attack sources',
    ],
    recovery: [
      'Strengthen rate limiting',
      'Update security policies',
      'Implement additional monitoring',
    ],
  },
  'data-breach': {
    title: 'Data Breach',
    immediateActions: [
      'Isolate affected systems',
      'Preserve evidence',
      'Notify legal team',
      'Assess regulatory requirements',
    ],
    investigation: [
      'Determine data accessed',
      'Identify breach method',
      'Review access controls',
      'Assess impact scope',
    ],
    recovery: [
      'Notify affected users',
      'Implement data protection measures',
      'Update security controls',
      'Prepare regulatory notifications',
    ],
  },
  'application-security-incident': {
    title: 'Application Security Incident',
    immediateActions: [
      'Block malicious requests',
      'Apply security patches',
      'Review application logs',
      'Isolate affected components',
    ],
    investigation: [
      'Analyze attack vectors',
      'Review code vulnerabilities',
      'Check for data manipulation',
      'Assess system integrity',
    ],
    recovery: [
      'Deploy security fixes',
      'Update application controls',
      'Enhance input validation',
      'Strengthen testing procedures',
    ],
  },
};

const SHIPPED_DIR = resolve(
  import.meta.dirname,
  '../../../resources/playbooks',
);

const loaded = loadPlaybooks([{ path: SHIPPED_DIR, origin: 'shipped' }]);

function shipped(id: string): Playbook {
  const playbook = loaded.playbooks.find((candidate) => candidate.id === id);
  if (!playbook) throw new Error(`shipped playbook ${id} is missing`);
  return playbook;
}

function itemsIn(playbook: Playbook, phase: PhaseId): PlaybookItem[] {
  return playbook.phases.find((entry) => entry.phase === phase)?.items ?? [];
}

function titles(items: PlaybookItem[]): string[] {
  return items.map((item) => item.title);
}

function findItem(playbook: Playbook, id: string): PlaybookItem | undefined {
  const search = (items: PlaybookItem[]): PlaybookItem | undefined =>
    items.find((item) => item.id === id) ??
    items.flatMap((item) => search(item.items) ?? [])[0];
  return search(playbook.phases.flatMap((phase) => phase.items));
}

describe('shipped playbooks', () => {
  it('all load with no errors', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.playbooks.map((playbook) => playbook.id).sort()).toEqual([
      'application-security-incident',
      'compromised-superadmin-account',
      'data-breach',
      'incident-response-checklist',
      'suspicious-login-activity',
    ]);
  });

  it('give every item a path id no other item has', () => {
    for (const playbook of loaded.playbooks) {
      const pathIds = flattenChecklist(playbook).map((entry) => entry.pathId);
      expect(new Set(pathIds).size).toBe(pathIds.length);
    }
  });
});

describe('the incident response checklist', () => {
  const checklist = shipped('incident-response-checklist');
  const phases = Object.keys(CHECKLIST_SECTIONS_BY_PHASE) as PhaseId[];

  it('applies to every incident', () => {
    expect(checklist.appliesTo).toBe('every-incident');
  });

  it('has the five response phases in order', () => {
    expect(checklist.phases.map((entry) => entry.phase)).toEqual(phases);
  });

  it.each(phases)('holds the plan checklist items of %s verbatim', (phase) => {
    const expected = CHECKLIST_SECTIONS_BY_PHASE[phase].flatMap(
      (section) => PLAN_CHECKLIST[section],
    );
    const leaves = itemsIn(checklist, phase).filter(
      (item) => item.items.length === 0,
    );

    expect(titles(leaves)).toEqual(expected);
  });

  it('holds all thirty checklist items, ten in the first phase', () => {
    const leafCount = (phase: PhaseId) =>
      itemsIn(checklist, phase).filter((item) => item.items.length === 0)
        .length;

    expect(leafCount('detection-and-analysis')).toBe(10);
    expect(phases.slice(1).map(leafCount)).toEqual([5, 5, 5, 5]);
    expect(phases.map(leafCount).reduce((a, b) => a + b)).toBe(30);
  });

  it.each(phases)('holds the plan steps of %s with their bullets', (phase) => {
    const steps = itemsIn(checklist, phase).filter(
      (item) => item.items.length > 0,
    );
    const actual = Object.fromEntries(
      steps.map((step) => [step.title, titles(step.items)]),
    );

    expect(actual).toEqual(PLAN_PHASE_STEPS[phase]);
    expect(titles(steps)).toEqual(Object.keys(PLAN_PHASE_STEPS[phase]));
  });

  it('requires the items no incident can skip', () => {
    for (const id of [
      'incident-detected-and-logged',
      'severity-level-assigned',
      'evidence-preserved',
      'incident-report-completed',
    ]) {
      expect(findItem(checklist, id)?.required, id).toBe(true);
    }
    expect(findItem(checklist, 'status-updates-provided')?.required).toBe(
      false,
    );
  });

  it('warns that the plan blocks addresses through the allowlist', () => {
    const item = findItem(checklist, 'block-suspicious-ip-addresses');

    expect(item?.notes).toContain('allowlist');
  });
});

describe.each(Object.entries(PLAN_SPECIFIC_PLAYBOOKS))(
  'the %s playbook',
  (id, plan) => {
    const playbook = shipped(id);

    it('has the plan title', () => {
      expect(playbook.title).toBe(plan.title);
    });

    it('works the immediate actions in containment, verbatim', () => {
      expect(titles(itemsIn(playbook, 'containment'))).toEqual(
        plan.immediateActions,
      );
    });

    it('holds the investigation and recovery steps verbatim', () => {
      expect(titles(itemsIn(playbook, 'investigation'))).toEqual(
        plan.investigation,
      );
      expect(titles(itemsIn(playbook, 'recovery'))).toEqual(plan.recovery);
    });

    it('has nothing in phases the plan gives it no steps for', () => {
      expect(playbook.phases.map((entry) => entry.phase)).toEqual([
        'containment',
        'investigation',
        'recovery',
      ]);
    });
  },
);

describe('required items of the specific playbooks', () => {
  it.each([
    ['compromised-superadmin-account', 'disable-the-compromised-account'],
    ['data-breach', 'notify-legal-team'],
    ['data-breach', 'preserve-evidence'],
    ['suspicious-login-activity', 'block-suspicious-ip-addresses'],
    ['application-security-incident', 'block-malicious-requests'],
  ])('%s requires %s', (playbookId, itemId) => {
    expect(findItem(shipped(playbookId), itemId)?.required).toBe(true);
  });

  it('leaves optional what the plan makes conditional', () => {
    const item = findItem(shipped('data-breach'), 'notify-affected-users');

    expect(item?.required).toBe(false);
  });
});
