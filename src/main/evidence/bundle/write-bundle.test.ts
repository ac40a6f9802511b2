import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { openPromise } from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../../shared/evidence-types';
import type { BundleSummary, Incident } from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';
import { canonicalJson, computeEntryHash } from '../../journal/entry-hash';
import { readCustody } from '../evidence-store';
import { openVault } from '../evidence-vault';
import { dropAppendOnlyGuards } from '../../test-support/tamper';
import { invokeOk, testContext } from '../../test-support/temp-war-room';
import {
  exportBundle,
  listTree,
  openIncidentWithEvidence,
  PASTED_TEXT,
  REPORT_BYTES,
  runPython,
  sha256Of,
  SOURCE_FILES,
  type IncidentWithEvidence,
} from './bundle-fixture';
import { parseTagFile } from './bag-text';
import { bundleCheckLine, verifyBundle } from './verify-bundle';

let fixture: IncidentWithEvidence;

beforeEach(async () => {
  fixture = await openIncidentWithEvidence();
});

afterEach(() => {
  fixture.warRoom.close();
  rmSync(fixture.root, { recursive: true, force: true });
});

const bagPath = (...parts: string[]) => join(fixture.root, 'bag', ...parts);

function exportTo(outDir: string, extra: Record<string, unknown> = {}) {
  return exportBundle(fixture.warRoom, fixture.incident.id, outDir, extra);
}

function tryExport(outDir: string, extra: Record<string, unknown> = {}) {
  return fixture.warRoom.invoke(
    'evidence:export-bundle',
    { incidentId: fixture.incident.id, outDir, ...extra },
    testContext,
  ) as Promise<Result<BundleSummary>>;
}

type IndexItem = {
  id: string;
  name: string;
  bagPath: string;
  sha256: string;
  size: number;
  originalPath: string;
  entryId: string;
  source: string;
  linkTarget: string | null;
};

function readIndex(): { evidence: IndexItem[]; chainHeads: unknown[] } {
  return JSON.parse(readFileSync(bagPath('data', 'incident.json'), 'utf8'));
}

function journalRows(scope: string) {
  return fixture.warRoom.db
    .prepare(
      'SELECT id, kind FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
    )
    .all(scope) as { id: string; kind: string }[];
}

/** The evidence files' names after their `NNN-` prefix. */
const EVIDENCE_NAMES = [
  'auth.log',
  'auth.log',
  'CON.txt',
  `${'long-name-'.repeat(8)}.txt`,
  'report_final_copy.pdf',
  'report_final.pdf',
  'trailing_dot',
  'Uberprufung_draft.log',
  'evidence.txt',
  'pasted_output.txt',
];

