/**
 * An action the console cannot take through the platform (no capability,
 * or a block against a server that only has an allowlist) is recorded to
 * be done by hand: a checklist item in the containment phase, so it is
 * not forgotten, and a journal entry saying what was intended, why, and
 * how to do it. Both are written in one transaction.
 */
import type { ManualRecord } from '../../shared/controls-types';
import { CONTROLS_ENTRY_KINDS } from '../../shared/controls-entry-wording';
import type { JournalEntry } from '../../shared/journal-types';
import type { ActionAvailability } from '../../shared/outbox-types';
import { addChecklistItem } from '../checklists/checklist-store';
import type { Db } from '../db/open-database';
import { appendEntry, type JournalWriter } from '../journal/append-entries';

export type ManualAction = {
  incidentId: string;
  availability: ActionAvailability;
  target: string | null;
  reason: string;
  actor: string;
};

function checklistTitle(action: ManualAction): string {
  const { label, kind } = action.availability;
  const on = action.target ? ` ${action.target}` : '';
  const where =
    kind === 'address-block' ? ' at the firewall or WAF' : ' by hand';
  return `Manual ${label}${on}${where}`.slice(0, 300);
}

/** Returns the entries written, for the caller to announce after commit. */
export function recordManualAction(
  db: Db,
  writer: JournalWriter,
  action: ManualAction,
): ManualRecord & { entries: JournalEntry[] } {
  const run = db.transaction(() => {
    const added = addChecklistItem(db, writer, {
      incidentId: action.incidentId,
      phase: 'containment',
      title: checklistTitle(action),
      required: true,
      actor: action.actor,
    });
    const entry = appendEntry(db, writer, {
      scope: action.incidentId,
      kind: CONTROLS_ENTRY_KINDS.manualAction,
      actor: action.actor,
      payload: {
        action: action.availability.kind,
        label: action.availability.label,
        target: action.target,
        reason: action.reason,
        why: action.availability.available
          ? 'chosen to be done by hand'
          : action.availability.reason,
        instructions: action.availability.manualFallback,
        checklistItemId: added.item.id,
      },
    });
    return { added, entry };
  });
  const { added, entry } = run.immediate();
  return {
    checklistItemId: added.item.id,
    entryId: entry.id,
    entries: [added.entry, entry],
  };
}
