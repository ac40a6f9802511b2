import {
  CUSTODY_ACTION_LABELS,
  EVIDENCE_TYPE_LABELS,
  type EvidenceItem,
  type EvidenceType,
  type IntegrityState,
} from '../../../shared/evidence-types';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** `1536` → `1.5 KiB`: binary units, so a size reads the same everywhere. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** `1234567` → `1,234,567 bytes`, for the exact figure beside the short. */
export function formatExactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Time left in whole units a person reads at a glance. */
export function formatSecondsLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating time left';
  if (seconds < 60) return `${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** Enough of a SHA-256 to tell items apart in a list; the rest on copy. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

export const INTEGRITY_LABELS: Record<IntegrityState, string> = {
  unverified: 'Unverified',
  intact: 'Intact',
  altered: 'Altered',
  missing: 'Missing',
};

export function hasIntegrityProblem(item: EvidenceItem): boolean {
  return item.integrity === 'altered' || item.integrity === 'missing';
}

export function typeLabel(type: EvidenceType): string {
  return EVIDENCE_TYPE_LABELS[type];
}

/** `Sealed`, or `Transferred to Dana` when the holder changed. */
export function custodyText(item: EvidenceItem): string {
  const action = CUSTODY_ACTION_LABELS[item.custodyState];
  return item.custodian ? `${action} · ${item.custodian}` : action;
}

/** `ssh, bastion ,ssh` → `['ssh', 'bastion']`. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

const TYPE_BY_EXTENSION: Record<string, EvidenceType> = {
  log: 'log-export',
  txt: 'log-export',
  csv: 'log-export',
  jsonl: 'log-export',
  evtx: 'log-export',
  pcap: 'log-export',
  pcapng: 'log-export',
  png: 'screenshot',
  jpg: 'screenshot',
  jpeg: 'screenshot',
  gif: 'screenshot',
  webp: 'screenshot',
  mem: 'memory',
  dmp: 'memory',
  lime: 'memory',
  vmem: 'memory',
  img: 'disk-image',
  dd: 'disk-image',
  e01: 'disk-image',
  raw: 'disk-image',
  vmdk: 'disk-image',
  qcow2: 'disk-image',
  iso: 'disk-image',
  conf: 'configuration',
  cfg: 'configuration',
  ini: 'configuration',
  yaml: 'configuration',
  yml: 'configuration',
  toml: 'configuration',
  json: 'api-response',
};

function typeOfName(name: string): EvidenceType {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return TYPE_BY_EXTENSION[extension] ?? 'other';
}

/**
 * A first guess at a batch's type from its file names: the type most of
 * the recognised names suggest, the first of them on a tie, or `other`.
 * The person adding them confirms or changes it.
 */
export function guessEvidenceType(names: readonly string[]): EvidenceType {
  const counts = new Map<EvidenceType, number>();
  for (const name of names) {
    const type = typeOfName(name);
    if (type !== 'other') counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  let best: EvidenceType = 'other';
  for (const [type, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = type;
  }
  return best;
}
