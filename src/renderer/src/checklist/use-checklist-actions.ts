import { useState } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { PhaseId } from '../../../shared/incident-lifecycle';
import {
  useAddChecklistItem,
  useSetChecklistItem,
} from '../data/command-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import type { NewItem } from './add-item-dialog';
import type { ItemRow } from './checklist-rows';
import type { FocusRequest } from './checklist-tree';
import type { TreeAction } from './tree-keys';

/**
 * What the checklist's keys and buttons do: tick, skip (after asking for
 * a reason), add, fold. Focus goes back to the tree after each, so the
 * next key press lands where the commander was.
 */
export function useChecklistActions(state: IncidentCommandState) {
  const { incidentId } = state;
  const setCollapsed = useUiStore((store) => store.setChecklistCollapsed);
  const setItem = useSetChecklistItem(incidentId);
  const addItem = useAddChecklistItem(incidentId);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [skipping, setSkipping] = useState<ItemRow | null>(null);
  const [adding, setAdding] = useState<PhaseId | null>(null);
  // A fresh object each time, so asking for the same row again still moves.
  const focusRow = (key: string) => {
    setActiveKey(key);
    setFocusRequest({ key });
  };

  function setItemState(row: ItemRow, next: 'open' | 'done') {
    setItem.mutate({ incidentId, itemId: row.item.id, state: next });
  }

  function act(action: TreeAction) {
    if (action.type === 'focus') {
      focusRow(action.key);
    } else if (action.type === 'set-expanded') {
      setCollapsed(action.key, !action.expanded);
    } else if (action.type === 'toggle-done') {
      setItemState(
        action.row,
        action.row.item.state === 'done' ? 'open' : 'done',
      );
      focusRow(action.row.key);
    } else if (action.type === 'skip') {
      setActiveKey(action.row.key);
      if (action.row.item.state === 'skipped') setItemState(action.row, 'open');
      else setSkipping(action.row);
    } else {
      addItem.reset();
      setAdding(action.phase);
    }
  }

  function skip(reason: string) {
    if (!skipping) return;
    setItem.mutate({
      incidentId,
      itemId: skipping.item.id,
      state: 'skipped',
      reason,
    });
    setSkipping(null);
  }

  function add(item: NewItem) {
    if (!adding) return;
    addItem.mutate(
      { incidentId, phase: adding, ...item },
      {
        onSuccess: (added) => {
          setAdding(null);
          focusRow(added.id);
        },
      },
    );
  }

  return {
    activeKey,
    setActiveKey,
    focusRequest,
    act,
    skipping,
    skip,
    cancelSkip: () => setSkipping(null),
    adding,
    add,
    addPending: addItem.isPending,
    addError: addItem.error ? errorMessage(addItem.error) : null,
    cancelAdd: () => setAdding(null),
    setError: setItem.error ? errorMessage(setItem.error) : null,
  };
}

export type ChecklistActions = ReturnType<typeof useChecklistActions>;
