import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { version } from '../../package.json';
import type { Result } from '../shared/result';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/open-database';
import { statement } from './db/statement-cache';
import { EventBus } from './events';
import { createHandlers } from './ipc/handlers';
import type { PrintPdf } from './report/report-export';
import type { InvokeContext } from './ipc/handler-map';
import { invokeChannel, runGuarded } from './ipc/invoke-channel';
import type { IntakeContext, StoredItem } from './evidence/evidence-intake';
import { openVault, removeStrayTempFiles } from './evidence/evidence-vault';
import type { EvidenceUploadInput } from '../shared/ipc-contract';
import { createJournalWriter } from './journal/append-entries';
import { watchOtherWriters } from './journal/other-writers';
import { createLogger, type Logger } from './logger';
import { openAdminSync, type AdminOptions } from './admin-sync/open-admin-sync';
import { openOutbox, type OutboxOptions } from './outbox/open-outbox';
import type { Outbox } from './outbox/outbox';
import { systemTimers } from './timers';
import {
  findResourcesDir,
  loadPlaybookLibrary,
  loadRules,
} from './configuration/load-configuration';
import type { ConfigurationProblem } from '../shared/incident-command-types';

export const DATABASE_FILE = 'war-room.db';

export type WarRoomOptions = {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Electron-ABI better-sqlite3 binary; the desktop app passes it. */
  nativeBinding?: string;
  /** Shipped rules and playbooks; found next to the code when omitted. */
  resourcesDir?: string;
  /** Opens vault temporary files; tests swap in a full disk. */
  openVaultTemp?: IntakeContext['openTemp'];
  /** The desktop app's PDF printer for reports; absent elsewhere. */
  printPdf?: PrintPdf;
  /** Where the admin API is and how to reach it; tests swap the client. */
  admin?: AdminOptions;
  /** The outbox of emergency actions (stale limit, backoff). */
  outbox?: OutboxOptions;
};

export type WarRoom = {
  dataDir: string;
  deviceId: string;
  db: Db;
  logger: Logger;
  events: EventBus;
  invoke(
    channel: string,
    rawInput: unknown,
    context: InvokeContext,
  ): Promise<Result<unknown>>;
  /** Streams a serve-mode upload into the vault and registers it. */
  takeInUpload(
    input: EvidenceUploadInput,
    body: AsyncIterable<Uint8Array>,
    context: InvokeContext,
  ): Promise<Result<StoredItem>>;
  /**
   * Announces entries that other processes write to this data directory;
   * for long-running windows (the app, serve mode). Stopped by `close`.
   */
  watchOtherWriters(): void;
  /**
   * Polls the admin API in the background to keep the dashboard's offline
   * cache fresh; for long-running windows. Stopped by `close`.
   */
  startAdminSync(): void;
  /** Emergency actions; dispatching starts with `startAdminSync`. */
  outbox: Outbox;
  close(): void;
};

/**
 * This installation's device id, made once per database. Chains are per
 * device, so journals from several laptops merge as a union later.
 */
function readDeviceId(db: Db): string {
  statement(
    db,
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)",
  ).run(ulid());
  return statement<{ value: string }>(
    db,
    "SELECT value FROM meta WHERE key = 'device_id'",
  ).get()!.value;
}

/**
 * A bad organisation rules or playbook file does not stop War Room: the
 * plan's defaults and the valid playbooks are used, and the problems are
 * logged here and listed in the console (`rules:get`, `playbooks:list`).
 */
function reportConfigurationProblems(
  logger: Logger,
  problems: ConfigurationProblem[],
): void {
  for (const problem of problems) {
    logger.warn(
      { file: problem.file, line: problem.line, field: problem.field },
      `configuration file refused: ${problem.message}`,
    );
  }
}

/**
 * Opens a data directory: its database, journal writer, handlers and event
 * bus. Every transport (the desktop app, serve mode, the command line)
 * goes through the `invoke` this returns.
 *
 * Throws an AppFailure of kind `storage` when the database cannot be used
 * (damaged, or from a newer War Room); the file is left untouched.
 */
export function openWarRoom(options: WarRoomOptions): WarRoom {
  mkdirSync(options.dataDir, { recursive: true });
  const logger =
    options.logger ?? createLogger({ logDir: join(options.dataDir, 'logs') });
  const clock = options.clock ?? systemClock;
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), {
    nativeBinding: options.nativeBinding,
  });
  const deviceId = readDeviceId(db);
  const events = new EventBus();
  const resourcesDir = options.resourcesDir ?? findResourcesDir();
  const rules = loadRules(resourcesDir, options.dataDir);
  const library = loadPlaybookLibrary(resourcesDir, options.dataDir);
  reportConfigurationProblems(logger, [
    ...rules.problems,
    ...library.catalogue.problems,
  ]);
  const vault = openVault(options.dataDir);
  const strayFiles = removeStrayTempFiles(vault);
  if (strayFiles > 0) {
    logger.warn({ strayFiles }, 'removed unfinished vault files');
  }
  const writer = createJournalWriter(deviceId, clock);
  const admin = openAdminSync(options.admin ?? {}, {
    db,
    clock,
    logger,
    events,
  });
  const { outbox, detach: detachOutbox } = openOutbox(
    admin,
    {
      db,
      writer,
      clock,
      timers: options.admin?.timers ?? systemTimers,
      logger,
      events,
    },
    options.outbox,
  );
  const { handlers, takeInUpload } = createHandlers({
    db,
    writer,
    clock,
    events,
    rules,
    library,
    intake: { db, writer, vault, openTemp: options.openVaultTemp },
    dataDir: options.dataDir,
    printPdf: options.printPdf ?? null,
    info: {
      version,
      deviceId,
      dataDir: options.dataDir,
      printsPdf: options.printPdf !== undefined,
    },
    admin,
    outbox,
  });
  const invokeLogger = logger.child({ module: 'ipc' });
  let stopWatching: (() => void) | undefined;
  logger.info({ deviceId }, 'data directory opened');

  return {
    dataDir: options.dataDir,
    deviceId,
    db,
    logger,
    events,
    invoke: (channel, rawInput, context) =>
      invokeChannel(handlers, invokeLogger, channel, rawInput, context),
    takeInUpload: (input, body, context) =>
      runGuarded(invokeLogger, 'evidence:upload', () =>
        takeInUpload(input, body, context.defaultActor),
      ),
    watchOtherWriters() {
      stopWatching ??= watchOtherWriters(db, events);
    },
    startAdminSync() {
      admin.startPolling();
      outbox.start();
    },
    outbox,
    close() {
      detachOutbox();
      void outbox.stop();
      admin.close();
      stopWatching?.();
      if (!db.open) return;
      db.close();
      logger.info('data directory closed');
    },
  };
}
