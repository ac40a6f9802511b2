/**
 * The evidence log as every process sees it: what an item records, the
 * custody actions of its chain of custody (the fields NIST SP 800-61 asks an
 * evidence log to keep) and what a re-verification of the vault reports.
 */

export const EVIDENCE_TYPES = [
  'log-export',
  'screenshot',
  'system-snapshot',
  'memory',
  'disk-image',
  'configuration',
  'api-response',
  'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  'log-export': 'Log export',
  screenshot: 'Screenshot',
  'system-snapshot': 'System snapshot',
  memory: 'Memory',
  'disk-image': 'Disk image',
  configuration: 'Configuration',
  'api-response': 'API response',
  other: 'Other',
};

/**
 * How the content reached the vault: a file read from disk, text pasted by
 * a responder, a captured admin-API response, or a symbolic link recorded as
 * a link (its target path is the content; the target is not read).
 */
export const EVIDENCE_SOURCES = [
  'file',
  'upload',
  'text',
  'api-response',
  'symlink',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Custody actions. `collected` is recorded by the intake itself. */
export const CUSTODY_ACTIONS = [
  'collected',
  'transferred',
  'accessed',
  'copied',
  'analysed',
  'sealed',
  'released',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** Actions a person records after intake; `collected` is the intake. */
export const RECORDABLE_CUSTODY_ACTIONS = CUSTODY_ACTIONS.filter(
  (action) => action !== 'collected',
);

export const CUSTODY_ACTION_LABELS: Record<CustodyAction, string> = {
  collected: 'Collected',
  transferred: 'Transferred',
  accessed: 'Accessed',
  copied: 'Copied',
  analysed: 'Analysed',
  sealed: 'Sealed',
  released: 'Released',
};

export type EvidenceHashes = {
  sha256: string;
  sha1: string;
  md5: string;
};

/** Whether the vault file still matches the hashes taken at intake. */
export const INTEGRITY_STATES = [
  'unverified',
  'intact',
  'altered',
  'missing',
] as const;
export type IntegrityState = (typeof INTEGRITY_STATES)[number];

export type CustodyPerson = {
  name: string;
  role: string;
  contact: string;
};

export type EvidenceItem = {
  id: string;
  incidentId: string;
  name: string;
  /** Where it came from: a path on this machine, `upload:` or `text:`. */
  originalPath: string;
  source: EvidenceSource;
  /** For a symbolic link, the path it points to. */
  linkTarget: string | null;
  size: number;
  hashes: EvidenceHashes;
  sourceHost: string;
  /** The file's modification time when it was read, in UTC. */
  originalModifiedAt: string | null;
  acquiredAt: string;
  acquiredBy: string;
  type: EvidenceType;
  description: string;
  tags: string[];
  /** Timeline entries this item is evidence for. */
  linkedEntries: string[];
  /** The last custody action recorded. */
  custodyState: CustodyAction;
  /** Who holds it after the last custody action. */
  custodian: string;
  integrity: IntegrityState;
  integrityCheckedAt: string | null;
  /** The journal entry that registered the item. */
  entryId: string;
};

export type CustodyEvent = {
  entryId: string;
  evidenceId: string;
  action: CustodyAction;
  /** When it happened, with the zone it was given in. */
  occurredAt: string;
  occurredOffset: string;
  recordedBy: string;
  handler: CustodyPerson;
  /** For a transfer: who received it. */
  recipient: CustodyPerson | null;
  location: string;
  storageLocation: string;
  tool: string;
  purpose: string;
  notes: string;
};

export type EvidenceDetail = {
  item: EvidenceItem;
  custody: CustodyEvent[];
};

export type VaultProblem = {
  evidenceId: string;
  name: string;
  kind: 'altered' | 'missing';
  detail: string;
};

export type VaultCheck = {
  ok: boolean;
  /** Items checked (an item counts once even when content is shared). */
  items: number;
  /** Bytes read to re-hash the vault files. */
  bytes: number;
  problems: VaultProblem[];
  checkedAt: string;
};

/** Progress of one intake, pushed while a large file is read. */
export type IntakeProgress = {
  intakeId: string;
  incidentId: string;
  name: string;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** Null until the rate is known. */
  secondsLeft: number | null;
};

export type IntakeOutcome =
  | { ok: true; item: EvidenceItem; deduplicated: boolean }
  | { ok: false; path: string; message: string };

export const EVIDENCE_ENTRY_KINDS = {
  added: 'evidence.added',
  custody: 'evidence.custody',
  linked: 'evidence.linked',
  verified: 'evidence.verified',
} as const;
