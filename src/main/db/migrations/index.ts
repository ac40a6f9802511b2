import type { Db } from '../open-database';
import * as journal from './001-journal';
import * as incidentCommand from './002-incident-command';
import * as evidence from './003-evidence';
import * as adminCache from './004-admin-cache';
import * as outbox from './005-outbox';
import * as controls from './006-controls';
import * as contacts from './007-contacts';

export type Migration = { name: string; up: (db: Db) => void };

/**
 * Numbered migrations; the Nth entry takes the schema to version N.
 * Immutable once released: a change is a new migration at the end.
 */
export const MIGRATIONS: readonly Migration[] = [
  { name: '001-journal', up: journal.up },
  { name: '002-incident-command', up: incidentCommand.up },
  { name: '003-evidence', up: evidence.up },
  { name: '004-admin-cache', up: adminCache.up },
  { name: '005-outbox', up: outbox.up },
  { name: '006-controls', up: controls.up },
  { name: '007-contacts', up: contacts.up },
];
