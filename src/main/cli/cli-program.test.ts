import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntryHistory } from '../../shared/ipc-contract';
import { createLogger } from '../logger';
import { DATABASE_FILE, openWarRoom } from '../war-room';
import { CREATE_ARGS, ULID_LINE, useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

async function noteHistory(entryId: string): Promise<EntryHistory> {
  const warRoom = openWarRoom({
    dataDir: sandbox.dataDir,
    logger: createLogger(),
  });
  const context = { defaultActor: 'reader', transport: 'test' as const };
  const result = await warRoom.invoke('journal:history', { entryId }, context);
  warRoom.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.value as EntryHistory;
}

describe('war-room usage', () => {
  it('prints help on stdout and exits 0', async () => {
    const result = await sandbox.run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: war-room');
  });

  it('offers --data-dir and --help on every command', async () => {
    const commands = [
      ['incident', 'create'],
      ['incident', 'list'],
      ['note'],
      ['verify'],
      ['serve'],
    ];
    for (const command of commands) {
      const result = await sandbox.run([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout, command.join(' ')).toContain('--data-dir <dir>');
    }
  });

  it('exits 2 for a missing command, an unknown one or an unknown flag', async () => {
    for (const args of [[], ['incident'], ['launch'], ['verify', '--fast']]) {
      const result = await sandbox.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).not.toBe('');
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });
});

describe('war-room incident', () => {
  it('create prints the new id alone on one line', async () => {
    const result = await sandbox.run(CREATE_ARGS);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(ULID_LINE);
    expect(result.stderr).toBe('');

    const [incident] = await sandbox.listIncidents();
    expect(incident.id).toBe(result.stdout.trim());
    expect(incident.openedBy).toBe('ic-alice');
    expect(incident.severity).toBe('high');
  });

  it('create passes subtype and description through', async () => {
    const id = await sandbox.createIncident([
      '--subtype',
      'compromised-superadmin-accounts',
      '--description',
      'Seen in the admin audit log',
    ]);
    const [incident] = await sandbox.listIncidents();
    expect(incident).toMatchObject({
      id,
      subtype: 'compromised-superadmin-accounts',
      description: 'Seen in the admin audit log',
    });
  });

  it('create refuses bad flags with exit 2 and a message naming them', async () => {
    const cases: [string[], string][] = [
      [
        [...CREATE_ARGS.slice(0, 5), 'apocalyptic', ...CREATE_ARGS.slice(6)],
        'severity',
      ],
      [CREATE_ARGS.filter((_, index) => index !== 2 && index !== 3), '--title'],
      [[...CREATE_ARGS.slice(0, 7), 'weather'], 'category'],
      [[...CREATE_ARGS, '--subtype', 'ddos-attacks'], 'subtype'],
    ];
    for (const [args, named] of cases) {
      const result = await sandbox.run(args);
      expect(result.code, named).toBe(2);
      expect(result.stderr, named).toContain(named);
      expect(result.stdout, named).toBe('');
    }
    expect(await sandbox.listIncidents()).toEqual([]);
  });

  it('--data-dir wins over WAR_ROOM_DATA_DIR', async () => {
    const other = join(sandbox.root, 'other');
    const id = await sandbox.createIncident(['--data-dir', other]);
    expect((await sandbox.listIncidents(other)).map((row) => row.id)).toEqual([
      id,
    ]);
    const elsewhere = await sandbox.run(['incident', 'list']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/there is no War Room data in/);
  });

  it('refuses to verify a data directory that holds no journal', async () => {
    const typo = join(sandbox.root, 'typo');

    const result = await sandbox.run(['verify', '--data-dir', typo]);

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/there is no War Room data in .*typo/);
    expect(existsSync(typo)).toBe(false);
  });

  it('list prints a readable table', async () => {
    const id = await sandbox.createIncident();
    const result = await sandbox.run(['incident', 'list']);
    expect(result.code).toBe(0);
    const [heading, row, ...rest] = result.stdout.trimEnd().split('\n');
    expect(heading).toMatch(/^ID\s+SEVERITY\s+STATUS\s+OPENED \(UTC\)/);
    expect(row.startsWith(`${id}  high`)).toBe(true);
    expect(row.endsWith('Admin login from unknown network')).toBe(true);
    expect(rest).toEqual([]);
  });

  it('list says so on stderr when there are no incidents', async () => {
    openWarRoom({ dataDir: sandbox.dataDir, logger: createLogger() }).close();
    const result = await sandbox.run(['incident', 'list']);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No incidents yet.\n',
    });
  });
});

describe('war-room note', () => {
  it('joins the words, prints the entry id and records the actor', async () => {
    const id = await sandbox.createIncident();
    const result = await sandbox.run([
      'note',
      '--incident',
      id,
      'checked',
      'the',
      'WAF',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(ULID_LINE);

    const history = await noteHistory(result.stdout.trim());
    expect(history.original.payload.text).toBe('checked the WAF');
    expect(history.original.actor).toBe('ic-alice');
    expect(history.original.scope).toBe(id);
  });

  it('takes --actor, and text after -- even with dashes', async () => {
    const id = await sandbox.createIncident();
    const result = await sandbox.run([
      'note',
      '--incident',
      id,
      '--actor',
      'responder-bob',
      '--',
      'ran',
      'rm',
      '-rf',
      '/tmp/x',
    ]);
    expect(result.code).toBe(0);
    const history = await noteHistory(result.stdout.trim());
    expect(history.original.payload.text).toBe('ran rm -rf /tmp/x');
    expect(history.original.actor).toBe('responder-bob');
  });

  it('reads the text from stdin for a single -', async () => {
    const id = await sandbox.createIncident();
    const stdin = 'line one\nline two\n\n';
    const result = await sandbox.run(['note', '--incident', id, '-'], stdin);
    expect(result.code).toBe(0);
    const history = await noteHistory(result.stdout.trim());
    expect(history.original.payload.text).toBe('line one\nline two');
  });

  it('refuses an empty note, an unknown incident and a malformed id', async () => {
    const empty = await sandbox.run([
      'note',
      '--incident',
      await sandbox.createIncident(),
      '-',
    ]);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toBe('error: the note is empty\n');

    const unknown = await sandbox.run([
      'note',
      '--incident',
      '01JAAAAAAAAAAAAAAAAAAAAAAA',
      'hello',
    ]);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('01JAAAAAAAAAAAAAAAAAAAAAAA');

    const malformed = await sandbox.run([
      'note',
      '--incident',
      'INC-1',
      'hello',
    ]);
    expect(malformed).toMatchObject({ code: 2, stdout: '' });
    expect(malformed.stderr).toContain('incidentId');

    const missing = await sandbox.run(['note', 'hello']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--incident');
  });
});

describe('war-room data directory problems', () => {
  it('exits 2 when the data directory is a file', async () => {
    const file = join(sandbox.root, 'plain-file');
    writeFileSync(file, 'not a directory');
    const result = await sandbox.run(['verify', '--data-dir', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
  });

  it('exits 2 without touching a database that is not one', async () => {
    mkdirSync(sandbox.dataDir);
    const junk = 'this is not a SQLite database '.repeat(200);
    writeFileSync(join(sandbox.dataDir, DATABASE_FILE), junk);
    const result = await sandbox.run(['incident', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*database/);
  });

  it('exits 2 for an empty --data-dir', async () => {
    const result = await sandbox.run(['verify', '--data-dir', '']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('--data-dir must not be empty');
  });
});
