import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc-contract';
import { manualClock } from '../clock';
import { createLogger } from '../logger';
import { seedIncident } from '../review/review-test-kit';
import {
  invokeOk,
  makeTempDir,
  TEST_START_MICROS,
  testContext,
} from '../test-support/temp-war-room';
import { openWarRoom, type WarRoom } from '../war-room';

let warRoom: WarRoom;
afterEach(() => warRoom.close());

const PDF_BYTES = Buffer.from('%PDF-1.7\n% printed by a test\n');

function exportEntries(): { payload: string }[] {
  return warRoom.db
    .prepare(
      "SELECT payload FROM journal_entries WHERE kind = 'report.exported'",
    )
    .all() as { payload: string }[];
}

function open(printPdf?: (html: string) => Promise<Uint8Array>) {
  warRoom = openWarRoom({
    dataDir: makeTempDir().path,
    clock: manualClock(TEST_START_MICROS),
    logger: createLogger(),
    printPdf,
  });
}

it('prints the HTML report to a new PDF file and journals its hash', async () => {
  const printed: string[] = [];
  open(async (html) => {
    printed.push(html);
    return PDF_BYTES;
  });
  const { id } = await seedIncident(warRoom, { title: 'Printed incident' });
  const outPath = join(makeTempDir().path, 'report.pdf');

  const info = await invokeOk<AppInfo>(warRoom, 'app:info', {});
  const summary = await invokeOk<{ sha256: string; bytes: number }>(
    warRoom,
    'report:export',
    { incidentId: id, format: 'pdf', outPath },
  );

  expect(info.printsPdf).toBe(true);
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(/^<!doctype html>/i);
  expect(printed[0]).toContain('Printed incident');
  expect(readFileSync(outPath)).toEqual(PDF_BYTES);
  expect(summary.bytes).toBe(PDF_BYTES.length);
  const [entry] = exportEntries();
  expect(JSON.parse(entry.payload)).toMatchObject({
    format: 'pdf',
    sha256: summary.sha256,
  });
});

it('refuses PDF without the desktop printer and writes nothing', async () => {
  open();
  const { id } = await seedIncident(warRoom);
  const outPath = join(makeTempDir().path, 'report.pdf');

  const info = await invokeOk<AppInfo>(warRoom, 'app:info', {});
  const result = await warRoom.invoke(
    'report:export',
    { incidentId: id, format: 'pdf', outPath },
    testContext,
  );

  expect(info.printsPdf).toBe(false);
  expect(result).toMatchObject({
    ok: false,
    error: {
      kind: 'unavailable',
      message: expect.stringContaining('desktop app'),
    },
  });
  expect(existsSync(outPath)).toBe(false);
  expect(exportEntries()).toEqual([]);
});

it('writes nothing when the printer fails', async () => {
  open(() => Promise.reject(new Error('printer gone')));
  const { id } = await seedIncident(warRoom);
  const outPath = join(makeTempDir().path, 'report.pdf');

  const result = await warRoom.invoke(
    'report:export',
    { incidentId: id, format: 'pdf', outPath },
    testContext,
  );

  expect(result.ok).toBe(false);
  expect(existsSync(outPath)).toBe(false);
  expect(exportEntries()).toEqual([]);
});
