import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { ImportFormat } from '../../shared/timeline-exchange-types';
import { IRIS_COLUMNS } from './exchange-columns';
import { JsonArrayScanner } from './json-array-scanner';
import { FileProblem, Utf8Decoder } from './utf8-text';

/** Detection reads at most this much of the file's start. */
const HEAD_BYTES = 1024 * 1024;

async function readHead(
  path: string,
): Promise<{ head: Buffer; whole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return {
      head: buffer.subarray(0, bytesRead),
      whole: bytesRead < HEAD_BYTES,
    };
  } finally {
    await handle.close();
  }
}

function headText(head: Buffer, whole: boolean): string {
  const decoder = new Utf8Decoder();
  const text = decoder.decode(head);
  return whole ? text + decoder.end() : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Audit-log rows have `action` (CONTRACT §4.4); security events have
 * `event_type` (§4.1.2). An empty array holds no rows, so either reading
 * imports nothing; it is taken as audit logs.
 */
function detectJsonArray(text: string): ImportFormat {
  const scanner = new JsonArrayScanner(HEAD_BYTES);
  const [first] = scanner.push(text);
  if (first === undefined || 'problem' in first) return 'admin-audit-json';
  let row: unknown;
  try {
    row = JSON.parse(first.text);
  } catch {
    throw new FileProblem('the first row is not valid JSON', first.line);
  }
  if (isObject(row) && 'action' in row) return 'admin-audit-json';
  if (isObject(row) && 'event_type' in row) return 'admin-events-json';
  throw new FileProblem(
    'a JSON array, but its first row is neither an audit-log row (with ' +
      'action) nor a security event (with event_type)',
    first.line,
  );
}

/**
 * A first line that is a whole JSON object is JSONL, unless it holds the
 * audit route's `logs` array; an object spread over lines (or a first
 * line longer than the head) is the audit route's if it starts with
 * `"logs"`, else JSONL, whose bad lines are then reported one by one.
 */
function detectJsonObject(text: string, whole: boolean): ImportFormat {
  const newline = text.indexOf('\n');
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  if (newline !== -1 || whole) {
    try {
      const parsed: unknown = JSON.parse(firstLine);
      return isObject(parsed) && Array.isArray(parsed.logs)
        ? 'admin-audit-json'
        : 'timesketch-jsonl';
    } catch {
      // Not one object per line; decided by how it starts.
    }
  }
  return /^\{\s*"logs"\s*:/.test(text)
    ? 'admin-audit-json'
    : 'timesketch-jsonl';
}

function detectCsv(text: string): ImportFormat {
  let records: string[][];
  try {
    records = parse(text, { to: 1, relax_column_count: true }) as string[][];
  } catch {
    throw new FileProblem('the first line is neither JSON nor a CSV header', 1);
  }
  const names = new Set(records[0] ?? []);
  if (
    names.has('message') &&
    (names.has('datetime') || names.has('timestamp'))
  ) {
    return 'timesketch-csv';
  }
  if (IRIS_COLUMNS.every((name) => names.has(name))) {
    throw new FileProblem(
      'a DFIR-IRIS timeline CSV: War Room writes that format but imports ' +
        "Timesketch CSV and JSONL and the admin API's JSON",
      1,
    );
  }
  throw new FileProblem(
    'not a format War Room imports: a CSV needs message and datetime (or ' +
      'timestamp) columns, as Timesketch CSV has',
    1,
  );
}

/**
 * Tells the formats apart by their start: `[` is the admin API's array, a
 * `{` line that is a whole object is JSONL (unless it holds `logs`), and
 * anything else must be a Timesketch CSV header.
 */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const { head, whole } = await readHead(path);
  const text = headText(head, whole);
  const start = text.trimStart();
  if (start === '') throw new FileProblem('the file is empty');
  if (start.startsWith('[')) return detectJsonArray(start);
  if (start.startsWith('{')) return detectJsonObject(start, whole);
  return detectCsv(text);
}
