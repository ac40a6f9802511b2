import { describe, expect, it } from 'vitest';
import type { PhaseWindow } from '../../../shared/response-clock';
import {
  DETECTED_MS,
  sampleChecklist,
  sampleCommandState,
  sampleItem,
  sampleRules,
} from '../test-support/sample-command';
import { phaseWindowsFor } from '../command/clock-display';
import {
  buildChecklistRows,
  openRequiredItems,
  phaseRowKey,
  type ChecklistRow,
  type ItemRow,
} from './checklist-rows';

const MINUTE = 60_000;
const rules = sampleRules();

function windowsAt(afterMs: number): PhaseWindow[] {
  return phaseWindowsFor(sampleCommandState(), rules, DETECTED_MS + afterMs)
    .windows;
}

function rows(
  changes: { afterMs?: number; collapsed?: Record<string, true> } = {},
  checklist = sampleChecklist(),
) {
  const state = sampleCommandState({ checklist });
  return buildChecklistRows({
    checklist,
    currentPhase: state.phase,
    windows: windowsAt(changes.afterMs ?? 0),
    playbooks: [
      ...state.playbooks,
      {
        id: 'data-breach',
        title: 'Data Breach',
        attachedAt: state.openedAt,
        attachedBy: 'ic',
      },
    ],
    collapsed: changes.collapsed ?? {},
  });
}

const keys = (list: ChecklistRow[]) => list.map((row) => row.key);
const item = (list: ChecklistRow[], title: string) =>
  list.find(
    (row): row is ItemRow => row.kind === 'item' && row.item.title === title,
  );

describe('buildChecklistRows', () => {
  it('lists each phase followed by its items, children under parents', () => {
    const list = rows();

    expect(list.map((row) => row.level)).toEqual([
      1, 2, 3, 3, 2, 1, 2, 1, 1, 1, 2,
    ]);
    expect(list[0]).toMatchObject({
      kind: 'phase',
      label: 'Detection and analysis',
      window: '0–30 min',
      relation: 'current',
      setSize: 5,
      posInSet: 1,
    });
    expect(item(list, 'Assign severity level and category')).toMatchObject({
      parentKey: 'incident-response-checklist/identify-and-log',
      setSize: 2,
      posInSet: 2,
    });
  });

  it('counts progress per phase, with the required items still open', () => {
    const [first] = rows();

    expect(first).toMatchObject({
      kind: 'phase',
      progress: { done: 1, skipped: 0, total: 4, requiredOpen: 1 },
    });
  });

  it('leaves out the rows under a collapsed phase or item', () => {
    const parent = 'incident-response-checklist/identify-and-log';
    const list = rows({
      collapsed: { [phaseRowKey('containment')]: true, [parent]: true },
    });

    expect(keys(list)).not.toContain('incident-response-checklist/isolate');
    expect(keys(list)).not.toContain(`${parent}/document`);
    expect(list.find((row) => row.key === parent)).toMatchObject({
      hasChildren: true,
      expanded: false,
    });
  });

  it('marks open items overdue once their phase’s window has passed', () => {
    const early = rows({ afterMs: 29 * MINUTE });
    const late = rows({ afterMs: 31 * MINUTE });

    expect(item(early, 'Incident detected and logged')?.overdue).toBe(false);
    expect(item(late, 'Incident detected and logged')?.overdue).toBe(true);
    expect(item(late, 'Assign severity level and category')?.overdue).toBe(
      false,
    );
    expect(item(late, 'Threats isolated')?.overdue).toBe(false);
  });

  it('names the playbook of items not from the general checklist', () => {
    const list = rows({}, [
      ...sampleChecklist(),
      sampleItem({
        id: 'data-breach/notify-legal-team',
        playbookId: 'data-breach',
        phase: 'containment',
        title: 'Notify legal team',
      }),
    ]);

    expect(item(list, 'Notify legal team')?.source).toBe('Data Breach');
    expect(item(list, 'Threats isolated')?.source).toBeNull();
  });
});

describe('openRequiredItems', () => {
  it('takes the phases before the one asked for, or every phase', () => {
    const checklist = sampleChecklist();

    expect(
      openRequiredItems(checklist, 'containment').map((i) => i.title),
    ).toEqual(['Incident detected and logged']);
    expect(openRequiredItems(checklist, null).map((i) => i.title)).toEqual([
      'Incident detected and logged',
      'Threats isolated',
      'Incident report completed',
    ]);
  });
});
