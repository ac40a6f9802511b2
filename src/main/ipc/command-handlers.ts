import type { JournalEntry } from '../../shared/journal-types';
import type { RulesView } from '../../shared/ipc-contract';
import { AppFailure } from '../../shared/result';
import {
  addChecklistItem,
  attachPlaybook,
  setChecklistItem,
} from '../checklists/checklist-store';
import type { PlaybookLibrary } from '../configuration/load-configuration';
import type { Db } from '../db/open-database';
import { announceEntry, type EventBus } from '../events';
import { readCommandState } from '../incidents/command-state';
import {
  advancePhase,
  assignRole,
  changeSeverity,
  closeIncident,
  recordDetection,
  setMilestone,
} from '../incidents/incident-command';
import { requireIncident } from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import type { HandlerMap, InvokeContext } from './handler-map';

export type CommandDependencies = {
  db: Db;
  writer: JournalWriter;
  events: EventBus;
  rules: RulesView;
  library: PlaybookLibrary;
};

type CommandChannel =
  'rules:get' | 'playbooks:list' | `command:${string}` | `checklist:${string}`;

/** Handlers for classification, clocks, phases, roles and checklists. */
export function createCommandHandlers(
  deps: CommandDependencies,
): Pick<HandlerMap, Extract<keyof HandlerMap, CommandChannel>> {
  const { db, writer, events, library } = deps;

  /** Appends through `append`, tells the windows, answers the new state. */
  function change(incidentId: string, append: () => JournalEntry) {
    const entry = append();
    announceEntry(events, entry);
    return readCommandState(db, incidentId);
  }

  /**
   * A handler for one incident-command action: the input with its actor
   * filled in goes to `act`, and the answer is the incident's new state.
   */
  function command<Action extends { incidentId: string; actor: string }>(
    act: (db: Db, writer: JournalWriter, input: Action) => JournalEntry,
  ) {
    return (
      input: Omit<Action, 'actor'> & { actor?: string },
      context: InvokeContext,
    ) =>
      change(input.incidentId, () =>
        act(db, writer, {
          ...input,
          actor: input.actor ?? context.defaultActor,
        } as Action),
      );
  }

  const actorOf = (input: { actor?: string }, fallback: string) =>
    input.actor ?? fallback;

  return {
    'rules:get': () => deps.rules,
    'playbooks:list': () => library.catalogue,
    'command:state': ({ incidentId }) => readCommandState(db, incidentId),
    'command:change-severity': command(changeSeverity),
    'command:record-detection': command(recordDetection),
    'command:set-milestone': command(setMilestone),
    'command:advance-phase': command(advancePhase),
    'command:assign-role': command(assignRole),
    'command:close': command(closeIncident),
    'checklist:set-item': (input, context) => {
      requireIncident(db, input.incidentId);
      const { entry, item } = setChecklistItem(db, writer, {
        ...input,
        actor: actorOf(input, context.defaultActor),
      });
      announceEntry(events, entry);
      return item;
    },
    'checklist:add-item': (input, context) => {
      requireIncident(db, input.incidentId);
      const { entry, item } = addChecklistItem(db, writer, {
        ...input,
        actor: actorOf(input, context.defaultActor),
      });
      announceEntry(events, entry);
      return item;
    },
    'checklist:attach-playbook': (input, context) => {
      requireIncident(db, input.incidentId);
      const playbook = library.find(input.playbookId);
      if (!playbook) {
        throw new AppFailure(
          'not-found',
          `there is no playbook ${input.playbookId}; see playbooks:list`,
        );
      }
      return change(input.incidentId, () =>
        attachPlaybook(
          db,
          writer,
          input.incidentId,
          playbook,
          actorOf(input, context.defaultActor),
        ),
      );
    },
  };
}
