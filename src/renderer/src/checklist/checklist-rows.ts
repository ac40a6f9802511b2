import type {
  AttachedPlaybook,
  ChecklistItem,
} from '../../../shared/incident-command-types';
import { PHASE_IDS, type PhaseId } from '../../../shared/incident-lifecycle';
import type { PhaseWindow, WindowTiming } from '../../../shared/response-clock';
import { formatWindow } from '../command/clock-display';

export type PhaseProgress = {
  done: number;
  skipped: number;
  total: number;
  /** Required items neither done nor skipped. */
  requiredOpen: number;
};

type TreePosition = {
  key: string;
  level: number;
  setSize: number;
  posInSet: number;
  parentKey: string | null;
  hasChildren: boolean;
  expanded: boolean;
};

/** Where a phase stands relative to the one the commander is in. */
export type PhaseRelation = 'passed' | 'current' | 'upcoming';

export type PhaseRow = TreePosition & {
  kind: 'phase';
  phase: PhaseId;
  label: string;
  window: string;
  relation: PhaseRelation;
  /** Where the phase's window lies relative to the time since detection. */
  timing: WindowTiming;
  progress: PhaseProgress;
};

export type ItemRow = TreePosition & {
  kind: 'item';
  item: ChecklistItem;
  /** Still open though its phase's window has passed. */
  overdue: boolean;
  /** The playbook it came from, unless that is the general checklist. */
  source: string | null;
};

export type ChecklistRow = PhaseRow | ItemRow;

export function phaseRowKey(phase: PhaseId): string {
  return `phase:${phase}`;
}

export function progressOf(items: readonly ChecklistItem[]): PhaseProgress {
  const count = (test: (item: ChecklistItem) => boolean) =>
    items.filter(test).length;
  return {
    done: count((item) => item.state === 'done'),
    skipped: count((item) => item.state === 'skipped'),
    total: items.length,
    requiredOpen: count((item) => item.required && item.state === 'open'),
  };
}

/** Required items left open in the phases before `phase`, or in all. */
export function openRequiredItems(
  checklist: readonly ChecklistItem[],
  before: PhaseId | null,
): ChecklistItem[] {
  const limit = before ? PHASE_IDS.indexOf(before) : PHASE_IDS.length;
  return checklist.filter(
    (item) =>
      item.required &&
      item.state === 'open' &&
      PHASE_IDS.indexOf(item.phase) < limit,
  );
}

export type ChecklistRowsInput = {
  checklist: readonly ChecklistItem[];
  currentPhase: PhaseId;
  windows: readonly PhaseWindow[];
  playbooks: readonly AttachedPlaybook[];
  collapsed: Readonly<Record<string, true>>;
};

type Context = ChecklistRowsInput & {
  children: Map<string | null, ChecklistItem[]>;
  rows: ChecklistRow[];
  general: string | undefined;
};

/** Children by parent id, in the order main listed them. */
function childrenByParent(items: readonly ChecklistItem[]) {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string | null, ChecklistItem[]>();
  for (const item of items) {
    // An item whose parent is missing is shown at the top of its phase.
    const parent =
      item.parentId && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  return children;
}

function sourceOf(item: ChecklistItem, context: Context): string | null {
  if (item.depth > 0 || item.adHoc || item.playbookId === context.general) {
    return null;
  }
  const playbook = context.playbooks.find((p) => p.id === item.playbookId);
  return playbook?.title ?? item.playbookId;
}

function addItems(
  siblings: readonly ChecklistItem[],
  parentKey: string,
  level: number,
  window: PhaseWindow,
  context: Context,
) {
  siblings.forEach((item, index) => {
    const children = context.children.get(item.id) ?? [];
    const expanded = !context.collapsed[item.id];
    context.rows.push({
      kind: 'item',
      key: item.id,
      level,
      setSize: siblings.length,
      posInSet: index + 1,
      parentKey,
      hasChildren: children.length > 0,
      expanded,
      item,
      overdue: item.state === 'open' && window.timing === 'passed',
      source: sourceOf(item, context),
    });
    if (expanded) addItems(children, item.id, level + 1, window, context);
  });
}

function relationTo(phase: PhaseId, current: PhaseId): PhaseRelation {
  const difference = PHASE_IDS.indexOf(phase) - PHASE_IDS.indexOf(current);
  if (difference < 0) return 'passed';
  return difference === 0 ? 'current' : 'upcoming';
}

/**
 * The checklist as the rows of a tree, in reading order: each phase, then
 * its items depth first. Rows under a collapsed phase or item are left
 * out, so the list is exactly what the keyboard moves through.
 */
export function buildChecklistRows(input: ChecklistRowsInput): ChecklistRow[] {
  const context: Context = {
    ...input,
    children: new Map(),
    rows: [],
    general: input.playbooks[0]?.id,
  };
  input.windows.forEach((window, index) => {
    const items = input.checklist.filter((item) => item.phase === window.id);
    const key = phaseRowKey(window.id);
    const expanded = !input.collapsed[key];
    context.rows.push({
      kind: 'phase',
      key,
      level: 1,
      setSize: input.windows.length,
      posInSet: index + 1,
      parentKey: null,
      hasChildren: items.length > 0,
      expanded,
      phase: window.id,
      label: window.label,
      window: formatWindow(window),
      relation: relationTo(window.id, input.currentPhase),
      timing: window.timing,
      progress: progressOf(items),
    });
    if (!expanded) return;
    context.children = childrenByParent(items);
    addItems(context.children.get(null) ?? [], key, 2, window, context);
  });
  return context.rows;
}
