/**
 * Contacts, escalation, communications and resources: the shapes every
 * process shares, and the checks on what the renderer sends.
 */
import { z } from 'zod';

export const CHANNEL_KINDS = ['email', 'phone', 'chat', 'other'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A contact field the plan leaves open, shown instead of a fake value. */
export const TO_BE_DETERMINED = 'to be determined';

const tooLong = (max: number) => `must be at most ${max} characters`;
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, tooLong(max));
const optionalText = (max: number) => z.string().trim().max(max, tooLong(max));

export const contactChannelSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  value: text(300),
  label: optionalText(100).default(''),
});
export type ContactChannel = z.output<typeof contactChannelSchema>;

/**
 * What a contact holds. `roles` are free slugs; those equal to a response
 * rule audience id (c-level, security-team, management) make the contact
 * part of that audience's escalation.
 */
export const contactFieldsSchema = z.strictObject({
  name: text(200),
  organisation: optionalText(200).default(''),
  roles: z.array(text(100)).max(20).default([]),
  channels: z.array(contactChannelSchema).max(20).default([]),
  onCall: z.boolean().default(false),
  timeZone: optionalText(100).default(''),
  notes: optionalText(2000).default(''),
});
export type ContactFields = z.output<typeof contactFieldsSchema>;

export type Contact = ContactFields & {
  id: string;
  updatedAt: string;
  updatedBy: string;
};

export type ImportProblem = { position: number; message: string };

export type ImportReport = {
  imported: number;
  problems: ImportProblem[];
};

export type ContactFormat = 'vcard' | 'csv';

export const NOTIFICATION_CHANNELS = [
  'phone',
  'email',
  'chat',
  'in-person',
  'other',
] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** One notification in an incident's log, projected from its entries. */
export type NotificationRecord = {
  entryId: string;
  audience: string;
  contactName: string;
  channel: NotificationChannel;
  notifiedBy: string;
  notifiedAt: string;
  acknowledgedAt: string | null;
};

export type CommTemplate = {
  id: string;
  label: string;
  /** Who it is written for: internal, executive, customer, regulator, public. */
  audience: string;
  body: string;
  updatedAt: string;
  updatedBy: string;
};

export type Resource = {
  id: string;
  label: string;
  /** A URL or an API path of the admin platform. */
  target: string;
  group: string;
  notes: string;
};

/** A deadline longer than a year is a typing mistake, not a regime. */
export const MAX_REGULATORY_HOURS = 8760;

export type RegulatoryRegime = {
  id: string;
  label: string;
  hours: number;
};

/** A communication recorded as sent. */
export type SentCommunication = {
  entryId: string;
  templateId: string;
  audience: string;
  channel: string;
  sentBy: string;
  sentAt: string;
};

const incidentId = z.string().min(1);
const actor = z.string().trim().min(1).max(100).optional();
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug');

export const contactsInputs = {
  list: z.strictObject({
    query: optionalText(200).optional(),
    role: optionalText(100).optional(),
  }),
  save: z.strictObject({
    id: z.string().min(1).optional(),
    contact: contactFieldsSchema,
    actor,
  }),
  remove: z.strictObject({ id: z.string().min(1), actor }),
  importText: z.strictObject({
    format: z.enum(['vcard', 'csv']),
    text: z.string().max(5_000_000),
    actor,
  }),
  exportText: z.strictObject({ format: z.enum(['vcard', 'csv']) }),
  incident: z.strictObject({ incidentId }),
  notify: z.strictObject({
    incidentId,
    audience: slug,
    contactName: text(200),
    channel: z.enum(NOTIFICATION_CHANNELS),
    acknowledged: z.boolean().default(false),
    actor,
  }),
  acknowledge: z.strictObject({
    incidentId,
    notificationId: z.string().min(1),
    actor,
  }),
  saveTemplate: z.strictObject({
    id: slug,
    label: text(200),
    audience: slug,
    body: text(20_000),
    actor,
  }),
  draft: z.strictObject({ incidentId, templateId: slug }),
  recordSent: z.strictObject({
    incidentId,
    templateId: slug,
    audience: slug,
    channel: text(100),
    body: text(20_000),
    actor,
  }),
  saveResource: z.strictObject({
    id: slug,
    label: text(200),
    target: text(1000),
    group: optionalText(100).default(''),
    notes: optionalText(1000).default(''),
    actor,
  }),
  removeResource: z.strictObject({ id: slug, actor }),
  setRegime: z.strictObject({
    id: slug,
    label: text(200),
    hours: z
      .int({ error: 'must be a whole number of hours' })
      .min(1, 'must be at least 1 hour')
      .max(MAX_REGULATORY_HOURS, 'must be at most 8760 hours (one year)'),
    actor,
  }),
};
