/**
 * Contacts in and out as vCard (the `vcf` library) and CSV (csv-parse,
 * csv-stringify). Reading never throws for a bad record: each one is
 * reported with its position (card number for vCard, line for CSV) and
 * the good ones are returned, for the caller to add in one transaction.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import VCard from 'vcf';
import {
  contactFieldsSchema,
  type ChannelKind,
  type Contact,
  type ContactFields,
  type ImportProblem,
} from '../../shared/contacts-types';

export type ParsedContacts = {
  contacts: ContactFields[];
  problems: ImportProblem[];
};

/** Names the first field zod complains about, e.g. `name: Too small…`. */
function validate(raw: unknown, position: number, out: ParsedContacts): void {
  const checked = contactFieldsSchema.safeParse(raw);
  if (checked.success) {
    out.contacts.push(checked.data);
    return;
  }
  const issue = checked.error.issues[0];
  const path = issue.path.join('.') || 'record';
  out.problems.push({ position, message: `${path}: ${issue.message}` });
}

// vCard text escaping (RFC 6350 3.4); the library leaves it to callers.
const escapeText = (value: string) =>
  value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const unescapeText = (value: string) =>
  value.replace(/\\([\\,;nN])/g, (_, c: string) =>
    c === 'n' || c === 'N' ? '\n' : c,
  );

const VCARD_FIELDS: Record<string, ChannelKind> = {
  email: 'email',
  tel: 'phone',
  impp: 'chat',
  url: 'other',
};

function properties(card: VCard, key: string): VCard.Property[] {
  const found = card.data[key] as VCard.Property | VCard.Property[] | undefined;
  if (found === undefined) return [];
  return Array.isArray(found) ? found : [found];
}

function firstText(card: VCard, key: string): string {
  const [first] = properties(card, key);
  return first ? unescapeText(first.valueOf()) : '';
}

function typeLabel(prop: VCard.Property): string {
  const type = (prop as unknown as { type?: string | string[] }).type;
  return Array.isArray(type) ? type.join(' ') : (type ?? '');
}

function fieldsFromCard(card: VCard): unknown {
  const channels = Object.entries(VCARD_FIELDS).flatMap(([key, kind]) =>
    properties(card, key).map((prop) => ({
      kind,
      value: unescapeText(prop.valueOf()),
      label: typeLabel(prop),
    })),
  );
  const roles = firstText(card, 'categories');
  return {
    name: firstText(card, 'fn'),
    organisation: firstText(card, 'org'),
    roles: roles ? roles.split(',').map((role) => role.trim()) : [],
    channels,
    onCall: firstText(card, 'xWarRoomOnCall') === 'true',
    timeZone: firstText(card, 'tz'),
    notes: firstText(card, 'note'),
  };
}

const CARD_PATTERN = /BEGIN:VCARD[\s\S]*?(?=BEGIN:VCARD|$)/gi;

export function parseVcards(text: string): ParsedContacts {
  const out: ParsedContacts = { contacts: [], problems: [] };
  const blocks = text.match(CARD_PATTERN) ?? [];
  if (blocks.length === 0 && text.trim() !== '') {
    out.problems.push({ position: 1, message: 'no BEGIN:VCARD found' });
  }
  blocks.forEach((block, index) => {
    try {
      validate(fieldsFromCard(new VCard().parse(block.trim())), index + 1, out);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      out.problems.push({ position: index + 1, message });
    }
  });
  return out;
}

const VCARD_KEYS: Record<ChannelKind, string> = {
  email: 'email',
  phone: 'tel',
  chat: 'impp',
  other: 'url',
};

function cardOf(contact: Contact): VCard {
  const card = new VCard();
  card.add('fn', escapeText(contact.name));
  if (contact.organisation) card.add('org', escapeText(contact.organisation));
  if (contact.roles.length > 0) card.add('categories', contact.roles.join(','));
  for (const channel of contact.channels) {
    const params: Record<string, string> = channel.label
      ? { type: channel.label }
      : {};
    card.add(VCARD_KEYS[channel.kind], escapeText(channel.value), params);
  }
  if (contact.onCall) card.add('x-war-room-on-call', 'true');
  if (contact.timeZone) card.add('tz', escapeText(contact.timeZone));
  if (contact.notes) card.add('note', escapeText(contact.notes));
  return card;
}

export function formatVcards(contacts: readonly Contact[]): string {
  return contacts
    .map((contact) => cardOf(contact).toString('4.0'))
    .join('\r\n');
}

export const CSV_COLUMNS = [
  'name',
  'organisation',
  'roles',
  'email',
  'phone',
  'chat',
  'other',
  'on_call',
  'time_zone',
  'notes',
] as const;

const CSV_CHANNELS: ChannelKind[] = ['email', 'phone', 'chat', 'other'];

/** Several values in one cell are separated by `;`. */
const splitCell = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');

function fieldsFromRow(row: Record<string, string>): unknown {
  return {
    name: row.name ?? '',
    organisation: row.organisation ?? '',
    roles: splitCell(row.roles),
    channels: CSV_CHANNELS.flatMap((kind) =>
      splitCell(row[kind]).map((value) => ({ kind, value, label: '' })),
    ),
    onCall: /^(yes|true|1)$/i.test((row.on_call ?? '').trim()),
    timeZone: row.time_zone ?? '',
    notes: row.notes ?? '',
  };
}

type CsvRecord = { record: Record<string, string>; info: { lines: number } };

export function parseContactsCsv(text: string): ParsedContacts {
  const out: ParsedContacts = { contacts: [], problems: [] };
  let rows: CsvRecord[];
  try {
    rows = parse(text, {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = (error as { lines?: number } | undefined)?.lines ?? 0;
        out.problems.push({ position: line, message: String(error?.message) });
      },
    }) as CsvRecord[];
  } catch (error) {
    // A broken header leaves nothing to read.
    const message = error instanceof Error ? error.message : String(error);
    return { contacts: [], problems: [{ position: 1, message }] };
  }
  for (const row of rows)
    validate(fieldsFromRow(row.record), row.info.lines, out);
  out.problems.sort((a, b) => a.position - b.position);
  return out;
}

export function formatContactsCsv(contacts: readonly Contact[]): string {
  const rows = contacts.map((contact) => {
    const of = (kind: ChannelKind) =>
      contact.channels
        .filter((channel) => channel.kind === kind)
        .map((channel) => channel.value)
        .join('; ');
    return [
      contact.name,
      contact.organisation,
      contact.roles.join('; '),
      ...CSV_CHANNELS.map(of),
      contact.onCall ? 'yes' : 'no',
      contact.timeZone,
      contact.notes,
    ];
  });
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
