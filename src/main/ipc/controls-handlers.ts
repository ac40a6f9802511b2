import {
  canQueue,
  type ActionAvailability,
  type ActionKind,
  type OutboxAction,
} from '../../shared/outbox-types';
import { AppFailure } from '../../shared/result';
import { checkAddress, type OwnAddresses } from '../controls/address-check';
import {
  addSecondPerson,
  findPassphraseHash,
  readSettings,
  setTwoPersonRule,
} from '../controls/controls-store';
import { applyGuardRails, checkSecondPerson } from '../controls/guard-rails';
import { recordManualAction } from '../controls/manual-action';
import { hashPassphrase } from '../controls/passphrase-hash';
import type { Db } from '../db/open-database';
import { requireIncident } from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import type { Outbox } from '../outbox/outbox';
import { announceEntry, type EventBus } from '../events';
import {
  readPlatformState,
  type PlatformLink,
} from './controls-platform-state';
import type { HandlerMap, InvokeContext } from './handler-map';

export type ControlsDependencies = {
  db: Db;
  writer: JournalWriter;
  events: EventBus;
  outbox: Outbox;
  /** The admin API's client, for reading the platform's state. */
  admin: PlatformLink;
  /** The console's own addresses, warned about; tests pass a fixed list. */
  ownAddresses?: OwnAddresses;
};

type ControlsChannel = Extract<keyof HandlerMap, `controls:${string}`>;

function actorOf(input: { actor?: string }, context: InvokeContext): string {
  return input.actor ?? context.defaultActor;
}

function findAvailability(outbox: Outbox, kind: ActionKind) {
  const found = outbox.availability().find((entry) => entry.kind === kind);
  if (!found) {
    throw new AppFailure('not-found', `kind: no action is called ${kind}`);
  }
  return found;
}

function requireAvailable(availability: ActionAvailability): void {
  if (canQueue(availability)) return;
  throw new AppFailure(
    'unavailable',
    `${availability.label} is unavailable: ${availability.reason}. ` +
      'Record it as a manual action instead.',
  );
}

/** Pushes every outbox change, after commit, so panes and badges refresh. */
function announceOutbox(events: EventBus, outbox: Outbox): void {
  outbox.onChanged((action: OutboxAction) =>
    events.emit('controls:changed', {
      incidentId: action.incidentId,
      actionId: action.id,
      state: action.state,
    }),
  );
}

function createActionHandlers(
  deps: ControlsDependencies,
): Pick<
  HandlerMap,
  | 'controls:queue-action'
  | 'controls:cancel'
  | 'controls:reconfirm'
  | 'controls:retry'
  | 'controls:resolve-unknown'
> {
  const { db } = deps;
  const { outbox } = deps;
  return {
    'controls:queue-action': async (input, context) => {
      requireIncident(db, input.incidentId);
      const availability = findAvailability(outbox, input.request.kind);
      requireAvailable(availability);
      const actor = actorOf(input, context);
      const outcome = await applyGuardRails(
        { ...input, availability, actor },
        {
          settings: readSettings(db),
          findPassphraseHash: (name) => findPassphraseHash(db, name),
          ownAddresses: deps.ownAddresses,
        },
      );
      const action = outbox.queue(input.request, {
        incidentId: input.incidentId,
        actor,
        ...(outcome.secondPerson && { secondPerson: outcome.secondPerson }),
      });
      return { action, warnings: outcome.warnings };
    },
    'controls:cancel': (input, context) =>
      outbox.cancel(input.actionId, actorOf(input, context), input.reason),
    'controls:reconfirm': (input, context) =>
      outbox.reconfirm(input.actionId, actorOf(input, context)),
    'controls:retry': (input, context) =>
      outbox.retry(input.actionId, actorOf(input, context)),
    'controls:resolve-unknown': (input, context) =>
      outbox.resolveUnknown(
        input.actionId,
        actorOf(input, context),
        input.outcome,
      ),
  };
}

function createSettingsHandlers(
  deps: ControlsDependencies,
): Pick<
  HandlerMap,
  | 'controls:settings'
  | 'controls:set-two-person-rule'
  | 'controls:add-second-person'
> {
  const { db, writer, events } = deps;
  return {
    'controls:settings': () => readSettings(db),
    'controls:set-two-person-rule': async (input, context) => {
      const actor = actorOf(input, context);
      const current = readSettings(db);
      if (input.enabled && current.secondPeople.length === 0) {
        throw new AppFailure(
          'invalid-input',
          'enabled: set up a second person before turning the rule on',
        );
      }
      // The rule cannot be switched off by the one person it restrains.
      if (!input.enabled && current.twoPersonRule) {
        await checkSecondPerson(
          { secondPerson: input.secondPerson, actor },
          { findPassphraseHash: (name) => findPassphraseHash(db, name) },
        );
      }
      announceEntry(events, setTwoPersonRule(db, writer, input.enabled, actor));
      return readSettings(db);
    },
    'controls:add-second-person': async (input, context) => {
      if (findPassphraseHash(db, input.name) !== null) {
        throw new AppFailure(
          'invalid-input',
          `name: ${input.name} is already set up as a second person`,
        );
      }
      const passphraseHash = await hashPassphrase(input.passphrase);
      const entry = addSecondPerson(db, writer, {
        name: input.name,
        passphraseHash,
        actor: actorOf(input, context),
      });
      announceEntry(events, entry);
      return readSettings(db);
    },
  };
}

/**
 * The Controls pane's channels: guard rails in front of the outbox, the
 * commander's moves on queued actions, manual fallbacks and settings.
 */
export function createControlsHandlers(
  deps: ControlsDependencies,
): Pick<HandlerMap, ControlsChannel> {
  const { db, writer, events } = deps;
  const { outbox } = deps;
  announceOutbox(events, outbox);

  return {
    ...createActionHandlers(deps),
    ...createSettingsHandlers(deps),
    'controls:overview': ({ incidentId }) => {
      requireIncident(db, incidentId);
      return {
        availability: outbox.availability(),
        settings: readSettings(db),
        waiting: outbox.waitingCount(incidentId),
      };
    },
    'controls:platform-state': ({ incidentId }) => {
      requireIncident(db, incidentId);
      return readPlatformState(deps.admin);
    },
    'controls:check-address': ({ address }) =>
      checkAddress(address, deps.ownAddresses),
    'controls:list-actions': ({ incidentId }) => {
      if (incidentId !== undefined) requireIncident(db, incidentId);
      return outbox.list(incidentId === undefined ? {} : { incidentId });
    },
    'controls:record-manual': (input, context) => {
      requireIncident(db, input.incidentId);
      const recorded = recordManualAction(db, writer, {
        incidentId: input.incidentId,
        availability: findAvailability(outbox, input.kind),
        target: input.target || null,
        reason: input.reason,
        actor: actorOf(input, context),
      });
      for (const entry of recorded.entries) announceEntry(events, entry);
      events.emit('incident:changed', { incidentId: input.incidentId });
      return {
        checklistItemId: recorded.checklistItemId,
        entryId: recorded.entryId,
      };
    },
  };
}
