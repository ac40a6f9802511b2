import { constants } from 'node:fs';
import {
  lstat,
  open,
  readdir,
  readlink,
  type FileHandle,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative,
  resolve,
} from 'node:path';
import { ulid } from 'ulid';
import type {
  EvidenceItem,
  EvidenceSource,
  EvidenceType,
  IntakeOutcome,
  IntakeProgress,
} from '../../shared/evidence-types';
import type { JsonObject } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { requireIncident } from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import { checkEvidenceName } from './evidence-names';
import {
  checkLinkedEntries,
  registerEvidence,
  type NewEvidence,
} from './evidence-store';
import {
  iterableSource,
  storeInVault,
  type ChunkSource,
  type StoreOptions,
  type StoredContent,
  type Vault,
} from './evidence-vault';

export type IntakeContext = {
  db: Db;
  writer: JournalWriter;
  vault: Vault;
  /** Swapped by tests to simulate a full disk. */
  openTemp?: StoreOptions['openTemp'];
};

/** What the person adding evidence says about it; the same for a batch. */
export type IntakeDetails = {
  incidentId: string;
  actor: string;
  type: EvidenceType;
  description: string;
  tags: string[];
  linkedEntries: string[];
};

export type IntakeControl = {
  intakeId: string;
  signal?: AbortSignal;
  onProgress?: (progress: IntakeProgress) => void;
};

/** At most this many files from one folder, so a wrong drop is not a flood. */
export const MAX_FILES_PER_INTAKE = 10_000;

const PROGRESS_INTERVAL_MS = 200;

function progressReporter(
  control: IntakeControl,
  incidentId: string,
  name: string,
  bytesTotal: number,
): (bytesDone: number) => void {
  const started = performance.now();
  let lastReport = -Infinity;
  return (bytesDone) => {
    const now = performance.now();
    if (!control.onProgress) return;
    if (now - lastReport < PROGRESS_INTERVAL_MS && bytesDone < bytesTotal) {
      return;
    }
    lastReport = now;
    const seconds = (now - started) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.round(bytesDone / seconds) : 0;
    control.onProgress({
      intakeId: control.intakeId,
      incidentId,
      name,
      bytesDone,
      bytesTotal,
      bytesPerSecond,
      secondsLeft:
        bytesPerSecond > 0
          ? Math.ceil(Math.max(0, bytesTotal - bytesDone) / bytesPerSecond)
          : null,
    });
  };
}

/** A file as a chunk source; a failed read names the file. */
function fileSource(
  handle: FileHandle,
  path: string,
  expectedBytes: number,
): ChunkSource {
  return {
    expectedBytes,
    async readInto(buffer) {
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        return bytesRead;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new AppFailure(
          'invalid-input',
          `${path} could not be read (${code}); nothing was registered`,
        );
      }
    },
  };
}

function bufferSource(content: Buffer): ChunkSource {
  let offset = 0;
  return {
    expectedBytes: content.length,
    readInto(buffer) {
      const count = content.copy(buffer, 0, offset);
      offset += count;
      return Promise.resolve(count);
    },
  };
}

/**
 * Registers stored content, or removes it from the vault again if it cannot
 * be registered, so a failed intake leaves no file behind.
 */
async function register(
  context: IntakeContext,
  stored: StoredContent,
  item: Omit<NewEvidence, 'size' | 'hashes'>,
): Promise<IntakeOutcome & { ok: true }> {
  try {
    const registered = registerEvidence(context.db, context.writer, ulid(), {
      ...item,
      size: stored.size,
      hashes: stored,
    });
    return { ok: true, item: registered, deduplicated: stored.deduplicated };
  } catch (error) {
    await stored.discard();
    throw error;
  }
}

function openProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' && path.includes('\uFFFD')) {
    return (
      `${path} cannot be found by that name: it holds bytes that are not ` +
      'valid UTF-8, which Node cannot pass on. Add its folder instead, ' +
      'or a copy under a UTF-8 name'
    );
  }
  return describeOpenError(path, error).message;
}

