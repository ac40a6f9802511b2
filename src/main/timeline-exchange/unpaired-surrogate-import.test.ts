import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useExchangeKit } from './exchange-test-kit';

const kit = useExchangeKit();

function vaultFiles(): string[] {
  try {
    return readdirSync(join(kit.warRoom.dataDir, 'vault', 'sha256'), {
      recursive: true,
    }).map(String);
  } catch {
    return [];
  }
}

const ROWS = [
  '{"message":"fine","datetime":"2025-01-20T10:14:00Z","timestamp_desc":"x"}',
  '{"message":"half \\ud800","datetime":"2025-01-20T10:15:00Z","timestamp_desc":"x"}',
  '',
].join('\n');

describe('a JSON row holding an escaped unpaired surrogate', () => {
  it('is refused by the check pass, by line, with nothing written', async () => {
    const incidentId = await kit.createIncident();
    const before = kit.entries(incidentId).length;
    const report = await kit.importFile(
      incidentId,
      kit.write('rows.jsonl', ROWS),
    );
    expect(report).toMatchObject({ refused: true, imported: 0, rejected: 1 });
    expect(report.problems).toEqual([
      {
        line: 2,
        message:
          'field message holds an unpaired surrogate, which is not valid Unicode',
      },
    ]);
    expect(kit.entries(incidentId)).toHaveLength(before);
    expect(vaultFiles()).toEqual([]);
  });

  it('is skipped, the other rows imported, when skipping is accepted', async () => {
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(
      incidentId,
      kit.write('rows.jsonl', ROWS),
      { skipBadRows: true },
    );
    expect(report).toMatchObject({ refused: false, imported: 1, rejected: 1 });
    expect(kit.entries(incidentId, 'timeline.imported')).toHaveLength(1);
  });

  it('is shown as U+FFFD when a problem quotes half an emoji', async () => {
    const incidentId = await kit.createIncident();
    // JSON.parse names the unexpected token by one UTF-16 unit: half of 🙂.
    const rows = [
      '{"message":"ok","datetime":"2025-01-20T10:14:00Z"}',
      '🙂 not json',
      '',
    ].join('\n');
    const report = await kit.importFile(
      incidentId,
      kit.write('rows.jsonl', rows),
      { skipBadRows: true },
    );
    expect(report).toMatchObject({ refused: false, imported: 1, rejected: 1 });
    expect(report.problems[0].message).toContain("token '\uFFFD'");
    expect(kit.entries(incidentId, 'timeline.import-completed')).toHaveLength(
      1,
    );
  });
});
