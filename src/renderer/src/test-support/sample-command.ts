import { parse } from 'yaml';
import type {
  ChecklistItem,
  IncidentCommandState,
} from '../../../shared/incident-command-types';
import type { RulesView } from '../../../shared/ipc-contract';
import {
  parseResponseRules,
  type ResponseRules,
} from '../../../shared/response-rules';
import shippedRules from '../../../../resources/response-rules.yaml?raw';
import { INCIDENT_ID } from './sample-data';

/** The rules War Room ships, so tests read the plan's real numbers. */
export function sampleRules(): ResponseRules {
  const result = parseResponseRules(parse(shippedRules), 'shipped');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.rules;
}

export function sampleRulesView(): RulesView {
  return { rules: sampleRules(), sources: ['shipped'], problems: [] };
}

/** Detection in the samples: 16:00:00 UTC on 3 December 2026. */
export const DETECTED_AT = '2026-12-03T16:00:00.000000Z';
export const DETECTED_MS = Date.parse('2026-12-03T16:00:00Z');

export function sampleItem(changes: Partial<ChecklistItem>): ChecklistItem {
  return {
    id: 'incident-response-checklist/item',
    playbookId: 'incident-response-checklist',
    parentId: null,
    depth: 0,
    phase: 'detection-and-analysis',
    title: 'Item',
    notes: '',
    required: false,
    adHoc: false,
    state: 'open',
    reason: null,
    updatedAt: null,
    updatedBy: null,
    ...changes,
  };
}

const GENERAL = 'incident-response-checklist';

/** A short checklist: a parent with two children and a few flat items. */
export function sampleChecklist(): ChecklistItem[] {
  return [
    sampleItem({
      id: `${GENERAL}/identify-and-log`,
      title: 'Identify and Log',
    }),
    sampleItem({
      id: `${GENERAL}/identify-and-log/document`,
      parentId: `${GENERAL}/identify-and-log`,
      depth: 1,
      title: 'Document incident details in security dashboard',
    }),
    sampleItem({
      id: `${GENERAL}/identify-and-log/assign`,
      parentId: `${GENERAL}/identify-and-log`,
      depth: 1,
      title: 'Assign severity level and category',
      state: 'done',
    }),
    sampleItem({
      id: `${GENERAL}/detected-and-logged`,
      title: 'Incident detected and logged',
      required: true,
    }),
    sampleItem({
      id: `${GENERAL}/isolate`,
      phase: 'containment',
      title: 'Threats isolated',
      required: true,
    }),
    sampleItem({
      id: `${GENERAL}/report`,
      phase: 'post-incident',
      title: 'Incident report completed',
      required: true,
    }),
  ];
}

export function sampleCommandState(
  changes: Partial<IncidentCommandState> = {},
): IncidentCommandState {
  return {
    incidentId: INCIDENT_ID,
    title: 'Compromised SuperAdmin account',
    status: 'open',
    severity: 'critical',
    category: 'authentication-access-control',
    subtype: 'compromised-superadmin-accounts',
    openedAt: DETECTED_AT,
    detectedAt: DETECTED_AT,
    detectionMethod: 'alert',
    resolution: null,
    closedAt: null,
    severityHistory: [
      {
        entryId: '01KBHQ3A0000000000000000S1',
        at: DETECTED_AT,
        severity: changes.severity ?? 'critical',
        previous: null,
        reason: 'Severity assigned when the incident was opened',
        actor: 'ic',
      },
    ],
    phase: 'detection-and-analysis',
    phaseHistory: [],
    milestones: [],
    roles: [],
    playbooks: [
      {
        id: GENERAL,
        title: 'Incident Response Checklist',
        attachedAt: DETECTED_AT,
        attachedBy: 'ic',
      },
    ],
    checklist: sampleChecklist(),
    blockers: [],
    ...changes,
  };
}
