import {
  chmodSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EvidenceDetail,
  EvidenceItem,
  VaultCheck,
} from '../../shared/evidence-types';
import type { Incident } from '../../shared/ipc-contract';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { openVault } from './evidence-vault';

let warRoom: WarRoom;
let incident: Incident;
let item: EvidenceItem;

beforeEach(async () => {
  ({ warRoom } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Exfiltration',
    severity: 'critical',
    category: 'data-security',
  });
  item = await addText('dump.txt', 'SELECT * FROM customers;');
});

afterEach(() => warRoom.close());

function addText(name: string, text: string) {
  return invokeOk<EvidenceItem>(warRoom, 'evidence:add-text', {
    incidentId: incident.id,
    name,
    text,
    type: 'log-export',
  });
}

function recordCustody(input: object) {
  return warRoom.invoke(
    'evidence:record-custody',
    { evidenceId: item.id, ...input },
    testContext,
  );
}

function entryKinds(): string[] {
  return (
    warRoom.db
      .prepare(
        'SELECT kind FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
      )
      .all(incident.id) as { kind: string }[]
  ).map((row) => row.kind);
}

describe('chain of custody', () => {
  it('records a transfer with every field and hands custody over', async () => {
    const detail = await invokeOk<EvidenceDetail>(
      warRoom,
      'evidence:record-custody',
      {
        evidenceId: item.id,
        action: 'transferred',
        handler: { name: 'Ana Ruiz', role: 'Incident commander' },
        recipient: {
          name: 'Ben Okafor',
          role: 'Forensic analyst',
          contact: 'ben@example.org',
        },
        occurredAt: '2026-12-03T18:30:00+01:00',
        location: 'Berlin office, room 4',
        storageLocation: 'Evidence locker 2',
        tool: 'USB drive (write-blocked)',
        purpose: 'Forensic imaging',
      },
    );

    expect(detail.item).toMatchObject({
      custodyState: 'transferred',
      custodian: 'Ben Okafor',
    });
    expect(detail.custody.map((event) => event.action)).toEqual([
      'collected',
      'transferred',
    ]);
    expect(detail.custody[1]).toMatchObject({
      occurredAt: '2026-12-03T17:30:00.000000Z',
      occurredOffset: '+01:00',
      recordedBy: 'tester',
      handler: { name: 'Ana Ruiz', role: 'Incident commander', contact: '' },
      recipient: { name: 'Ben Okafor', contact: 'ben@example.org' },
      location: 'Berlin office, room 4',
      storageLocation: 'Evidence locker 2',
      tool: 'USB drive (write-blocked)',
      purpose: 'Forensic imaging',
    });
    expect(entryKinds().slice(-2)).toEqual([
      'evidence.added',
      'evidence.custody',
    ]);
  });

  it('refuses a transfer without a recipient and a seal with one', async () => {
    const handler = { name: 'Ana' };
    const transfer = await recordCustody({ action: 'transferred', handler });
    const seal = await recordCustody({
      action: 'sealed',
      handler,
      recipient: handler,
    });

    expect(transfer).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: /^recipient: / },
    });
    expect(seal).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(entryKinds()).not.toContain('evidence.custody');
  });

  it('refuses custody events after release', async () => {
    const handler = { name: 'Ana' };
    await invokeOk(warRoom, 'evidence:record-custody', {
      evidenceId: item.id,
      action: 'released',
      handler,
      notes: 'returned to the data owner',
    });

    const after = await recordCustody({ action: 'accessed', handler });

    expect(after).toMatchObject({ ok: false, error: { kind: 'blocked' } });
    const detail = await invokeOk<EvidenceDetail>(warRoom, 'evidence:get', {
      evidenceId: item.id,
    });
    expect(detail.item).toMatchObject({
      custodyState: 'released',
      custodian: '',
    });
  });

  it('refuses the collected action, which only intake records', async () => {
    const result = await recordCustody({
      action: 'collected',
      handler: { name: 'Ana' },
    });

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: /^action: / },
    });
  });

  it('links an item to timeline entries of its own incident only', async () => {
    const note = await invokeOk<{ id: string }>(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text: 'Customer table dumped at 18:02',
    });

    const linked = await invokeOk<EvidenceItem>(warRoom, 'evidence:link', {
      evidenceId: item.id,
      entryIds: [note.id],
    });
    const elsewhere = await warRoom.invoke(
      'evidence:link',
      { evidenceId: item.id, entryIds: ['01JD0000000000000000000009'] },
      testContext,
    );

    expect(linked.linkedEntries).toEqual([note.id]);
    expect(elsewhere).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });
});

