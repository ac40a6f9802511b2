import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import {
  FORMAT_LABELS,
  MAX_LISTED_PROBLEMS,
  TIMELINE_KINDS,
  type ImportFormat,
  type ImportPhase,
  type ImportProblem,
  type TimelineImportProgress,
  type TimelineImportReport,
} from '../../shared/timeline-exchange-types';
import { takeInPaths, type IntakeContext } from '../evidence/evidence-intake';
import { requireIncident } from '../incidents/incident-store';
import { appendEntries, type NewEntry } from '../journal/append-entries';
import { parseFileZone, type FileZone } from './exchange-time';
import { detectFormat } from './format-detection';
import {
  convertRecord,
  isDraft,
  type ConversionOptions,
  type ImportDraft,
} from './row-conversion';
import { isProblem, readSource } from './source-readers';
import { FileProblem } from './utf8-text';

export type ImportRequest = {
  incidentId: string;
  /** A file on the machine War Room runs on. */
  path: string;
  /** Detected from the file's start when not given. */
  format?: ImportFormat;
  /** The zone of zone-less times: an IANA name or `±HH:MM`. */
  zone?: string;
  /** Import the good rows and list the others, instead of refusing. */
  skipBadRows: boolean;
  actor: string;
};

export type ImportControl = {
  importId: string;
  /** Honoured until appending starts; after that the import finishes. */
  signal?: AbortSignal;
  onProgress?: (progress: TimelineImportProgress) => void;
  /** Called when appending starts; the import can no longer be stopped. */
  onAppending?: () => void;
  /** Called after each committed batch with its last entry. */
  onBatch?: (last: JournalEntry) => void;
};

/** Rows per transaction, and a bound on their size in memory. */
export const BATCH_ROWS = 5_000;
const BATCH_CHARS = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_INTERVAL_MS = 200;

type ImportFile = { path: string; name: string; size: number; mtimeMs: number };

type CheckResult = {
  sha256: string;
  good: number;
  rejected: number;
  problems: ImportProblem[];
};

type Job = {
  context: IntakeContext;
  request: ImportRequest;
  control: ImportControl;
  file: ImportFile;
  format: ImportFormat;
  zone: FileZone | null;
  /** Throttled, except for a change of phase and the `final` report. */
  progress: (
    phase: ImportPhase,
    done: Partial<TimelineImportProgress>,
    final?: boolean,
  ) => void;
};

function cancelled(): AppFailure {
  return new AppFailure(
    'cancelled',
    'the import was cancelled before anything was written',
  );
}

/** The real file behind the path: a link is followed, a folder refused. */
async function openImportFile(path: string): Promise<ImportFile> {
  if (!isAbsolute(path)) {
    throw new AppFailure('invalid-input', `${path} is not an absolute path`);
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new AppFailure('not-found', `there is no file at ${path}`)
      : new AppFailure('invalid-input', `${path} cannot be read (${code})`);
  }
  const status = await stat(real);
  if (!status.isFile()) {
    throw new AppFailure('invalid-input', `${path} is not a regular file`);
  }
  return {
    path: real,
    name: basename(real),
    size: status.size,
    mtimeMs: status.mtimeMs,
  };
}

function fileZone(zone: string | undefined): FileZone | null {
  if (zone === undefined) return null;
  const parsed = parseFileZone(zone);
  if (!parsed) {
    throw new AppFailure(
      'invalid-input',
      `${JSON.stringify(zone)} is not a time zone: give an IANA name ` +
        '(Europe/Berlin, UTC) or an offset (+02:00)',
    );
  }
  return parsed;
}

function checkZoneApplies(format: ImportFormat, zone: FileZone | null): void {
  if (zone && format.startsWith('admin-')) {
    throw new AppFailure(
      'invalid-input',
      "the admin API's exports are in UTC by its contract; a zone applies " +
        'only to Timesketch files',
    );
  }
}

function progressReporter(
  control: ImportControl,
  incidentId: string,
  bytesTotal: number,
) {
  let last = -Infinity;
  let lastPhase: ImportPhase | null = null;
  return (
    phase: ImportPhase,
    done: Partial<TimelineImportProgress>,
    final = false,
  ) => {
    const now = performance.now();
    const due =
      final || phase !== lastPhase || now - last >= PROGRESS_INTERVAL_MS;
    if (!control.onProgress || !due) return;
    last = now;
    lastPhase = phase;
    control.onProgress({
      importId: control.importId,
      incidentId,
      phase,
      bytesDone: 0,
      bytesTotal,
      rowsDone: 0,
      rowsTotal: null,
      ...done,
    });
  };
}