function describeOpenError(path: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new AppFailure('not-found', `there is no file at ${path}`);
    case 'EACCES':
    case 'EPERM':
      return new AppFailure(
        'invalid-input',
        `${path} cannot be read: permission denied`,
      );
    case 'ELOOP':
      return new AppFailure(
        'invalid-input',
        `${path} became a symbolic link while it was being added; ` +
          'nothing was registered',
      );
    default:
      return new AppFailure(
        'invalid-input',
        `${path} cannot be read (${code ?? String(error)})`,
      );
  }
}

function changedWhileRead(
  path: string,
  before: { size: number; mtimeMs: number },
  after: { size: number; mtimeMs: number },
  bytesRead: number,
): AppFailure | null {
  if (
    before.size === after.size &&
    before.mtimeMs === after.mtimeMs &&
    bytesRead === before.size
  ) {
    return null;
  }
  return new AppFailure(
    'invalid-input',
    `${path} changed while it was being read (size ${before.size} → ` +
      `${after.size} bytes, ${bytesRead} read); nothing was registered. ` +
      'Add it again once it has stopped changing, or add a snapshot copy',
  );
}

/**
 * Takes in one regular file: opened without following links, streamed into
 * the vault, and refused if its size or modification time moved while it
 * was read. Registered only after the vault copy is complete and fsynced.
 */
async function takeInRegularFile(
  context: IntakeContext,
  path: string,
  details: IntakeDetails,
  control: IntakeControl,
): Promise<IntakeOutcome & { ok: true }> {
  const name = checkEvidenceName(basename(path));
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw describeOpenError(path, error);
  }

  let stored: StoredContent;
  let before: Awaited<ReturnType<FileHandle['stat']>>;
  try {
    before = await handle.stat();
    if (!before.isFile()) {
      throw new AppFailure('invalid-input', `${path} is not a regular file`);
    }
    stored = await storeInVault(
      context.vault,
      fileSource(handle, path, before.size),
      {
        signal: control.signal,
        openTemp: context.openTemp,
        onChunk: progressReporter(
          control,
          details.incidentId,
          name,
          before.size,
        ),
      },
    );
    const problem = changedWhileRead(
      path,
      before,
      await handle.stat(),
      stored.size,
    );
    if (problem) {
      await stored.discard();
      throw problem;
    }
  } finally {
    await handle.close();
  }

  return register(context, stored, {
    ...itemDetails(details),
    name,
    originalPath: path,
    source: 'file',
    linkTarget: null,
    sourceHost: hostname(),
    originalModifiedAt: formatEpochMicros(Math.round(before.mtimeMs * 1000)),
  });
}

function itemDetails(details: IntakeDetails) {
  return {
    incidentId: details.incidentId,
    acquiredBy: details.actor,
    type: details.type,
    description: details.description,
    tags: details.tags,
    linkedEntries: details.linkedEntries,
  };
}

/**
 * A symbolic link is recorded as a link: its target path is the content,
 * and the target itself is not read, so nothing outside what was chosen is
 * taken in silently.
 */
async function takeInSymlink(
  context: IntakeContext,
  path: string,
  details: IntakeDetails,
): Promise<IntakeOutcome & { ok: true }> {
  const name = checkEvidenceName(basename(path));
  const target = await readlink(path);
  const link = await lstat(path);
  const stored = await storeInVault(
    context.vault,
    bufferSource(Buffer.from(target, 'utf8')),
    { openTemp: context.openTemp },
  );
  return register(context, stored, {
    ...itemDetails(details),
    name,
    originalPath: path,
    source: 'symlink',
    linkTarget: target,
    sourceHost: hostname(),
    originalModifiedAt: formatEpochMicros(Math.round(link.mtimeMs * 1000)),
    description:
      details.description ||
      `symbolic link to ${target}; the target was not read`,
  });
}