describe('re-verification', () => {
  function blobPath(of: EvidenceItem): string {
    return openVault(warRoom.dataDir).blobPath(of.hashes.sha256);
  }

  function verify(trigger?: 'on-demand' | 'on-open') {
    return invokeOk<VaultCheck>(warRoom, 'evidence:verify', {
      incidentId: incident.id,
      ...(trigger ? { trigger } : {}),
    });
  }

  it('finds every file intact and journals a check asked for', async () => {
    const check = await verify();

    expect(check).toMatchObject({ ok: true, items: 1, problems: [] });
    expect(check.bytes).toBe(item.size);
    expect(entryKinds().at(-1)).toBe('evidence.verified');
    const [listed] = await invokeOk<EvidenceItem[]>(warRoom, 'evidence:list', {
      incidentId: incident.id,
    });
    expect(listed.integrity).toBe('intact');
  });

  it('names an altered file, journals it and flags the item', async () => {
    const path = blobPath(item);
    chmodSync(path, 0o600);
    writeFileSync(path, 'SELECT 1;');

    const check = await verify('on-open');

    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      {
        evidenceId: item.id,
        name: 'dump.txt',
        kind: 'altered',
        detail: expect.stringMatching(/no longer has SHA-256/),
      },
    ]);
    expect(entryKinds().at(-1)).toBe('evidence.verified');
    const detail = await invokeOk<EvidenceDetail>(warRoom, 'evidence:get', {
      evidenceId: item.id,
    });
    expect(detail.item.integrity).toBe('altered');
  });

  it('names a missing file', async () => {
    rmSync(blobPath(item));

    const check = await verify();

    expect(check.problems).toMatchObject([{ kind: 'missing' }]);
  });

  it('does not journal an on-open check that finds nothing new', async () => {
    const before = entryKinds().length;

    await verify('on-open');
    await verify('on-open');

    expect(entryKinds()).toHaveLength(before);
    const [listed] = await invokeOk<EvidenceItem[]>(warRoom, 'evidence:list', {
      incidentId: incident.id,
    });
    expect(listed.integrity).toBe('intact');
  });

  it('checks content shared by two items once and reports both', async () => {
    const twin = await addText('dump-copy.txt', 'SELECT * FROM customers;');
    rmSync(blobPath(twin));

    const check = await verify();

    expect(check.items).toBe(2);
    expect(check.bytes).toBe(0);
    expect(check.problems.map((problem) => problem.name).sort()).toEqual([
      'dump-copy.txt',
      'dump.txt',
    ]);
  });

  it('holds the records against the journal entries that registered them', async () => {
    const other = await addText('other.txt', 'something else entirely');
    // Someone with the database file points the item at other content.
    warRoom.db
      .prepare('UPDATE evidence_items SET sha256 = ? WHERE id = ?')
      .run(other.hashes.sha256, item.id);

    const check = await verify();

    expect(check.problems).toEqual([
      {
        evidenceId: item.id,
        name: 'dump.txt',
        kind: 'altered',
        detail:
          'the record of dump.txt no longer matches the journal entry ' +
          'that registered it (sha256, sha1, md5, size differ)',
      },
    ]);
  });

  it('does not follow a vault file swapped for a link to a copy', async () => {
    const path = blobPath(item);
    const copy = `${path}.copy`;
    renameSync(path, copy);
    symlinkSync(copy, path);

    const check = await verify();

    expect(check.problems).toMatchObject([{ kind: 'altered' }]);
  });

  it('includes the vault in the full journal verification', async () => {
    rmSync(blobPath(item));

    const report = await invokeOk<{ ok: boolean; vault: VaultCheck }>(
      warRoom,
      'journal:verify',
      { vault: true },
    );

    expect(report.ok).toBe(false);
    expect(report.vault.problems).toMatchObject([{ evidenceId: item.id }]);
  });
});
