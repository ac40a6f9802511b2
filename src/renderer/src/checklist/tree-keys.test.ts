import { describe, expect, it } from 'vitest';
import type { ChecklistRow, ItemRow, PhaseRow } from './checklist-rows';
import { sampleItem } from '../test-support/sample-command';
import { treeKeyAction } from './tree-keys';

function phase(key: string, expanded = true): PhaseRow {
  return {
    kind: 'phase',
    key,
    level: 1,
    setSize: 2,
    posInSet: 1,
    parentKey: null,
    hasChildren: true,
    expanded,
    phase: 'detection-and-analysis',
    label: 'Detection and analysis',
    window: '0–30 min',
    relation: 'current',
    timing: 'open',
    progress: { done: 0, skipped: 0, total: 2, requiredOpen: 0 },
  };
}

function item(key: string, parentKey: string, hasChildren = false): ItemRow {
  return {
    kind: 'item',
    key,
    level: 2,
    setSize: 2,
    posInSet: 1,
    parentKey,
    hasChildren,
    expanded: true,
    item: sampleItem({ id: key, phase: 'containment' }),
    overdue: false,
    source: null,
  };
}

const rows: ChecklistRow[] = [
  phase('phase:a'),
  item('a/1', 'phase:a', true),
  item('a/1/x', 'a/1'),
  phase('phase:b', false),
];

describe('treeKeyAction', () => {
  it('moves down and up through the visible rows, stopping at the ends', () => {
    expect(treeKeyAction('ArrowDown', rows, 0)).toEqual({
      type: 'focus',
      key: 'a/1',
    });
    expect(treeKeyAction('ArrowUp', rows, 0)).toEqual({
      type: 'focus',
      key: 'phase:a',
    });
    expect(treeKeyAction('ArrowDown', rows, 3)).toEqual({
      type: 'focus',
      key: 'phase:b',
    });
    expect(treeKeyAction('End', rows, 0)).toEqual({
      type: 'focus',
      key: 'phase:b',
    });
  });

  it('folds with Enter, and with the side arrows the way trees do', () => {
    expect(treeKeyAction('Enter', rows, 0)).toEqual({
      type: 'set-expanded',
      key: 'phase:a',
      expanded: false,
    });
    expect(treeKeyAction('ArrowRight', rows, 3)).toEqual({
      type: 'set-expanded',
      key: 'phase:b',
      expanded: true,
    });
    expect(treeKeyAction('ArrowRight', rows, 1)).toEqual({
      type: 'focus',
      key: 'a/1/x',
    });
    expect(treeKeyAction('ArrowLeft', rows, 2)).toEqual({
      type: 'focus',
      key: 'a/1',
    });
  });

  it('ticks and skips items only; Space on a phase folds it', () => {
    expect(treeKeyAction(' ', rows, 2)).toEqual({
      type: 'toggle-done',
      row: rows[2],
    });
    expect(treeKeyAction('s', rows, 2)).toEqual({ type: 'skip', row: rows[2] });
    expect(treeKeyAction('s', rows, 0)).toBeNull();
    expect(treeKeyAction(' ', rows, 0)).toMatchObject({
      type: 'set-expanded',
    });
  });

  it('adds to the phase of the row in focus', () => {
    expect(treeKeyAction('a', rows, 2)).toEqual({
      type: 'add',
      phase: 'containment',
    });
    expect(treeKeyAction('a', rows, 0)).toEqual({
      type: 'add',
      phase: 'detection-and-analysis',
    });
  });

  it('leaves other keys to the page', () => {
    expect(treeKeyAction('n', rows, 0)).toBeNull();
    expect(treeKeyAction('Enter', rows, 2)).toBeNull();
  });
});