/** The file's bytes, each passed to `onChunk` first; stops on cancel. */
async function* fileChunks(
  path: string,
  onChunk: (chunk: Buffer) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (signal?.aborted) throw cancelled();
    onChunk(chunk);
    yield chunk;
  }
}

function conversionOptions(
  job: Job,
  sha256: string,
  evidenceId: string,
): ConversionOptions {
  return {
    format: job.format,
    zone: job.zone,
    source: {
      name: job.file.name,
      sha256,
      format: job.format,
      importId: job.control.importId,
      evidenceId,
    },
  };
}

/**
 * Every row of the file as it will be appended, or the reason it cannot
 * be. Both passes read rows through this, so they agree row for row.
 */
async function* convertedRows(
  job: Job,
  chunks: AsyncIterable<Buffer>,
  options: ConversionOptions,
): AsyncGenerator<ImportDraft | ImportProblem> {
  for await (const item of readSource(job.format, chunks)) {
    yield isProblem(item) ? item : convertRecord(item, options);
  }
}

/**
 * The check pass: reads the original file once, hashing it and converting
 * every row exactly as the append pass will, and keeps only counts and
 * the first problems, so memory stays bounded for any size of file.
 */
async function checkFile(job: Job): Promise<CheckResult> {
  const hash = createHash('sha256');
  let bytesDone = 0;
  const chunks = fileChunks(
    job.file.path,
    (chunk) => {
      hash.update(chunk);
      bytesDone += chunk.length;
    },
    job.control.signal,
  );
  // The hash and the evidence id are not known yet; neither changes
  // whether a row is valid.
  const options = conversionOptions(job, '0'.repeat(64), '0'.repeat(26));
  const result: CheckResult = {
    sha256: '',
    good: 0,
    rejected: 0,
    problems: [],
  };
  for await (const row of convertedRows(job, chunks, options)) {
    if (isDraft(row)) result.good += 1;
    else recordProblem(result, row);
    job.progress('checking', { bytesDone, rowsDone: result.good });
  }
  result.sha256 = hash.digest('hex');
  return result;
}

/**
 * A problem may quote half a surrogate pair (JSON.parse names a bad token
 * by one UTF-16 unit, which can be half an emoji). The completion entry
 * could not journal that, so it is shown as U+FFFD.
 */
function recordProblem(result: CheckResult, problem: ImportProblem): void {
  result.rejected += 1;
  if (result.problems.length < MAX_LISTED_PROBLEMS) {
    const message = problem.message.replace(/\p{Cs}/gu, '\uFFFD');
    result.problems.push({ ...problem, message });
  }
}

/** Refuses a file that moved while the check pass read it. */
async function checkUnchanged(file: ImportFile): Promise<void> {
  const after = await stat(file.path);
  if (after.size !== file.size || after.mtimeMs !== file.mtimeMs) {
    throw new AppFailure(
      'invalid-input',
      `${file.path} changed while it was being read; nothing was ` +
        'imported. Import it again once it has stopped changing',
    );
  }
}

/**
 * Takes the file into the evidence log. Its hash must be the one the check
 * pass computed, or the file changed in between: then the copy stays in
 * the evidence log, as what the file holds now, and nothing is imported.
 */
async function takeInFile(job: Job, check: CheckResult): Promise<string> {
  const { format, file, request, control } = job;
  const [outcome] = await takeInPaths(
    job.context,
    [file.path],
    {
      incidentId: request.incidentId,
      actor: request.actor,
      type: 'log-export',
      description: `Timeline import (${FORMAT_LABELS[format]}) ${control.importId}`,
      tags: ['timeline-import'],
      linkedEntries: [],
    },
    {
      intakeId: control.importId,
      signal: control.signal,
      onProgress: (intake) =>
        job.progress('taking-in', { bytesDone: intake.bytesDone }),
    },
  ).catch((error: unknown) => {
    if (error instanceof AppFailure && error.kind === 'cancelled') {
      throw cancelled();
    }
    throw error;
  });
  if (!outcome.ok) throw new AppFailure('invalid-input', outcome.message);
  if (outcome.item.hashes.sha256 !== check.sha256) {
    throw new AppFailure(
      'invalid-input',
      `${file.path} changed after it was checked; it is in the evidence ` +
        `log as ${outcome.item.id}, but no events were imported`,
    );
  }
  return outcome.item.id;
}

function entryOf(job: Job, draft: ImportDraft): NewEntry {
  return {
    scope: job.request.incidentId,
    kind: TIMELINE_KINDS.imported,
    actor: job.request.actor,
    payload: draft.payload,
    occurredAt: draft.occurredAt,
    timeSource: 'imported',
    searchText: draft.searchText,
  };
}

