import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import {
  lstat,
  open,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ulid } from 'ulid';
import type { JsonObject } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import {
  TIMELINE_KINDS,
  type ExportFormat,
  type TimelineExportSummary,
} from '../../shared/timeline-exchange-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { requireIncident } from '../incidents/incident-store';
import {
  ENTRY_COLUMNS,
  entryFromRow,
  type EntryRow,
} from '../journal/entry-rows';
import {
  BOOKKEEPING_COLUMNS,
  CORE_COLUMNS,
  IRIS_COLUMNS,
  PLAIN_COLUMNS,
} from './exchange-columns';
import {
  importedExtras,
  irisCells,
  jsonlLine,
  plainCells,
  timesketchCells,
  timesketchRow,
  type ExportedEntry,
} from './export-rows';
import { guardCell } from './formula-guard';

export type ExportRequest = {
  incidentId: string;
  format: ExportFormat;
  /** A new file, by its absolute path on the machine War Room runs on. */
  outPath: string;
};

const PAGE_ROWS = 2_000;
/** A CSV with more columns than this would be unusable; JSONL has none. */
const MAX_EXTRA_COLUMNS = 5_000;

/** Entries read in recorded order, a page at a time. */
function readPage(
  db: Db,
  incidentId: string,
  after: number,
  last: number,
): (ExportedEntry & { position: number })[] {
  return statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND scope_pos > ? AND scope_pos <= ?
      ORDER BY scope_pos LIMIT ?`,
  )
    .all(incidentId, after, last, PAGE_ROWS)
    .map((row) => ({
      entry: entryFromRow(row),
      targetId: row.target_id,
      position: row.scope_pos,
    }));
}

function lastPosition(db: Db, incidentId: string): number {
  const row = statement<{ last: number | null }>(
    db,
    'SELECT max(scope_pos) AS last FROM journal_entries WHERE scope = ?',
  ).get(incidentId);
  return row?.last ?? 0;
}

/**
 * Every field name imported events carry besides the core ones, sorted:
 * the extra columns of a Timesketch CSV, which needs one header for all.
 */
function extraColumns(db: Db, incidentId: string, last: number): string[] {
  const names = new Set<string>();
  let after = 0;
  for (;;) {
    const rows = statement<{ pos: number; payload: string }>(
      db,
      `SELECT scope_pos AS pos, payload FROM journal_entries
        WHERE scope = ? AND kind = ? AND scope_pos > ? AND scope_pos <= ?
        ORDER BY scope_pos LIMIT ?`,
    ).all(incidentId, TIMELINE_KINDS.imported, after, last, PAGE_ROWS);
    if (rows.length === 0) break;
    for (const row of rows) {
      const { extras } = importedExtras(JSON.parse(row.payload) as JsonObject);
      for (const name of Object.keys(extras)) names.add(name);
    }
    if (names.size > MAX_EXTRA_COLUMNS) {
      throw new AppFailure(
        'invalid-input',
        `the imported events have more than ${MAX_EXTRA_COLUMNS} different ` +
          'fields; export as Timesketch JSONL, which keeps each event’s own',
      );
    }
    after = rows[rows.length - 1].pos;
  }
  return [...names].sort();
}

type Layout = {
  header: string | null;
  line(item: ExportedEntry): string;
};

function csvLine(cells: string[]): string {
  return stringify([cells]);
}

function layoutFor(db: Db, request: ExportRequest, last: number): Layout {
  switch (request.format) {
    case 'timesketch-jsonl':
      return {
        header: null,
        line: (item) => `${jsonlLine(timesketchRow(item))}\n`,
      };
    case 'timesketch-csv': {
      const extras = extraColumns(db, request.incidentId, last);
      return {
        header: csvLine(
          [...CORE_COLUMNS, ...extras, ...BOOKKEEPING_COLUMNS].map(guardCell),
        ),
        line: (item) => csvLine(timesketchCells(timesketchRow(item), extras)),
      };
    }
    case 'iris-csv':
      return {
        header: csvLine([...IRIS_COLUMNS]),
        line: (item) => csvLine(irisCells(timesketchRow(item))),
      };
    case 'csv':
      return {
        header: csvLine([...PLAIN_COLUMNS]),
        line: (item) => csvLine(plainCells(item, timesketchRow(item))),
      };
  }
}

function describeWriteError(path: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppFailure(
      'storage',
      `the disk holding ${path} is full; nothing was written`,
    );
  }
  return new AppFailure(
    'storage',
    `${path} cannot be written (${code}); nothing was written`,
  );
}

/** The output must be a new file in an existing folder. */
async function checkTarget(outPath: string): Promise<void> {
  if (!isAbsolute(outPath)) {
    throw new AppFailure('invalid-input', `${outPath} is not an absolute path`);
  }
  const folder = await stat(dirname(outPath)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AppFailure('not-found', `there is no folder ${dirname(outPath)}`);
  }
  const existing = await lstat(outPath).catch(() => null);
  if (existing) {
    throw new AppFailure(
      'invalid-input',
      `${outPath} already exists; War Room does not overwrite files`,
    );
  }
}

/** Writes through a hash, in chunks of about a mebibyte. */
class HashedWriter {
  readonly hash = createHash('sha256');
  bytes = 0;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(private readonly handle: FileHandle) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    const buffer = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.hash.update(buffer);
    this.bytes += buffer.length;
    await this.handle.write(buffer);
  }
}

async function writeEntries(
  db: Db,
  request: ExportRequest,
  writer: HashedWriter,
): Promise<number> {
  const last = lastPosition(db, request.incidentId);
  const layout = layoutFor(db, request, last);
  if (layout.header !== null) await writer.write(layout.header);
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = readPage(db, request.incidentId, after, last);
    if (page.length === 0) break;
    await writer.write(page.map((item) => layout.line(item)).join(''));
    entries += page.length;
    after = page[page.length - 1].position;
  }
  await writer.flush();
  return entries;
}

/** Makes a rename durable where the platform allows syncing a folder. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY).catch(() => null);
  await handle?.sync().catch(() => {});
  await handle?.close();
}

/**
 * Writes the incident's journal as a timeline file, one row per entry in
 * recorded order, up to the last entry present when the export began. The
 * file is written beside its target under a temporary name, synced, and
 * renamed into place only when complete, so a failed export leaves no
 * file; an existing file is never overwritten.
 */
export async function exportTimeline(
  db: Db,
  request: ExportRequest,
): Promise<TimelineExportSummary> {
  requireIncident(db, request.incidentId);
  await checkTarget(request.outPath);
  const temp = join(
    dirname(request.outPath),
    `.${basename(request.outPath)}.${ulid()}.partial`,
  );
  let handle: FileHandle | null = null;
  try {
    handle = await open(temp, 'wx', 0o644);
    const writer = new HashedWriter(handle);
    const entries = await writeEntries(db, request, writer);
    await handle.sync();
    await handle.close();
    handle = null;
    await checkTarget(request.outPath);
    await rename(temp, request.outPath);
    await syncFolder(dirname(request.outPath));
    return {
      path: request.outPath,
      format: request.format,
      entries,
      bytes: writer.bytes,
      sha256: writer.hash.digest('hex'),
    };
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    if (error instanceof AppFailure) throw error;
    throw describeWriteError(request.outPath, error);
  }
}
