import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import { createLogger } from '../logger';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import { openWarRoom, type WarRoom } from '../war-room';
import { watchOtherWriters } from './other-writers';

let reader: WarRoom;
let writer: WarRoom;

beforeEach(() => {
  let dataDir: string;
  ({ warRoom: reader, dataDir } = openTestWarRoom());
  writer = openWarRoom({ dataDir, logger: createLogger() });
});

afterEach(() => {
  writer.close();
  reader.close();
});

it('announces entries another connection wrote, once per change', async () => {
  const heard: string[] = [];
  reader.events.subscribe((name, payload) => {
    if (name === 'journal:appended') heard.push(JSON.stringify(payload));
  });
  const stop = watchOtherWriters(reader.db, reader.events, 20);

  const incident = await invokeOk<Incident>(writer, 'incident:create', {
    title: 'Written from a shell',
    severity: 'low',
    category: 'network-security',
  });
  const note = await invokeOk<{ id: string }>(writer, 'journal:add-note', {
    incidentId: incident.id,
    text: 'ran nmap against the edge',
  });
  await new Promise((done) => setTimeout(done, 150));
  stop();

  expect(heard.at(-1)).toBe(
    JSON.stringify({ scope: incident.id, entryId: note.id, kind: 'note' }),
  );
  expect(new Set(heard).size).toBe(heard.length);
});

it('stays quiet when nothing else wrote', async () => {
  let heard = 0;
  reader.events.subscribe(() => {
    heard += 1;
  });
  const stop = watchOtherWriters(reader.db, reader.events, 20);

  await new Promise((done) => setTimeout(done, 100));
  stop();

  expect(heard).toBe(0);
});
