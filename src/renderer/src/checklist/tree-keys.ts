import type { PhaseId } from '../../../shared/incident-lifecycle';
import type { ChecklistRow, ItemRow } from './checklist-rows';

export type TreeAction =
  | { type: 'focus'; key: string }
  | { type: 'set-expanded'; key: string; expanded: boolean }
  | { type: 'toggle-done'; row: ItemRow }
  | { type: 'skip'; row: ItemRow }
  | { type: 'add'; phase: PhaseId };

export const CHECKLIST_KEYS = {
  move: '↑ ↓',
  done: 'Space',
  skip: 's',
  add: 'a',
  fold: 'Enter',
} as const;

export function phaseOf(row: ChecklistRow): PhaseId {
  return row.kind === 'phase' ? row.phase : row.item.phase;
}

function focusAt(rows: readonly ChecklistRow[], index: number) {
  const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
  return row ? ({ type: 'focus', key: row.key } as const) : null;
}

function fold(row: ChecklistRow): TreeAction | null {
  if (!row.hasChildren) return null;
  return { type: 'set-expanded', key: row.key, expanded: !row.expanded };
}

function right(rows: readonly ChecklistRow[], index: number) {
  const row = rows[index];
  if (!row.hasChildren) return null;
  if (!row.expanded) return fold(row);
  return focusAt(rows, index + 1);
}

function left(row: ChecklistRow): TreeAction | null {
  if (row.hasChildren && row.expanded) return fold(row);
  return row.parentKey ? { type: 'focus', key: row.parentKey } : null;
}

/**
 * What a key does on the row at `index`, following the tree pattern of the
 * ARIA practices (arrows, Home, End) plus the checklist's own keys: Space
 * ticks an item, `s` skips it, `a` adds an item to the row's phase, Enter
 * folds a phase or an item with children. Null for keys it leaves alone.
 */
export function treeKeyAction(
  key: string,
  rows: readonly ChecklistRow[],
  index: number,
): TreeAction | null {
  const row = rows[index];
  if (!row) return null;
  switch (key) {
    case 'ArrowDown':
      return focusAt(rows, index + 1);
    case 'ArrowUp':
      return focusAt(rows, index - 1);
    case 'Home':
      return focusAt(rows, 0);
    case 'End':
      return focusAt(rows, rows.length - 1);
    case 'ArrowRight':
      return right(rows, index);
    case 'ArrowLeft':
      return left(row);
    case 'Enter':
      return fold(row);
    case ' ':
      return row.kind === 'item' ? { type: 'toggle-done', row } : fold(row);
    case 's':
    case 'S':
      return row.kind === 'item' ? { type: 'skip', row } : null;
    case 'a':
    case 'A':
      return { type: 'add', phase: phaseOf(row) };
    default:
      return null;
  }
}
