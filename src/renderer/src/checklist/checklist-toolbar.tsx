import type { ChecklistRow } from './checklist-rows';
import { CHECKLIST_KEYS, phaseOf, type TreeAction } from './tree-keys';

/**
 * The tree's keys as buttons, acting on the active row: the same actions
 * for the mouse, and a reminder of the keys for everyone.
 */
export function ChecklistToolbar(props: {
  active: ChecklistRow | undefined;
  onAction: (action: TreeAction) => void;
}) {
  const { active, onAction } = props;
  const item = active?.kind === 'item' ? active : null;

  return (
    <div
      className="checklist-toolbar"
      role="group"
      aria-label="Checklist actions"
    >
      <button
        type="button"
        disabled={!item}
        aria-keyshortcuts="Space"
        onClick={() => item && onAction({ type: 'toggle-done', row: item })}
      >
        {item?.item.state === 'done' ? 'Reopen' : 'Mark done'}{' '}
        <kbd>{CHECKLIST_KEYS.done}</kbd>
      </button>
      <button
        type="button"
        disabled={!item}
        aria-keyshortcuts={CHECKLIST_KEYS.skip}
        onClick={() => item && onAction({ type: 'skip', row: item })}
      >
        {item?.item.state === 'skipped' ? 'Unskip' : 'Skip…'}{' '}
        <kbd>{CHECKLIST_KEYS.skip}</kbd>
      </button>
      <button
        type="button"
        disabled={!active}
        aria-keyshortcuts={CHECKLIST_KEYS.add}
        onClick={() =>
          active && onAction({ type: 'add', phase: phaseOf(active) })
        }
      >
        Add item… <kbd>{CHECKLIST_KEYS.add}</kbd>
      </button>
      <span className="muted hint">
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>←</kbd> <kbd>→</kbd> fold ·{' '}
        <kbd>{CHECKLIST_KEYS.fold}</kbd> folds a phase
      </span>
    </div>
  );
}
