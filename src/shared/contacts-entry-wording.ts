/**
 * How the timeline words contacts (organisation journal), notifications
 * and communications (incident journals).
 */
import type { JsonObject } from './journal-types';

export const CONTACTS_ENTRY_KINDS = {
  contactSaved: 'contacts.saved',
  contactRemoved: 'contacts.removed',
  contactsImported: 'contacts.imported',
  notified: 'escalation.notified',
  acknowledged: 'escalation.acknowledged',
  templateSaved: 'comms.template-saved',
  sent: 'comms.sent',
  resourceSaved: 'resources.saved',
  resourceRemoved: 'resources.removed',
  regimeSet: 'comms.regime-set',
} as const;

function field(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function describeNotified(payload: JsonObject): string {
  const acknowledged = payload.acknowledged === true ? ', acknowledged' : '';
  return (
    `Notified ${field(payload, 'contactName')} (${field(payload, 'audience')})` +
    ` by ${field(payload, 'channel')}${acknowledged}`
  );
}

export function describeContactsEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  const K = CONTACTS_ENTRY_KINDS;
  switch (kind) {
    case K.contactSaved:
      return `Contact saved: ${field(payload, 'name')}`;
    case K.contactRemoved:
      return `Contact removed: ${field(payload, 'name')}`;
    case K.contactsImported:
      return `Contacts imported (${field(payload, 'format')}): ${String(payload.count)}`;
    case K.notified:
      return describeNotified(payload);
    case K.acknowledged:
      return `Notification acknowledged by ${field(payload, 'contactName')}`;
    case K.templateSaved:
      return `Communication template saved: ${field(payload, 'label')}`;
    case K.sent:
      return `Communication sent to ${field(payload, 'audience')} by ${field(payload, 'channel')}`;
    case K.resourceSaved:
      return `Resource saved: ${field(payload, 'label')}`;
    case K.resourceRemoved:
      return `Resource removed: ${field(payload, 'label')}`;
    case K.regimeSet:
      return `Regulatory deadline for ${field(payload, 'label')}: ${String(payload.hours)} hours`;
    default:
      return null;
  }
}
