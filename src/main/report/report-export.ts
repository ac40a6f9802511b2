import { createHash } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { AppFailure } from '../../shared/result';
import type {
  ReportExportFormat,
  ReportExportSummary,
  ReportFormat,
} from '../../shared/review-types';
import type { Db } from '../db/open-database';
import { readReportData } from './report-data';
import { buildReport } from './report-document';
import { renderHtml } from './report-html';
import { renderMarkdown } from './report-markdown';

/** Prints a report's HTML to PDF; only the desktop app has a printer. */
export type PrintPdf = (html: string) => Promise<Uint8Array>;

/** The incident's report as Markdown or a self-contained HTML page. */
export function renderReport(
  db: Db,
  incidentId: string,
  format: ReportFormat,
  generatedAt: string,
): string {
  const document = buildReport(readReportData(db, incidentId, generatedAt));
  return format === 'md' ? renderMarkdown(document) : renderHtml(document);
}

async function checkTarget(outPath: string): Promise<void> {
  if (!isAbsolute(outPath)) {
    throw new AppFailure('invalid-input', `${outPath} is not an absolute path`);
  }
  const folder = await stat(dirname(outPath)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new AppFailure('not-found', `there is no folder ${dirname(outPath)}`);
  }
}

function writeFailure(outPath: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === 'EEXIST') {
    return new AppFailure(
      'invalid-input',
      `${outPath} already exists; War Room does not overwrite files`,
    );
  }
  return new AppFailure(
    'storage',
    `${outPath} cannot be written (${code}); nothing was written`,
  );
}

/**
 * Writes a new file, never replacing one (`wx`), and returns its hash so
 * the journal can record exactly which report was handed out.
 */
export async function writeNewFile(
  outPath: string,
  content: string | Uint8Array,
): Promise<{ bytes: number; sha256: string }> {
  await checkTarget(outPath);
  const bytes =
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  try {
    await writeFile(outPath, bytes, { flag: 'wx' });
  } catch (error) {
    throw writeFailure(outPath, error);
  }
  return {
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function reportContent(
  db: Db,
  request: { incidentId: string; format: ReportExportFormat },
  generatedAt: string,
  printPdf: PrintPdf | null,
): Promise<string | Uint8Array> {
  if (request.format !== 'pdf') {
    return renderReport(db, request.incidentId, request.format, generatedAt);
  }
  if (!printPdf) {
    throw new AppFailure(
      'unavailable',
      'PDF is printed by the desktop app; here, write the HTML report ' +
        'and print it from a browser',
    );
  }
  return printPdf(renderReport(db, request.incidentId, 'html', generatedAt));
}

/**
 * Writes the report to a new file. PDF needs `printPdf` (the desktop app's
 * printer); without one it is refused as `unavailable` and nothing is
 * written.
 */
export async function exportReport(
  db: Db,
  request: {
    incidentId: string;
    format: ReportExportFormat;
    outPath: string;
  },
  generatedAt: string,
  printPdf: PrintPdf | null = null,
): Promise<ReportExportSummary> {
  await checkTarget(request.outPath);
  const content = await reportContent(db, request, generatedAt, printPdf);
  const written = await writeNewFile(request.outPath, content);
  return { path: request.outPath, format: request.format, ...written };
}
