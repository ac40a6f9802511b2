/**
 * A second writer for concurrency tests: opens a data directory and appends
 * notes to one incident as fast as it can, then prints how many it wrote.
 * Run with `node --import tsx append-worker.ts DATA_DIR INCIDENT_ID COUNT`.
 */
import { createLogger } from '../logger';
import { openWarRoom } from '../war-room';

const [dataDir, incidentId, count] = process.argv.slice(2);
const warRoom = openWarRoom({ dataDir, logger: createLogger() });
let written = 0;
for (let index = 0; index < Number(count); index += 1) {
  const result = await warRoom.invoke(
    'journal:add-note',
    { incidentId, text: `worker ${process.pid} note ${index}` },
    { defaultActor: `worker-${process.pid}`, transport: 'test' },
  );
  if (!result.ok) {
    process.stderr.write(`${result.error.kind}: ${result.error.message}\n`);
    process.exit(1);
  }
  written += 1;
}
warRoom.close();
process.stdout.write(`${written}\n`);
