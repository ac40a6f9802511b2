import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { EvidenceItem } from '../../shared/evidence-types';
import type { Incident } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import type {
  ExportFormat,
  TimelineExportSummary,
  TimelineImportReport,
} from '../../shared/timeline-exchange-types';
import { statement } from '../db/statement-cache';
import {
  ENTRY_COLUMNS,
  entryFromRow,
  type EntryRow,
} from '../journal/entry-rows';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

/** Test support: a War Room and a folder of files to import and export. */
export type ExchangeKit = {
  warRoom: WarRoom;
  clock: ReturnType<typeof openTestWarRoom>['clock'];
  /** Where test files are written. */
  files: string;
  createIncident(title?: string): Promise<string>;
  /** Writes a file under `files` and returns its path. */
  write(name: string, content: string | Buffer): string;
  importFile(
    incidentId: string,
    path: string,
    options?: Record<string, unknown>,
  ): Promise<TimelineImportReport>;
  /** Invokes the import and returns the failure it must end in. */
  importFailure(
    incidentId: string,
    path: string,
    options?: Record<string, unknown>,
  ): Promise<{ kind: string; message: string }>;
  exportFile(
    incidentId: string,
    format: ExportFormat,
    name?: string,
  ): Promise<{ summary: TimelineExportSummary; text: string }>;
  entries(incidentId: string, kind?: string): JournalEntry[];
  evidence(incidentId: string): Promise<EvidenceItem[]>;
};

export const sha256Of = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('hex');

/** A fresh War Room and folder per test; the kit is refilled each time. */
export function useExchangeKit(): ExchangeKit {
  let remove = () => {};
  let exports = 0;
  const kit = { files: '' } as ExchangeKit;

  beforeEach(() => {
    const temp = makeTempDir('war-room-exchange-');
    remove = temp.remove;
    kit.files = join(temp.path, 'files');
    mkdirSync(kit.files);
    ({ warRoom: kit.warRoom, clock: kit.clock } = openTestWarRoom(
      join(temp.path, 'data'),
    ));
  });
  afterEach(() => {
    kit.warRoom.close();
    remove();
  });

  kit.createIncident = async (
    title = 'Credential stuffing on the admin portal',
  ) =>
    (
      await invokeOk<Incident>(kit.warRoom, 'incident:create', {
        title,
        severity: 'high',
        category: 'authentication-access-control',
      })
    ).id;
  kit.write = (name, content) => {
    const path = join(kit.files, name);
    writeFileSync(path, content);
    return path;
  };
  kit.importFile = (incidentId, path, options = {}) =>
    invokeOk<TimelineImportReport>(kit.warRoom, 'timeline:import', {
      incidentId,
      path,
      ...options,
    });
  kit.importFailure = async (incidentId, path, options = {}) => {
    const result = await kit.warRoom.invoke(
      'timeline:import',
      { incidentId, path, ...options },
      testContext,
    );
    if (result.ok) throw new Error('the import was expected to fail');
    return result.error;
  };
  kit.exportFile = async (incidentId, format, name) => {
    exports += 1;
    const outPath = join(kit.files, name ?? `export-${exports}.${format}`);
    const summary = await invokeOk<TimelineExportSummary>(
      kit.warRoom,
      'timeline:export',
      { incidentId, format, outPath },
    );
    return { summary, text: readFileSync(outPath, 'utf8') };
  };
  kit.entries = (incidentId, kind) =>
    statement<EntryRow>(
      kit.warRoom.db,
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries
        WHERE scope = ? AND (? IS NULL OR kind = ?) ORDER BY scope_pos`,
    )
      .all(incidentId, kind ?? null, kind ?? null)
      .map(entryFromRow);
  kit.evidence = (incidentId) =>
    invokeOk<EvidenceItem[]>(kit.warRoom, 'evidence:list', { incidentId });
  return kit;
}

/** The response body of one of the contract's examples, by its name. */
export function exampleBody(file: string, name: string): unknown {
  const path = join(
    import.meta.dirname,
    '../../../tests/admin-sim/examples',
    file,
  );
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
    examples: { name: string; response: { body: unknown } }[];
  };
  const example = document.examples.find(
    (candidate) => candidate.name === name,
  );
  if (!example) throw new Error(`no example ${name} in ${file}`);
  return example.response.body;
}
