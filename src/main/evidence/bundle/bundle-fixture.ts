import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { ulid } from 'ulid';
import type {
  EvidenceItem,
  IntakeOutcome,
} from '../../../shared/evidence-types';
import type { BundleSummary, Incident } from '../../../shared/ipc-contract';
import { appendEntry, createJournalWriter } from '../../journal/append-entries';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../../test-support/temp-war-room';
import type { WarRoom } from '../../war-room';
import {
  canonicalJson,
  computeEntryHash,
  GENESIS_HASH,
} from '../../journal/entry-hash';
import {
  BAG_INFO_FILE,
  INCIDENT_FILE,
  JOURNAL_FILE,
  MANIFEST_FILE,
  TAG_MANIFEST_FILE,
  VERIFIER_FILE,
} from './bag-layout';
import { bundleResourcesDir } from './bundle-resources';
import { bundleCheckLine, verifyBundle } from './verify-bundle';

/**
 * Test support: an incident with evidence whose names and contents test
 * the bundle's edges, and helpers to tamper with a bag and run the shipped
 * Python verifier on it.
 */

/** Bytes that are not valid UTF-8, so no text conversion passes them. */
export const REPORT_BYTES = Buffer.from([
  0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0x0d, 0x7f,
]);

export const SOURCE_FILES: Record<string, Buffer> = {
  'one/auth.log': Buffer.from('Dec  3 15:58:01 sshd[811]: Accepted key\n'),
  'two/auth.log': Buffer.from('Dec  3 15:59:12 sshd[902]: Failed password\n'),
  'two/report final.pdf': REPORT_BYTES,
  'two/report final (copy).pdf': REPORT_BYTES,
  'two/CON.txt': Buffer.from('reserved on Windows\n'),
  'two/Überprüfung: "draft"?.log': Buffer.from('accents and odd marks\n'),
  'two/日本語.txt': Buffer.from('no ASCII in the name\n'),
  'two/trailing dot.': Buffer.from('trailing dot\n'),
  [`two/${'long-name-'.repeat(20)}.txt`]: Buffer.from('a long name\n'),
};

export const PASTED_TEXT =
  'ps aux | grep -v grep\nroot  811 sshd: ana [priv]\n« quoted » 😀\u2028end\n';

export type IncidentWithEvidence = {
  warRoom: WarRoom;
  dataDir: string;
  incident: Incident;
  items: EvidenceItem[];
  otherDevice: string;
  root: string;
};

async function addSourceFiles(
  warRoom: WarRoom,
  incidentId: string,
  root: string,
) {
  const sources = join(root, 'sources');
  for (const [path, content] of Object.entries(SOURCE_FILES)) {
    mkdirSync(join(sources, path, '..'), { recursive: true });
    writeFileSync(join(sources, path), content);
  }
  const outcomes = await invokeOk<IntakeOutcome[]>(
    warRoom,
    'evidence:add-paths',
    {
      incidentId,
      paths: [join(sources, 'one'), join(sources, 'two')],
      type: 'log-export',
      tags: ['host-a'],
    },
  );
  return outcomes.map((outcome) => {
    if (!outcome.ok) throw new Error(`intake failed: ${outcome.message}`);
    return outcome.item;
  });
}

/**
 * An incident with files (two of the same name, two of the same content,
 * names no file system likes), pasted text, a custody transfer, a note,
 * and entries from a second device.
 */
export async function openIncidentWithEvidence(): Promise<IncidentWithEvidence> {
  const root = makeTempDir('war-room-bundle-').path;
  const { warRoom, dataDir } = openTestWarRoom(join(root, 'war-room'));
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Admin logins from TOR',
    severity: 'high',
    category: 'authentication-access-control',
  });
  const files = await addSourceFiles(warRoom, incident.id, root);
  const text = await invokeOk<EvidenceItem>(warRoom, 'evidence:add-text', {
    incidentId: incident.id,
    name: 'pasted output.txt',
    text: PASTED_TEXT,
    type: 'system-snapshot',
  });
  await invokeOk(warRoom, 'evidence:record-custody', {
    evidenceId: files[0].id,
    action: 'transferred',
    handler: { name: 'Ana Lima', role: 'responder' },
    recipient: { name: 'Ben Okafor', contact: 'ben@example.org' },
    location: 'Lisbon office',
    purpose: 'analysis',
  });
  await invokeOk(warRoom, 'journal:add-note', {
    incidentId: incident.id,
    text: 'Blocked 203.0.113.7 at the WAF',
  });
  const otherDevice = ulid();
  const other = createJournalWriter(otherDevice, { nowMicros: () => 1 });
  appendEntry(warRoom.db, other, {
    scope: incident.id,
    kind: 'note',
    actor: 'ben',
    payload: { text: 'Seen from the second laptop' },
  });
  return {
    warRoom,
    dataDir,
    incident,
    items: [...files, text],
    otherDevice,
    root,
  };
}

export async function exportBundle(
  warRoom: WarRoom,
  incidentId: string,
  outDir: string,
  extra: Record<string, unknown> = {},
): Promise<BundleSummary> {
  return invokeOk<BundleSummary>(warRoom, 'evidence:export-bundle', {
    incidentId,
    outDir,
    organisation: 'Example Platform Ltd',
    contact: 'Ana Lima <ana@example.org>, +351 21 000 0000',
    ...extra,
  });
}

