import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { JsonObject } from '../../shared/journal-types';
import type {
  ImportFormat,
  ImportProblem,
} from '../../shared/timeline-exchange-types';
import { EXPORT_MARKER, isWarRoomHeader } from './exchange-columns';
import { unguardCell } from './formula-guard';
import { JsonArrayScanner } from './json-array-scanner';
import { parseJsonLossless } from './lossless-json';
import { FileProblem, Utf8Decoder } from './utf8-text';

/** One row of a file, every field as the file has it. */
export type SourceRecord = {
  /** The line of the file the row starts on. */
  line: number;
  fields: JsonObject;
  /** JSON pointers of numbers kept as text (see lossless-json). */
  numbers: string[];
  /** Characters the row takes in the file. */
  chars: number;
};

export type SourceItem = SourceRecord | ImportProblem;

export function isProblem(item: SourceItem): item is ImportProblem {
  return 'message' in item;
}

/**
 * A row may hold at most this many characters, so memory stays bounded
 * whatever the file; a larger one is refused (in CSV, with the whole file,
 * as the parser cannot find where the next row starts).
 */
export const MAX_ROW_CHARS = 32 * 1024 * 1024;

async function* decodedText(chunks: AsyncIterable<Buffer>) {
  const decoder = new Utf8Decoder();
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Reads a file's rows in its format, streaming. */
export function readSource(
  format: ImportFormat,
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<SourceItem> {
  switch (format) {
    case 'timesketch-csv':
      return readTimesketchCsv(chunks);
    case 'timesketch-jsonl':
      return readJsonLines(chunks);
    case 'admin-audit-json':
    case 'admin-events-json':
      return readJsonArray(chunks);
  }
}

function checkHeader(header: string[]): void {
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') {
      throw new FileProblem(`column ${index + 1} of the header has no name`, 1);
    }
    if (seen.has(name)) {
      throw new FileProblem(
        `the header names ${JSON.stringify(name)} twice`,
        1,
      );
    }
    seen.add(name);
  });
  if (!seen.has('message')) {
    const shownHeader = JSON.stringify(header.slice(0, 5).join(','));
    throw new FileProblem(
      `not a Timesketch CSV: the header (${shownHeader}) has no message ` +
        'column; War Room reads comma-separated files',
      1,
    );
  }
  if (!seen.has('datetime') && !seen.has('timestamp')) {
    throw new FileProblem(
      'not a Timesketch CSV: the header has neither a datetime nor a ' +
        'timestamp column',
      1,
    );
  }
}

/** Turns the parser's own errors into file problems with their line. */
async function* csvRecords(chunks: AsyncIterable<Buffer>) {
  const parser = parse({
    relax_column_count: true,
    // A quote inside an unquoted field (`=HYPERLINK("…")`) is kept as text.
    relax_quotes: true,
    max_record_size: MAX_ROW_CHARS,
  });
  const feeding = pipeline(Readable.from(decodedText(chunks)), parser);
  feeding.catch(() => {});
  try {
    for await (const record of parser) yield record as string[];
    await feeding;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new FileProblem(error.message.replace(/ at line \d+.*$/, ''), line);
    }
    throw error;
  }
}

/**
 * Timesketch CSV. A file War Room wrote (see EXPORT_MARKER) has its
 * formula guards removed, row by row; any other file is read as it is.
 */
async function* readTimesketchCsv(chunks: AsyncIterable<Buffer>) {
  let header: string[] | null = null;
  let ours = false;
  // Lines are counted by line feeds, as grep -n and editors count them
  // (the parser also counts a carriage return inside a quoted field).
  // An empty line comes as one empty field, and is skipped.
  let linesBefore = 0;
  for await (const record of csvRecords(chunks)) {
    const line = 1 + linesBefore;
    linesBefore += 1 + lineFeedsIn(record);
    if (record.length === 1 && record[0] === '') continue;
    if (header === null) {
      ours = isWarRoomHeader(record);
      header = ours ? record.map(unguardCell) : record;
      checkHeader(header);
      continue;
    }
    yield csvRow(header, record, line, ours);
  }
  if (header === null) throw new FileProblem('the file is empty');
}

function lineFeedsIn(record: string[]): number {
  let count = 0;
  for (const cell of record) {
    for (
      let at = cell.indexOf('\n');
      at !== -1;
      at = cell.indexOf('\n', at + 1)
    ) {
      count += 1;
    }
  }
  return count;
}

function csvRow(
  header: string[],
  record: string[],
  line: number,
  ours: boolean,
): SourceItem {
  if (record.length !== header.length) {
    return {
      line,
      message:
        `the row has ${record.length} field(s) where the header has ` +
        `${header.length}`,
    };
  }
  const unguard = ours && record[record.length - 1] === EXPORT_MARKER;
  // No prototype: a column may be called `__proto__`.
  const fields = Object.create(null) as JsonObject;
  let chars = 0;
  for (let index = 0; index < header.length; index += 1) {
    const cell = record[index];
    fields[header[index]] = unguard ? unguardCell(cell) : cell;
    chars += cell.length;
  }
  return { line, fields, numbers: [], chars };
}

function jsonObjectRow(text: string, line: number, what: string): SourceItem {
  let parsed;
  try {
    parsed = parseJsonLossless(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { line, message: `${what} is not valid JSON: ${reason}` };
  }
  const { value, numbers } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, message: `${what} is not a JSON object` };
  }
  return { line, fields: value, numbers, chars: text.length };
}

/** Timesketch JSONL: one object per line; blank lines are skipped. */
async function* readJsonLines(chunks: AsyncIterable<Buffer>) {
  let partial: string[] = [];
  let partialChars = 0;
  let line = 1;
  const finish = (): SourceItem | null => {
    const text = partial.join('');
    const tooLong = partialChars > MAX_ROW_CHARS;
    partial = [];
    partialChars = 0;
    if (tooLong) {
      return {
        line,
        message: `the line is longer than ${MAX_ROW_CHARS} characters`,
      };
    }
    return text.trim() === '' ? null : jsonObjectRow(text, line, 'the line');
  };
  for await (const text of decodedText(chunks)) {
    let start = 0;
    for (
      let end = text.indexOf('\n');
      end !== -1;
      end = text.indexOf('\n', start)
    ) {
      append(text.slice(start, end));
      const item = finish();
      if (item) yield item;
      line += 1;
      start = end + 1;
    }
    append(text.slice(start));
  }
  const last = finish();
  if (last) yield last;

  function append(piece: string) {
    partialChars += piece.length;
    if (partialChars <= MAX_ROW_CHARS) partial.push(piece);
  }
}

/** The admin API's JSON: an array of rows, or `{"logs": [rows]}`. */
async function* readJsonArray(chunks: AsyncIterable<Buffer>) {
  const scanner = new JsonArrayScanner(MAX_ROW_CHARS);
  for await (const text of decodedText(chunks)) {
    for (const element of scanner.push(text)) {
      yield 'problem' in element
        ? { line: element.line, message: element.problem }
        : jsonObjectRow(element.text, element.line, 'the row');
    }
  }
  scanner.end();
}