type Candidate =
  | { path: string; kind: 'file' | 'symlink' | 'other' }
  | { path: string; kind: 'refused'; message: string };

function kindOf(status: {
  isFile(): boolean;
  isSymbolicLink(): boolean;
}): 'file' | 'symlink' | 'other' {
  if (status.isSymbolicLink()) return 'symlink';
  return status.isFile() ? 'file' : 'other';
}

/**
 * Names as the file system holds them. Node cannot open a path whose bytes
 * are not UTF-8 by name, so such a file is reported, not silently lost.
 */
function decodedName(folder: string, raw: Buffer): Candidate | string {
  const name = raw.toString('utf8');
  if (Buffer.from(name, 'utf8').equals(raw)) return name;
  return {
    path: join(folder, name),
    kind: 'refused',
    message:
      `a file in ${folder} has a name that is not valid UTF-8 (bytes ` +
      `${JSON.stringify(raw.toString('latin1'))}); War Room cannot open it ` +
      'by name. Add a copy under a UTF-8 name, or an archive of the folder',
  };
}

async function listEntries(folder: string): Promise<Buffer[] | Candidate> {
  try {
    const names = await readdir(folder, { encoding: 'buffer' });
    return names.sort(Buffer.compare);
  } catch (error) {
    return {
      path: folder,
      kind: 'refused',
      message: openProblem(folder, error),
    };
  }
}

/** Lists a folder's files (not following links), depth first, sorted. */
async function listFolder(folder: string, into: Candidate[]): Promise<void> {
  const names = await listEntries(folder);
  if (!Array.isArray(names)) {
    into.push(names);
    return;
  }
  for (const raw of names) {
    const name = decodedName(folder, raw);
    if (typeof name !== 'string') {
      into.push(name);
      continue;
    }
    await addCandidate(join(folder, name), into);
    if (into.length > MAX_FILES_PER_INTAKE) {
      throw new AppFailure(
        'invalid-input',
        `${folder} holds more than ${MAX_FILES_PER_INTAKE} files; add ` +
          'its subfolders separately or an archive of it',
      );
    }
  }
}

async function addCandidate(path: string, into: Candidate[]): Promise<void> {
  let status;
  try {
    status = await lstat(path);
  } catch (error) {
    into.push({ path, kind: 'refused', message: openProblem(path, error) });
    return;
  }
  if (status.isDirectory()) await listFolder(path, into);
  else into.push({ path, kind: kindOf(status) });
}

/**
 * Expands the chosen paths: folders become the files in them. A path that
 * cannot be listed or found is a refused candidate, reported with the
 * others, so one bad path never hides what happened to the rest.
 */
export async function expandPaths(paths: string[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const given of paths) {
    await addCandidate(resolve(given), candidates);
  }
  return candidates;
}

/** Whether `path` is `folder` or inside it. */
export function isWithin(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return (
    fromFolder === '' ||
    (!fromFolder.startsWith('..') && !isAbsolute(fromFolder))
  );
}

/**
 * War Room's own files (the database, the vault, its logs) are never
 * evidence of an incident; taking them in would also copy the vault into
 * itself.
 */
function refuseOwnFiles(candidates: Candidate[], dataDir: string) {
  return candidates.map((candidate): Candidate =>
    isWithin(dataDir, candidate.path)
      ? {
          path: candidate.path,
          kind: 'refused',
          message:
            `${candidate.path} is inside War Room's own data directory ` +
            `(${dataDir}) and cannot be evidence`,
        }
      : candidate,
  );
}

function cancelledAt(path: string, done: IntakeOutcome[]): AppFailure {
  const kept = done.filter((outcome) => outcome.ok).length;
  const before =
    kept > 0 ? `; the ${kept} file(s) added before it stay registered` : '';
  return new AppFailure(
    'cancelled',
    `the intake was cancelled while reading ${path}, which was not ` +
      `registered${before}`,
  );
}

