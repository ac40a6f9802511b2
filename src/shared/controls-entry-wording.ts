/**
 * How the timeline words the Controls pane's own journal entries: the
 * guard-rail settings (in the organisation's journal) and actions the
 * console could not take, recorded to be done by hand.
 */
import type { JsonObject } from './journal-types';

export const CONTROLS_ENTRY_KINDS = {
  twoPersonRuleSet: 'controls.two-person-rule-set',
  secondPersonAdded: 'controls.second-person-added',
  manualAction: 'controls.manual-action',
} as const;

function field(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function describeManual(payload: JsonObject): string {
  const target = field(payload, 'target');
  const on = target ? ` on ${target}` : '';
  const reason = field(payload, 'reason');
  return (
    `Manual action to take: ${field(payload, 'label')}${on} ` +
    `(${field(payload, 'why')}). ${field(payload, 'instructions')}` +
    (reason ? ` Reason: ${reason}` : '')
  );
}

export function describeControlsEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  switch (kind) {
    case CONTROLS_ENTRY_KINDS.twoPersonRuleSet:
      return payload.enabled === true
        ? 'Two-person rule turned on for destructive actions'
        : 'Two-person rule turned off';
    case CONTROLS_ENTRY_KINDS.secondPersonAdded:
      return `Second person set up: ${field(payload, 'name')}`;
    case CONTROLS_ENTRY_KINDS.manualAction:
      return describeManual(payload);
    default:
      return null;
  }
}