/** Every file under a folder, by `/`-separated relative path. */
export function listTree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

export function sha256Of(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function copyBag(bag: string, into: string): string {
  const copy = join(into, `bag-${ulid()}`);
  cpSync(bag, copy, { recursive: true });
  return copy;
}

function manifestText(bag: string, paths: string[]): string {
  return paths
    .map((path) => `${sha256Of(readFileSync(join(bag, path)))}  ${path}\n`)
    .join('');
}

/** Rewrites the tag manifest from the tag files now in the bag. */
export function rewriteTagManifest(bag: string): void {
  const tags = listTree(bag).filter(
    (path) => !path.startsWith('data/') && path !== TAG_MANIFEST_FILE,
  );
  writeFileSync(join(bag, TAG_MANIFEST_FILE), manifestText(bag, tags));
}

/** Rewrites the payload manifest from the payload files now in the bag. */
export function rewritePayloadManifest(bag: string): void {
  const payload = listTree(bag).filter((path) => path.startsWith('data/'));
  writeFileSync(join(bag, MANIFEST_FILE), manifestText(bag, payload));
}

/**
 * Rewrites both manifests and Payload-Oxum from the files now in the
 * bag, as someone covering their tracks would, so a check has to look
 * past them.
 */
export function rewriteManifests(bag: string): void {
  rewritePayloadManifest(bag);
  const payload = listTree(bag).filter((path) => path.startsWith('data/'));
  const bytes = payload.reduce(
    (sum, path) => sum + statSync(join(bag, path)).size,
    0,
  );
  const info = join(bag, BAG_INFO_FILE);
  writeFileSync(
    info,
    readFileSync(info, 'utf8').replace(
      /^Payload-Oxum: .*$/m,
      `Payload-Oxum: ${bytes}.${payload.length}`,
    ),
  );
  rewriteTagManifest(bag);
}

/** A line of data/journal.jsonl, parsed. */
export type Line = Record<string, unknown> & {
  id: string;
  kind: string;
  deviceId: string;
  chainSeq: number;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

export function readLines(bag: string): Line[] {
  return readJsonLines(join(bag, JOURNAL_FILE)) as Line[];
}

export function writeLines(bag: string, lines: Line[]): void {
  writeFileSync(
    join(bag, JOURNAL_FILE),
    lines.map((line) => `${canonicalJson(line)}\n`).join(''),
  );
}

export function rehash(line: Line): Line {
  const { hash: _hash, version: _version, ...fields } = line;
  return { ...line, hash: computeEntryHash(fields as never) };
}

export function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function writeJsonLines(path: string, lines: unknown[]): void {
  writeFileSync(
    path,
    lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
  );
}

export type IndexDocument = Record<string, unknown> & {
  chainHeads: { deviceId: string; length: number; headHash: string }[];
  evidence: (Record<string, unknown> & {
    id: string;
    bagPath: string;
    entryId: string;
  })[];
};

export function readIndex(bag: string): IndexDocument {
  return JSON.parse(readFileSync(join(bag, INCIDENT_FILE), 'utf8'));
}

export function writeIndex(bag: string, document: IndexDocument): void {
  writeFileSync(
    join(bag, INCIDENT_FILE),
    `${JSON.stringify(document, null, 2)}\n`,
  );
}

/**
 * Edits the journal as a forger with the whole bag would: every chain
 * relinked and rehashed after the edit, its heads rewritten in
 * incident.json and bag-info.txt, then both manifests and Payload-Oxum.
 * Only a check against something outside the bag can tell.
 */
export function forgeJournal(bag: string, edit: (lines: Line[]) => void) {
  const lines = readLines(bag);
  edit(lines);
  const heads = new Map<string, string>();
  const forged = lines.map((line) => {
    const relinked = rehash({
      ...line,
      prevHash: heads.get(line.deviceId) ?? GENESIS_HASH,
    });
    heads.set(line.deviceId, relinked.hash);
    return relinked;
  });
  writeLines(bag, forged);
  const index = readIndex(bag);
  for (const head of index.chainHeads)
    head.headHash = heads.get(head.deviceId)!;
  writeIndex(bag, index);
  const info = join(bag, BAG_INFO_FILE);
  writeFileSync(
    info,
    readFileSync(info, 'utf8').replace(
      /^War-Room-Chain-Head: (\S+) (\d+) \S+$/gm,
      (_all, device: string, length: string) =>
        `War-Room-Chain-Head: ${device} ${length} ${heads.get(device)}`,
    ),
  );
  rewriteManifests(bag);
}

export type ProcessResult = { code: number; stdout: string; stderr: string };

/** Runs the verifier shipped in resources/, or the bag's own copy. */
export function runPython(args: string[], cwd?: string): ProcessResult {
  const result = spawnSync('python3', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });
  if (result.error) throw result.error;
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

export function shippedVerifier(): string {
  return join(bundleResourcesDir(), VERIFIER_FILE);
}

/** Runs both verifiers on a bag: the copy shipped in it and War Room's. */
export async function checkBoth(bag: string) {
  const python = runPython([join(bag, VERIFIER_FILE), bag]);
  const own = await verifyBundle(bag);
  return { python, own, ownLine: bundleCheckLine(own) };
}