async function takeInCandidate(
  context: IntakeContext,
  candidate: Candidate,
  details: IntakeDetails,
  control: IntakeControl,
): Promise<IntakeOutcome & { ok: true }> {
  if (candidate.kind === 'symlink') {
    return takeInSymlink(context, candidate.path, details);
  }
  if (candidate.kind === 'refused') {
    throw new AppFailure('invalid-input', candidate.message);
  }
  if (candidate.kind === 'other') {
    throw new AppFailure(
      'invalid-input',
      `${candidate.path} is not a regular file (a device, socket or pipe)`,
    );
  }
  return takeInRegularFile(context, candidate.path, details, control);
}

/**
 * Takes in files and folders, one item per file, each in its own
 * transaction: a file that fails is reported with its reason and the
 * others are still taken in. A cancel stops the batch at the current file,
 * which is left unregistered; files finished before it stay registered.
 */
export async function takeInPaths(
  context: IntakeContext,
  paths: string[],
  details: IntakeDetails,
  control: IntakeControl,
): Promise<IntakeOutcome[]> {
  requireIncident(context.db, details.incidentId);
  checkLinkedEntries(context.db, details.incidentId, details.linkedEntries);
  const candidates = refuseOwnFiles(
    await expandPaths(paths),
    dirname(context.vault.dir),
  );

  const outcomes: IntakeOutcome[] = [];
  for (const candidate of candidates) {
    try {
      outcomes.push(
        await takeInCandidate(context, candidate, details, control),
      );
    } catch (error) {
      if (!(error instanceof AppFailure) || error.kind === 'storage') {
        throw error;
      }
      if (error.kind === 'cancelled') {
        throw cancelledAt(candidate.path, outcomes);
      }
      outcomes.push({
        ok: false,
        path: candidate.path,
        message: error.message,
      });
    }
  }
  return outcomes;
}

export type StoredItem = { item: EvidenceItem; deduplicated: boolean };

export type ContentIntake = {
  name: string;
  source: Exclude<EvidenceSource, 'file' | 'symlink'>;
  /** Where it came from, e.g. `upload:report.pdf` or an API endpoint. */
  originalPath: string;
  sourceHost: string;
  originalModifiedAt: string | null;
  capture?: JsonObject;
};

/**
 * Takes in content that is not a file on this machine: pasted text, an
 * upload from the browser, a captured API response. The same one pass into
 * the vault, then registration.
 */
export async function takeInContent(
  context: IntakeContext,
  chunks: AsyncIterable<Uint8Array> | Buffer,
  content: ContentIntake,
  details: IntakeDetails,
  control: IntakeControl & { bytesExpected?: number },
): Promise<EvidenceItem> {
  const stored = await storeContent(context, chunks, content, details, control);
  return stored.item;
}

/** The intake of `takeInContent`, saying whether the content was known. */
export async function storeContent(
  context: IntakeContext,
  chunks: AsyncIterable<Uint8Array> | Buffer,
  content: ContentIntake,
  details: IntakeDetails,
  control: IntakeControl & { bytesExpected?: number },
): Promise<StoredItem> {
  requireIncident(context.db, details.incidentId);
  const name = checkEvidenceName(content.name);
  const source = Buffer.isBuffer(chunks)
    ? bufferSource(chunks)
    : iterableSource(chunks, control.bytesExpected);
  const stored = await storeInVault(context.vault, source, {
    signal: control.signal,
    openTemp: context.openTemp,
    onChunk: progressReporter(
      control,
      details.incidentId,
      name,
      control.bytesExpected ?? 0,
    ),
  });
  const outcome = await register(context, stored, {
    ...itemDetails(details),
    name,
    originalPath: content.originalPath,
    source: content.source,
    linkTarget: null,
    sourceHost: content.sourceHost,
    originalModifiedAt: content.originalModifiedAt,
    capture: content.capture,
  });
  return { item: outcome.item, deduplicated: outcome.deduplicated };
}
