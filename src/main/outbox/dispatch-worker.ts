/**
 * A War Room process that only dispatches, for the crash test: opens the
 * database in DATA_DIR, points an admin client at BASE_URL (the token in
 * WAR_ROOM_ADMIN_TOKEN), starts the outbox, prints `ready`, and when
 * nothing is left to send prints `settled` and exits. The test kills it
 * with SIGKILL at random moments before that.
 * Run with `node --import tsx dispatch-worker.ts DATA_DIR BASE_URL`.
 */
import { join } from 'node:path';
import { createAdminClient } from '../admin-api/admin-client';
import { systemClock } from '../clock';
import { openDatabase } from '../db/open-database';
import { createJournalWriter } from '../journal/append-entries';
import { createLogger } from '../logger';
import { systemTimers } from '../timers';
import { createOutbox } from './outbox';
import { unsettledCount } from './outbox-store';

const [dataDir, baseUrl] = process.argv.slice(2);
const token = process.env.WAR_ROOM_ADMIN_TOKEN ?? null;
const logger = createLogger();
const db = openDatabase(join(dataDir, 'war-room.db'));
const client = createAdminClient({
  baseUrl,
  token: () => token,
  clock: systemClock,
  timers: systemTimers,
  logger,
  timeoutMs: 400,
  pollBudgetPerMinute: 100_000,
  backoff: { baseMs: 5, capMs: 20 },
});
const outbox = createOutbox({
  db,
  writer: createJournalWriter('device-crash-test', systemClock),
  clock: systemClock,
  timers: systemTimers,
  logger,
  link: { client: () => client, connection: () => 'online' },
  backoff: { baseMs: 5, capMs: 40 },
  maxAttempts: 60,
});

await client.discover();
outbox.start();
process.stdout.write('ready\n');
while (unsettledCount(db) > 0) {
  await systemTimers.sleep(10);
}
await outbox.stop();
client.close();
db.close();
process.stdout.write('settled\n');
