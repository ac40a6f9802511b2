/**
 * The checks an emergency action passes in main before it is queued,
 * whatever the renderer already checked: the reason, the typed
 * confirmation of a global or destructive action, the address rules and
 * the two-person rule. Each refusal is an AppFailure naming what is wrong;
 * nothing is written until every check has passed.
 */
import {
  isDestructiveRequest,
  type AddressWarning,
  type ControlsSettings,
} from '../../shared/controls-types';
import {
  LOCKDOWN_REASON_LIMITS,
  type ActionAvailability,
  type ActionRequest,
} from '../../shared/outbox-types';
import { AppFailure } from '../../shared/result';
import { checkAddress, type OwnAddresses } from './address-check';
import { verifyPassphrase } from './passphrase-hash';

export type GuardInput = {
  request: ActionRequest;
  availability: ActionAvailability;
  confirmation?: string;
  secondPerson?: { name: string; passphrase: string };
  acceptWarnings?: boolean;
  actor: string;
};

export type GuardContext = {
  settings: ControlsSettings;
  findPassphraseHash(name: string): string | null;
  ownAddresses?: OwnAddresses;
};

export type GuardOutcome = {
  warnings: AddressWarning[];
  /** Who confirmed under the two-person rule, when it applied. */
  secondPerson: string | null;
};

function refuse(message: string): never {
  throw new AppFailure('invalid-input', message);
}

export function checkReason(request: ActionRequest, destructive: boolean) {
  const reason = request.reason.trim();
  if (request.kind === 'lockdown') {
    const { min, max } = LOCKDOWN_REASON_LIMITS;
    if (reason.length < min || request.reason.length > max) {
      refuse(`reason: a lockdown needs ${min}-${max} characters`);
    }
  }
  if (destructive && reason.length === 0) {
    refuse('reason: a global or destructive action needs a reason');
  }
}

export function checkConfirmation(
  availability: ActionAvailability,
  confirmation: string | undefined,
): void {
  if (confirmation?.trim() !== availability.label) {
    refuse(
      `confirmation: type the action's name, ${JSON.stringify(availability.label)}, to confirm it`,
    );
  }
}

function addressOf(request: ActionRequest): string | null {
  switch (request.kind) {
    case 'allowlist-add':
    case 'address-block':
      return request.address;
    default:
      return null;
  }
}

/** Parses the address; warnings must be accepted before it is queued. */
export function checkRequestAddress(
  request: ActionRequest,
  acceptWarnings: boolean,
  ownAddresses?: OwnAddresses,
): AddressWarning[] {
  const address = addressOf(request);
  if (address === null) return [];
  const check = checkAddress(address, ownAddresses);
  if (check.warnings.length > 0 && !acceptWarnings) {
    refuse(
      `address: ${check.normalised} is ${check.warnings
        .map((warning) => warning.message)
        .join('; ')}; confirm the warnings to go on`,
    );
  }
  return check.warnings;
}

/**
 * The second person names someone set up in advance, other than the
 * commander, and gives that person's passphrase.
 */
export async function checkSecondPerson(
  input: Pick<GuardInput, 'secondPerson' | 'actor'>,
  context: Pick<GuardContext, 'findPassphraseHash'>,
): Promise<string> {
  const person = input.secondPerson;
  if (!person) {
    refuse('secondPerson: the two-person rule is on; a second person confirms');
  }
  if (person.name.trim().toLowerCase() === input.actor.trim().toLowerCase()) {
    refuse('secondPerson: the second person must be someone else');
  }
  const stored = context.findPassphraseHash(person.name.trim());
  const matches =
    stored !== null && (await verifyPassphrase(person.passphrase, stored));
  if (!matches) {
    throw new AppFailure(
      'forbidden',
      'secondPerson: that name and passphrase do not match a second person',
    );
  }
  return person.name.trim();
}

/** Runs every check; throws on the first that fails. */
export async function applyGuardRails(
  input: GuardInput,
  context: GuardContext,
): Promise<GuardOutcome> {
  const destructive = isDestructiveRequest(input.request, input.availability);
  checkReason(input.request, destructive);
  if (destructive) checkConfirmation(input.availability, input.confirmation);
  const warnings = checkRequestAddress(
    input.request,
    input.acceptWarnings ?? false,
    context.ownAddresses,
  );
  const twoPeople = destructive && context.settings.twoPersonRule;
  const secondPerson = twoPeople
    ? await checkSecondPerson(input, context)
    : null;
  return { warnings, secondPerson };
}
