/**
 * The guard-rail settings: whether the two-person rule applies, and who
 * may confirm under it. Each change is an entry in the organisation's
 * journal, written with its projection in one transaction; the journal
 * names the person, never their passphrase or its hash.
 */
import type {
  ControlsSettings,
  SecondPerson,
} from '../../shared/controls-types';
import {
  ORGANISATION_SCOPE,
  type JournalEntry,
} from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import { CONTROLS_ENTRY_KINDS } from '../../shared/controls-entry-wording';

const TWO_PERSON_RULE = 'two_person_rule';

export function readSettings(db: Db): ControlsSettings {
  const rule = statement<{ value: string }>(
    db,
    'SELECT value FROM controls_settings WHERE key = ?',
  ).get(TWO_PERSON_RULE);
  const people = statement<{
    name: string;
    added_at: string;
    added_by: string;
  }>(
    db,
    `SELECT name, added_at, added_by FROM second_persons
      ORDER BY name COLLATE NOCASE`,
  ).all();
  return {
    twoPersonRule: rule?.value === '1',
    secondPeople: people.map((row): SecondPerson => ({
      name: row.name,
      addedAt: row.added_at,
      addedBy: row.added_by,
    })),
  };
}

export function setTwoPersonRule(
  db: Db,
  writer: JournalWriter,
  enabled: boolean,
  actor: string,
): JournalEntry {
  return appendEntry(
    db,
    writer,
    {
      scope: ORGANISATION_SCOPE,
      kind: CONTROLS_ENTRY_KINDS.twoPersonRuleSet,
      actor,
      payload: { enabled },
    },
    (entry) =>
      statement(
        db,
        `INSERT INTO controls_settings (key, value, updated_at, updated_by)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(TWO_PERSON_RULE, enabled ? '1' : '0', entry.recordedAt, actor),
  );
}

export function findPassphraseHash(db: Db, name: string): string | null {
  const row = statement<{ passphrase_hash: string }>(
    db,
    'SELECT passphrase_hash FROM second_persons WHERE name = ?',
  ).get(name);
  return row?.passphrase_hash ?? null;
}

/** The hash is computed by the caller (it is slow, and async). */
export function addSecondPerson(
  db: Db,
  writer: JournalWriter,
  person: { name: string; passphraseHash: string; actor: string },
): JournalEntry {
  if (findPassphraseHash(db, person.name) !== null) {
    throw new AppFailure(
      'invalid-input',
      `name: ${person.name} is already set up as a second person`,
    );
  }
  return appendEntry(
    db,
    writer,
    {
      scope: ORGANISATION_SCOPE,
      kind: CONTROLS_ENTRY_KINDS.secondPersonAdded,
      actor: person.actor,
      payload: { name: person.name },
    },
    (entry) =>
      statement(
        db,
        `INSERT INTO second_persons (name, passphrase_hash, added_at, added_by)
         VALUES (?, ?, ?, ?)`,
      ).run(person.name, person.passphraseHash, entry.recordedAt, person.actor),
  );
}