describe('writing an evidence bundle', () => {
  it('writes the bag: declaration, info, payload, manifests, README, verifier', async () => {
    const summary = await exportTo(bagPath());

    const tree = listTree(bagPath());
    expect(tree.filter((path) => !path.startsWith('data/evidence/'))).toEqual([
      'README.txt',
      'bag-info.txt',
      'bagit.txt',
      'data/custody.jsonl',
      'data/incident.json',
      'data/journal.jsonl',
      'manifest-sha256.txt',
      'tagmanifest-sha256.txt',
      'verify_bundle.py',
    ]);
    const evidence = tree.filter((path) => path.startsWith('data/evidence/'));
    expect(evidence.map((path) => path.slice(14, 18)).sort()).toEqual(
      Array.from(
        { length: 10 },
        (_, index) => `${String(index + 1).padStart(3, '0')}-`,
      ),
    );
    expect(evidence.map((path) => path.slice(18)).sort()).toEqual(
      [...EVIDENCE_NAMES].sort(),
    );
    expect(readFileSync(bagPath('bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    const payload = tree.filter((path) => path.startsWith('data/'));
    const bytes = payload.reduce(
      (sum, path) => sum + readFileSync(bagPath(path)).length,
      0,
    );
    expect(summary).toEqual({
      dir: bagPath(),
      evidenceFiles: 10,
      payloadBytes: bytes,
      payloadFiles: 13,
      zipPath: null,
      tagManifestSha256: createHash('sha256')
        .update(readFileSync(bagPath('tagmanifest-sha256.txt')))
        .digest('hex'),
    });
  });

  it('copies each item byte for byte under its portable name, duplicates twice', async () => {
    await exportTo(bagPath());

    const index = readIndex().evidence;
    expect(index).toHaveLength(10);
    for (const item of index) {
      const content = readFileSync(bagPath(item.bagPath));
      expect(sha256Of(content)).toBe(item.sha256);
      expect(content.length).toBe(item.size);
      const source = Object.entries(SOURCE_FILES).find(([path]) =>
        item.originalPath.endsWith(path),
      );
      expect(content).toEqual(source?.[1] ?? Buffer.from(PASTED_TEXT));
    }
    const reports = index.filter((item) => item.name.startsWith('report'));
    expect(reports.map((item) => item.bagPath.slice(18)).sort()).toEqual([
      'report_final.pdf',
      'report_final_copy.pdf',
    ]);
    expect(new Set(reports.map((item) => item.sha256))).toEqual(
      new Set([sha256Of(REPORT_BYTES)]),
    );
  });

  it('states the organisation, contact, payload and chain heads in bag-info.txt', async () => {
    const heads = fixture.warRoom.db
      .prepare(
        `SELECT device_id || ' ' || length || ' ' || head_hash AS line
           FROM journal_chain_heads WHERE scope = ?`,
      )
      .all(fixture.incident.id) as { line: string }[];
    const summary = await exportTo(bagPath());

    const info = parseTagFile(
      readFileSync(bagPath('bag-info.txt'), 'utf8'),
      '',
    );
    const one = (label: string) => info.get(label)?.[0];
    expect(one('Source-Organization')).toBe('Example Platform Ltd');
    expect(one('Contact-Name')).toBe('Ana Lima');
    expect(one('Contact-Email')).toBe('ana@example.org');
    expect(one('Contact-Phone')).toBe('+351 21 000 0000');
    expect(one('External-Identifier')).toBe(fixture.incident.id);
    expect(one('Incident-Title')).toBe('Admin logins from TOR');
    expect(one('Payload-Oxum')).toBe(`${summary.payloadBytes}.13`);
    expect(one('Bagging-Date')).toBe('2026-12-03');
    expect(heads).toHaveLength(2);
    expect(info.get('War-Room-Chain-Head')?.sort()).toEqual(
      heads.map((head) => head.line).sort(),
    );
  });

  it('writes every journal entry of every device as its hash input plus hash', async () => {
    // The export itself is journaled afterwards, and is not in the bag.
    const rows = journalRows(fixture.incident.id);
    await exportTo(bagPath());
    expect(journalRows(fixture.incident.id).at(-1)?.kind).toBe(
      'evidence.bundle-exported',
    );

    const text = readFileSync(bagPath('data', 'journal.jsonl'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(
      rows.map((row) => row.id),
    );
    const devices = new Set<string>();
    for (const line of lines) {
      const { version, hash, ...fields } = JSON.parse(line);
      expect(Object.keys({ version, ...fields, hash }).sort()).toEqual([
        'actor',
        'chainSeq',
        'deviceId',
        'hash',
        'id',
        'kind',
        'occurredAt',
        'occurredOffset',
        'payload',
        'prevHash',
        'recordedAt',
        'scope',
        'timeSource',
        'version',
      ]);
      expect(version).toBe(1);
      expect(computeEntryHash(fields)).toBe(hash);
      expect(canonicalJson(JSON.parse(line))).toBe(line);
      devices.add(fields.deviceId);
    }
    expect(devices).toEqual(
      new Set([fixture.warRoom.deviceId, fixture.otherDevice]),
    );
  });

  it('writes one custody line per event, naming each item file and its hashes', async () => {
    await exportTo(bagPath());

    const index = readIndex().evidence;
    const lines = readFileSync(bagPath('data', 'custody.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = fixture.items.flatMap((item) =>
      readCustody(fixture.warRoom.db, item.id),
    );
    expect(lines.map((line) => line.entryId).sort()).toEqual(
      events.map((event) => event.entryId).sort(),
    );
    const transfer = lines.find((line) => line.action === 'transferred');
    const transferred = index.find((item) => item.id === transfer.evidenceId);
    expect(transfer).toMatchObject({
      evidenceId: fixture.items[0].id,
      bagPath: transferred?.bagPath,
      sha256: fixture.items[0].hashes.sha256,
      md5: fixture.items[0].hashes.md5,
      recipient: { name: 'Ben Okafor', role: '', contact: 'ben@example.org' },
      location: 'Lisbon office',
    });
  });

  it('passes sha256sum -c on both manifests', async () => {
    await exportTo(bagPath());

    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const run = spawnSync('sha256sum', ['--strict', '-c', manifest], {
        cwd: bagPath(),
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const checked = run.stdout.trimEnd().split('\n');
      expect(checked.every((line) => line.endsWith(': OK'))).toBe(true);
      expect(checked).toHaveLength(manifest.startsWith('tag') ? 5 : 13);
    }
  });

  it('writes the same tree to DIR.zip under a folder named like DIR', async () => {
    const summary = await exportTo(bagPath(), { zip: true });
    expect(summary.zipPath).toBe(`${bagPath()}.zip`);

    const zip = await openPromise(`${bagPath()}.zip`);
    const files = new Map<string, string>();
    const folders: string[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) {
        folders.push(entry.fileName);
        continue;
      }
      const content = await buffer(await zip.openReadStreamPromise(entry));
      files.set(entry.fileName, sha256Of(content));
    }
    zip.close();
    expect(folders.sort()).toEqual(['bag/', 'bag/data/', 'bag/data/evidence/']);
    const tree = listTree(bagPath());
    expect([...files.keys()].sort()).toEqual(tree.map((path) => `bag/${path}`));
    for (const path of tree) {
      expect(files.get(`bag/${path}`)).toBe(
        sha256Of(readFileSync(bagPath(path))),
      );
    }
  });

  it('records in the index the integrity the export itself established', async () => {
    const stored = fixture.items.map((item) => item.integrity);
    await exportTo(bagPath());

    const document = JSON.parse(
      readFileSync(bagPath('data', 'incident.json'), 'utf8'),
    );
    expect(stored.every((state) => state === 'unverified')).toBe(true);
    expect(document.baggedAt).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]{15}Z$/);
    for (const item of document.evidence) {
      expect(item).toMatchObject({
        integrity: 'intact',
        integrityCheckedAt: document.baggedAt,
      });
    }
  });

  it('counts and explains what the README describes', async () => {
    await exportTo(bagPath());

    const readme = readFileSync(bagPath('README.txt'), 'utf8');
    expect(readme).toContain(
      '  data/evidence/          10 evidence files, byte for byte as ' +
        'collected\n',
    );
    expect(readme).toContain('The journal holds 14 entries. Each device');
    expect(readme).toMatch(/"integrity" in data\/incident\.json records:/);
    expect(readme).toMatch(
      /item's file holds the path the link pointed to[^]*"source": "symlink"[^]*"linkTarget"/,
    );
    expect(readme).not.toMatch(/\(s\)|\{\{/);
  });

  it('writes a symbolic link as its target path, which both verifiers pass', async () => {
    const folder = join(fixture.root, 'links');
    mkdirSync(folder);
    symlinkSync('/var/log/secure.1', join(folder, 'secure'));
    const [outcome] = await invokeOk<IntakeOutcome[]>(
      fixture.warRoom,
      'evidence:add-paths',
      { incidentId: fixture.incident.id, paths: [folder], type: 'log-export' },
    );
    await exportTo(bagPath());

    const link = readIndex().evidence.find((item) => item.name === 'secure');
    expect(outcome.ok && outcome.item.source).toBe('symlink');
    expect(link).toMatchObject({
      source: 'symlink',
      linkTarget: '/var/log/secure.1',
    });
    expect(readFileSync(bagPath(link!.bagPath), 'utf8')).toBe(
      '/var/log/secure.1',
    );
    const own = bundleCheckLine(await verifyBundle(bagPath()));
    expect(own).toMatch(/^OK: 14 payload files .* 11 evidence files, 12 /);
    const python = runPython([bagPath('verify_bundle.py'), bagPath()]);
    expect(python.stdout).toBe(`${own}\n`);
  });

  it('writes a bag that verifies for an incident with no evidence', async () => {
    const quiet = await invokeOk<Incident>(fixture.warRoom, 'incident:create', {
      title: 'Nothing collected yet',
      severity: 'low',
      category: 'network-security',
    });
    const summary = await exportBundle(fixture.warRoom, quiet.id, bagPath());

    expect(summary.evidenceFiles).toBe(0);
    expect(readdirSync(bagPath('data', 'evidence'))).toEqual([]);
    const check = await verifyBundle(bagPath());
    expect(bundleCheckLine(check)).toMatch(
      /^OK: 3 payload files \(\d+ bytes\), 0 evidence files, 0 custody events, 1 chain and 1 journal entry verified$/,
    );
    const python = runPython([bagPath('verify_bundle.py'), bagPath()]);
    expect(python.stdout).toBe(`${bundleCheckLine(check)}\n`);
  });

  it('uses an empty folder as the bag', async () => {
    mkdirSync(bagPath());
    const summary = await exportTo(bagPath());
    expect(summary.payloadFiles).toBe(13);
  });
});

describe('refusing an export', () => {
  it('refuses a folder that is not empty and leaves it untouched', async () => {
    mkdirSync(bagPath());
    writeFileSync(bagPath('keep.txt'), 'already here');

    const result = await tryExport(bagPath(), { zip: true });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: `${bagPath()} is not empty; the bundle needs a new or empty folder`,
      },
    });
    expect(readdirSync(bagPath())).toEqual(['keep.txt']);
    expect(readFileSync(bagPath('keep.txt'), 'utf8')).toBe('already here');
    expect(existsSync(`${bagPath()}.zip`)).toBe(false);
  });

  it('refuses a file in place of the folder, and an existing DIR.zip', async () => {
    writeFileSync(bagPath(), 'a file');
    const onFile = await tryExport(bagPath());
    expect(onFile.ok || onFile.error.message).toMatch(/is not a folder/);
    expect(readFileSync(bagPath(), 'utf8')).toBe('a file');

    const other = join(fixture.root, 'other');
    writeFileSync(`${other}.zip`, 'older archive');
    const onZip = await tryExport(other, { zip: true });
    expect(onZip.ok || onZip.error.message).toMatch(
      /other\.zip already exists/,
    );
    expect(existsSync(other)).toBe(false);
    expect(readFileSync(`${other}.zip`, 'utf8')).toBe('older archive');
  });

  it('refuses a relative folder, which would land wherever War Room started', async () => {
    const relative = `bag-${fixture.incident.id}`;
    const result = await tryExport(relative);
    expect(result.ok || result.error).toEqual({
      kind: 'invalid-input',
      message: 'outDir: must be an absolute path',
    });
    expect(existsSync(relative)).toBe(false);
  });

  it('refuses an unknown incident without creating the folder', async () => {
    const result = await fixture.warRoom.invoke(
      'evidence:export-bundle',
      { incidentId: '01J0000000000000000000000A', outDir: bagPath() },
      testContext,
    );
    expect(result.ok || result.error.kind).toBe('not-found');
    expect(existsSync(bagPath())).toBe(false);
  });

  it('refuses evidence altered in the vault, naming it, and removes every folder it made', async () => {
    const item = fixture.items.find((found) => found.name === 'CON.txt')!;
    const blob = openVault(fixture.dataDir).blobPath(item.hashes.sha256);
    chmodSync(blob, 0o600);
    writeFileSync(blob, 'reserved on Windows!\n');
    const nested = join(fixture.root, 'new', 'deeper', 'bag');

    const result = await tryExport(nested, { zip: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('integrity');
    expect(result.error.message).toContain(
      `evidence item ${item.id} ("CON.txt")`,
    );
    expect(result.error.message).toContain(item.hashes.sha256);
    expect(existsSync(join(fixture.root, 'new'))).toBe(false);
    expect(existsSync(`${nested}.zip`)).toBe(false);
  });

  it('empties a given folder again when evidence is missing from the vault', async () => {
    const item = fixture.items.at(-1)!;
    rmSync(openVault(fixture.dataDir).blobPath(item.hashes.sha256), {
      force: true,
    });
    mkdirSync(bagPath());

    const result = await tryExport(bagPath());
    expect(result.ok || result.error).toEqual({
      kind: 'integrity',
      message:
        `evidence item ${item.id} ("pasted output.txt") is missing from ` +
        "the vault, so no bundle was written. Check the incident's " +
        'evidence to record it',
    });
    expect(readdirSync(bagPath())).toEqual([]);
  });

  it('refuses an item whose recorded hashes differ from its registration', async () => {
    const item = fixture.items.find((found) => found.name === 'CON.txt')!;
    fixture.warRoom.db
      .prepare('UPDATE vault_blobs SET md5 = ? WHERE sha256 = ?')
      .run('0'.repeat(32), item.hashes.sha256);

    const result = await tryExport(bagPath());
    expect(result.ok || result.error).toEqual({
      kind: 'integrity',
      message:
        `evidence item ${item.id} ("CON.txt") does not match the journal ` +
        `entry ${item.entryId} that registered it (its md5 differs), so no ` +
        'bundle was written. Run war-room verify',
    });
    expect(existsSync(bagPath())).toBe(false);
  });

  it('refuses a registered item the evidence log no longer lists', async () => {
    const item = fixture.items[2];
    const { db } = fixture.warRoom;
    db.prepare('DELETE FROM evidence_custody WHERE evidence_id = ?').run(
      item.id,
    );
    db.prepare('DELETE FROM evidence_items WHERE id = ?').run(item.id);

    const result = await tryExport(bagPath());
    expect(result.ok || result.error).toEqual({
      kind: 'integrity',
      message:
        `journal entry ${item.entryId} registers evidence item ${item.id}, ` +
        'which the evidence log no longer lists, so no bundle was written',
    });
    expect(existsSync(bagPath())).toBe(false);
  });

  it('refuses a journal that no longer verifies, naming the entry', async () => {
    const rows = journalRows(fixture.incident.id);
    const note = rows.at(-2)!;
    dropAppendOnlyGuards(fixture.warRoom.db);
    fixture.warRoom.db
      .prepare('UPDATE journal_entries SET actor = ? WHERE id = ?')
      .run('mallory', note.id);

    const result = await tryExport(bagPath());
    expect(result.ok || result.error.kind).toBe('integrity');
    expect(result.ok || result.error.message).toMatch(
      new RegExp(
        `journal of incident ${fixture.incident.id} does not verify.*` +
          `line ${rows.length - 1} \\(entry ${note.id}\\): altered: the hash`,
      ),
    );
    expect(existsSync(bagPath())).toBe(false);
  });
});
