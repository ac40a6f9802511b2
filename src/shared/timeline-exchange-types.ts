import type { JsonObject, JsonValue } from './journal-types';

/**
 * Timelines leave War Room as Timesketch CSV or JSONL, DFIR-IRIS timeline
 * CSV or a plain CSV of the journal, and come in from Timesketch files and
 * the admin API's exported JSON (the plan's `incident_logs.json` and
 * `failed_logins.json`).
 */
export const EXPORT_FORMATS = [
  'timesketch-csv',
  'timesketch-jsonl',
  'iris-csv',
  'csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const IMPORT_FORMATS = [
  'timesketch-csv',
  'timesketch-jsonl',
  'admin-audit-json',
  'admin-events-json',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat | ImportFormat, string> = {
  'timesketch-csv': 'Timesketch CSV',
  'timesketch-jsonl': 'Timesketch JSONL',
  'iris-csv': 'DFIR-IRIS timeline CSV',
  csv: 'plain CSV',
  'admin-audit-json': 'admin API audit logs (JSON)',
  'admin-events-json': 'admin API security events (JSON)',
};

/** Journal entry kinds written by timeline exchange. */
export const TIMELINE_KINDS = {
  /** One event of an imported file, at its own time. */
  imported: 'timeline.imported',
  /** Closes an import: the file, its counts and the rows it refused. */
  importCompleted: 'timeline.import-completed',
  exported: 'timeline.exported',
} as const;

/** A refused row, by the line of the file it starts on. */
export type ImportProblem = { line: number; message: string };

/** Reports and the journal keep the first problems; the count is exact. */
export const MAX_LISTED_PROBLEMS = 100;

export type TimelineImportReport = {
  importId: string;
  /** Null when the file was refused before its format could be told. */
  format: ImportFormat | null;
  /** The file's name, without its folder. */
  name: string;
  sha256: string;
  imported: number;
  rejected: number;
  /**
   * True when nothing was written, not even the evidence item: rows were
   * refused and skipping them was not accepted, or the file as a whole
   * could not be read (`fileProblem`).
   */
  refused: boolean;
  /** What makes the whole file unreadable (encoding, structure). */
  fileProblem: string | null;
  /** The first refused rows, in file order. */
  problems: ImportProblem[];
  /** The evidence item holding the file; null when refused. */
  evidenceId: string | null;
};

export type TimelineExportSummary = {
  path: string;
  format: ExportFormat;
  /** Journal entries written, one row each. */
  entries: number;
  bytes: number;
  sha256: string;
};

export type ImportPhase = 'checking' | 'taking-in' | 'appending';

export type TimelineImportProgress = {
  importId: string;
  incidentId: string;
  phase: ImportPhase;
  bytesDone: number;
  bytesTotal: number;
  rowsDone: number;
  /** Known once the file has been checked. */
  rowsTotal: number | null;
};

function textOf(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function objectOf(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? value
    : {};
}

function countOf(payload: JsonObject, key: string): string {
  const value = payload[key];
  return (typeof value === 'number' ? value : 0).toLocaleString('en-US');
}

function formatLabel(value: string): string {
  return Object.hasOwn(FORMAT_LABELS, value)
    ? FORMAT_LABELS[value as ImportFormat]
    : value;
}

/** Wording for timeline-exchange entries; null for other kinds. */
export function describeTimelineEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  switch (kind) {
    case TIMELINE_KINDS.imported:
      return (
        textOf(payload, 'message') ||
        textOf(objectOf(payload.fields), 'message') ||
        'Imported event without a message'
      );
    case TIMELINE_KINDS.importCompleted: {
      const rejected = payload.rejected;
      const refusedRows =
        typeof rejected === 'number' && rejected > 0
          ? `, ${countOf(payload, 'rejected')} row(s) rejected`
          : '';
      return (
        `Timeline imported from ${textOf(payload, 'name')} ` +
        `(${formatLabel(textOf(payload, 'format'))}): ` +
        `${countOf(payload, 'imported')} event(s)${refusedRows}; ` +
        `SHA-256 ${textOf(payload, 'sha256').slice(0, 12)}…`
      );
    }
    case TIMELINE_KINDS.exported:
      return (
        `Timeline exported as ${formatLabel(textOf(payload, 'format'))} ` +
        `to ${textOf(payload, 'path')}: ${countOf(payload, 'entries')} ` +
        `entries, SHA-256 ${textOf(payload, 'sha256').slice(0, 12)}…`
      );
    default:
      return null;
  }
}
