import type {
  CustodyEvent,
  EvidenceItem,
} from '../../../shared/evidence-types';
import type { Incident } from '../../../shared/ipc-contract';
import { GENESIS_HASH, HASH_FORMAT_VERSION } from '../../journal/entry-hash';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CUSTODY_FILE,
  JOURNAL_FILE,
} from './bag-layout';
import { plural } from './bag-problem';
import { chainHeadLine, type ChainHead } from './chain-walk';

/*
 * The text of a bag's own files, built from a snapshot. Nothing here
 * touches the disk.
 */

export type Contact = {
  name: string;
  email: string | null;
  phone: string | null;
};

const EMAIL = /<?([^\s<>,;]+@[^\s<>,;]+)>?/;
const PHONE = /\+?[0-9][0-9 ().-]{5,}[0-9]/;

/**
 * Splits a contact given as one string, e.g. `Ana Lima <ana@example.org>,
 * +44 20 7946 0000`, into BagIt's Contact-Name, -Email and -Phone.
 */
export function parseContact(contact: string): Contact {
  const email = EMAIL.exec(contact);
  const withoutEmail = email ? contact.replace(email[0], ' ') : contact;
  const phone = PHONE.exec(withoutEmail);
  const rest = (phone ? withoutEmail.replace(phone[0], ' ') : withoutEmail)
    .replace(/[\s,;]+/g, ' ')
    .trim();
  return {
    name: rest || email?.[1] || phone?.[0] || contact.trim(),
    email: email?.[1] ?? null,
    phone: phone?.[0].trim() ?? null,
  };
}

/** A tag-file value on one line: control and line-breaking characters go. */
function tagValue(text: string): string {
  const flat = text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat || 'not stated';
}

/** A human-readable size in decimal units, as BagIt's Bag-Size asks. */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte');
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export type BagInfo = {
  incident: Incident;
  organisation: string;
  contact: string;
  baggedAt: string;
  payloadBytes: number;
  payloadFiles: number;
  journalEntries: number;
  evidenceItems: number;
  heads: readonly ChainHead[];
};

export function bagInfoText(info: BagInfo): string {
  const contact = parseContact(info.contact);
  const fields: [string, string | null][] = [
    ['Source-Organization', info.organisation],
    ['Contact-Name', contact.name],
    ['Contact-Email', contact.email],
    ['Contact-Phone', contact.phone],
    [
      'External-Description',
      `Evidence, journal and chain-of-custody log of War Room incident ` +
        info.incident.id,
    ],
    ['External-Identifier', info.incident.id],
    ['Bagging-Date', info.baggedAt.slice(0, 10)],
    ['Payload-Oxum', `${info.payloadBytes}.${info.payloadFiles}`],
    ['Bag-Size', humanSize(info.payloadBytes)],
    ['Incident-Title', info.incident.title],
    ['Incident-Severity', info.incident.severity],
    ['Incident-Status', info.incident.status],
    ['War-Room-Bagged-At', info.baggedAt],
    ['War-Room-Journal-Entries', String(info.journalEntries)],
    ['War-Room-Evidence-Items', String(info.evidenceItems)],
    ['War-Room-Hash-Version', String(HASH_FORMAT_VERSION)],
    ...info.heads.map((head): [string, string] => [
      'War-Room-Chain-Head',
      chainHeadLine(head),
    ]),
  ];
  return fields
    .filter((field): field is [string, string] => field[1] !== null)
    .map(([label, value]) => `${label}: ${tagValue(value)}\n`)
    .join('');
}

/**
 * An item of the index. Its integrity is what the export established: it
 * re-hashed the file as it copied it and writes no bag if the SHA-256
 * differs, so every item of a bag was intact when it was written. The
 * vault's last check, older and maybe never run, would say less.
 */
function evidenceEntry(item: EvidenceItem, bagPath: string, baggedAt: string) {
  return {
    id: item.id,
    name: item.name,
    bagPath,
    size: item.size,
    sha256: item.hashes.sha256,
    sha1: item.hashes.sha1,
    md5: item.hashes.md5,
    type: item.type,
    source: item.source,
    originalPath: item.originalPath,
    linkTarget: item.linkTarget,
    sourceHost: item.sourceHost,
    originalModifiedAt: item.originalModifiedAt,
    acquiredAt: item.acquiredAt,
    acquiredBy: item.acquiredBy,
    description: item.description,
    tags: item.tags,
    linkedEntries: item.linkedEntries,
    custodyState: item.custodyState,
    custodian: item.custodian,
    integrity: 'intact',
    integrityCheckedAt: baggedAt,
    entryId: item.entryId,
  };
}

export type PlacedItem = { item: EvidenceItem; bagPath: string };

export function incidentDocument(input: {
  incident: Incident;
  baggedAt: string;
  journalEntries: number;
  heads: readonly ChainHead[];
  placed: readonly PlacedItem[];
}): string {
  const { incident } = input;
  const document = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    baggedAt: input.baggedAt,
    incident: {
      id: incident.id,
      title: incident.title,
      description: incident.description,
      severity: incident.severity,
      category: incident.category,
      subtype: incident.subtype,
      status: incident.status,
      openedAt: incident.openedAt,
      openedBy: incident.openedBy,
      detectedAt: incident.detectedAt,
      detectionMethod: incident.detectionMethod,
    },
    journal: {
      file: JOURNAL_FILE,
      entries: input.journalEntries,
      hashVersion: HASH_FORMAT_VERSION,
      genesisHash: GENESIS_HASH,
    },
    chainHeads: input.heads.map(({ deviceId, length, headHash }) => ({
      deviceId,
      length,
      headHash,
    })),
    custodyFile: CUSTODY_FILE,
    evidence: input.placed.map(({ item, bagPath }) =>
      evidenceEntry(item, bagPath, input.baggedAt),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** One line per custody event of each item, the item's file named. */
export function custodyLines(
  placed: readonly PlacedItem[],
  custody: ReadonlyMap<string, CustodyEvent[]>,
): string {
  return placed
    .flatMap(({ item, bagPath }) =>
      (custody.get(item.id) ?? []).map((event) =>
        JSON.stringify({
          evidenceId: item.id,
          name: item.name,
          bagPath,
          sha256: item.hashes.sha256,
          sha1: item.hashes.sha1,
          md5: item.hashes.md5,
          size: item.size,
          entryId: event.entryId,
          action: event.action,
          occurredAt: event.occurredAt,
          occurredOffset: event.occurredOffset,
          recordedBy: event.recordedBy,
          handler: event.handler,
          recipient: event.recipient,
          location: event.location,
          storageLocation: event.storageLocation,
          tool: event.tool,
          purpose: event.purpose,
          notes: event.notes,
        }),
      ),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Fills the README template's `{{name}}` fields. */
export function readmeText(
  template: string,
  values: Record<string, string>,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (field, name: string) =>
    Object.hasOwn(values, name) ? tagValue(values[name]) : field,
  );
}
