import { useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import type { ZoneMode } from '../timeline/time-format';
import type { ChecklistRow, ItemRow } from './checklist-rows';
import { ItemRowView, PhaseRowView } from './checklist-row-views';
import { treeKeyAction, type TreeAction } from './tree-keys';

export type FocusRequest = { key: string };

function hasModifier(event: KeyboardEvent) {
  return event.ctrlKey || event.metaKey || event.altKey;
}

/**
 * The checklist as an ARIA tree with a roving tab stop: Tab enters at the
 * active row, the keys of tree-keys.ts move and act from there. Focus
 * moves only on a key press, a click or a `focusRequest`, never because
 * data arrived.
 */
export function ChecklistTree(props: {
  rows: ChecklistRow[];
  activeKey: string | null;
  /** A new request moves focus to its row (after an add, or a button). */
  focusRequest: FocusRequest | null;
  zoneMode: ZoneMode;
  label: string;
  onActivate: (key: string) => void;
  onAction: (action: TreeAction) => void;
}) {
  const { rows, activeKey, onActivate } = props;
  const elements = useRef(new Map<string, HTMLDivElement>());

  // Only a new request moves focus; the active row changing (say, because
  // a dialog gave focus back to its row) must not pull it elsewhere.
  useEffect(() => {
    if (props.focusRequest) {
      elements.current.get(props.focusRequest.key)?.focus();
    }
  }, [props.focusRequest]);

  function rowRef(key: string) {
    return (element: HTMLDivElement | null) => {
      if (element) elements.current.set(key, element);
      else elements.current.delete(key);
    };
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (hasModifier(event)) return;
    const index = rows.findIndex((row) => row.key === activeKey);
    const action = treeKeyAction(event.key, rows, index);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'focus') {
      onActivate(action.key);
      elements.current.get(action.key)?.focus();
    } else {
      props.onAction(action);
    }
  }

  // Always reported, even for the row this render thinks is active: two
  // focus moves can land within one render (a dialog hands focus back,
  // then a new row takes it), and the last one must win.
  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const key = (event.target as HTMLElement).dataset.rowKey;
    if (key) onActivate(key);
  }

  const toggleDone = (row: ItemRow) =>
    props.onAction({ type: 'toggle-done', row });

  return (
    <div
      role="tree"
      aria-label={props.label}
      className="checklist-tree"
      data-testid="checklist-tree"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      {rows.map((row) =>
        row.kind === 'phase' ? (
          <PhaseRowView
            key={row.key}
            row={row}
            active={row.key === activeKey}
            rowRef={rowRef(row.key)}
          />
        ) : (
          <ItemRowView
            key={row.key}
            row={row}
            active={row.key === activeKey}
            rowRef={rowRef(row.key)}
            zoneMode={props.zoneMode}
            onToggleDone={toggleDone}
          />
        ),
      )}
    </div>
  );
}