function completionEntry(
  job: Job,
  check: CheckResult,
  evidenceId: string,
): NewEntry {
  return {
    scope: job.request.incidentId,
    kind: TIMELINE_KINDS.importCompleted,
    actor: job.request.actor,
    payload: {
      importId: job.control.importId,
      format: job.format,
      name: job.file.name,
      sha256: check.sha256,
      evidenceId,
      imported: check.good,
      rejected: check.rejected,
      problems: check.problems,
      zone: job.zone?.name ?? null,
      skipBadRows: job.request.skipBadRows,
    },
  };
}

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

/**
 * The append pass. It reads the vault copy, which is read-only and hashes
 * to what the check pass accepted, so every row converts as it did then;
 * failures left are the machine's (disk, database). Each batch is one
 * transaction; the last one also holds the `timeline.import-completed`
 * entry, so an import cut short by a crash is recognisable: its entries
 * carry the import id and no completion entry does.
 */
async function appendFile(
  job: Job,
  check: CheckResult,
  evidenceId: string,
): Promise<void> {
  const { db, writer, vault } = job.context;
  const options = conversionOptions(job, check.sha256, evidenceId);
  const chunks = fileChunks(vault.blobPath(check.sha256), () => {});
  let batch: NewEntry[] = [];
  let batchChars = 0;
  let appended = 0;
  const commit = (extra: NewEntry[]) => {
    const entries = appendEntries(db, writer, [...batch, ...extra]);
    appended += batch.length;
    batch = [];
    batchChars = 0;
    job.control.onBatch?.(entries[entries.length - 1]);
    const done = { rowsDone: appended, rowsTotal: check.good };
    job.progress('appending', done, extra.length > 0);
  };
  for await (const row of convertedRows(job, chunks, options)) {
    if (!isDraft(row)) continue;
    batch.push(entryOf(job, row));
    batchChars += row.chars;
    if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) {
      commit([]);
      await nextTurn();
    }
  }
  if (appended + batch.length !== check.good) {
    throw new AppFailure(
      'internal',
      `the vault copy read ${appended + batch.length} good rows where the ` +
        `check found ${check.good}; the import stopped before completing`,
    );
  }
  commit([completionEntry(job, check, evidenceId)]);
}

function report(
  job: Job,
  check: CheckResult,
  outcome: { evidenceId: string | null; fileProblem?: string },
): TimelineImportReport {
  const refused = outcome.evidenceId === null;
  return {
    importId: job.control.importId,
    format: job.format,
    name: job.file.name,
    sha256: check.sha256,
    imported: refused ? 0 : check.good,
    rejected: check.rejected,
    refused,
    fileProblem: outcome.fileProblem ?? null,
    problems: check.problems,
    evidenceId: outcome.evidenceId,
  };
}

async function prepare(
  context: IntakeContext,
  request: ImportRequest,
  control: ImportControl,
): Promise<Job> {
  requireIncident(context.db, request.incidentId);
  const zone = fileZone(request.zone);
  const file = await openImportFile(request.path);
  const format = request.format ?? (await detectFormat(file.path));
  checkZoneApplies(format, zone);
  return {
    context,
    request,
    control,
    file,
    format,
    zone,
    progress: progressReporter(control, request.incidentId, file.size),
  };
}

/**
 * Imports a timeline file into an incident, all or nothing: a check pass
 * reads the whole file first and, if any row is refused and skipping was
 * not accepted, stops there having written nothing. Only then is the file
 * taken in as evidence and its rows appended from the vault copy, a batch
 * per transaction. A problem with the file as a whole (encoding,
 * structure) refuses it whatever was accepted.
 */
export async function importTimeline(
  context: IntakeContext,
  request: ImportRequest,
  control: ImportControl,
): Promise<TimelineImportReport> {
  let job: Job;
  try {
    job = await prepare(context, request, control);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return fileRefusal(request, control, error);
  }

  let check: CheckResult;
  try {
    check = await checkFile(job);
    await checkUnchanged(job.file);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    const empty = { sha256: '', good: 0, rejected: 0, problems: [] };
    return report(job, empty, { evidenceId: null, fileProblem: error.message });
  }
  if (check.rejected > 0 && !request.skipBadRows) {
    return report(job, check, { evidenceId: null });
  }

  const evidenceId = await takeInFile(job, check);
  control.onAppending?.();
  await appendFile(job, check, evidenceId);
  return report(job, check, { evidenceId });
}

/** A file refused before its format was known (detection failed). */
function fileRefusal(
  request: ImportRequest,
  control: ImportControl,
  problem: FileProblem,
): TimelineImportReport {
  return {
    importId: control.importId,
    format: request.format ?? null,
    name: basename(request.path),
    sha256: '',
    imported: 0,
    rejected: 0,
    refused: true,
    fileProblem: problem.message,
    problems: [],
    evidenceId: null,
  };
}
