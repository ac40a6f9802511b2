import { QueryClient } from '@tanstack/react-query';
import { expect, it } from 'vitest';
import { connectLiveInvalidation } from '../data/live-invalidation';
import { queryKeys } from '../data/query-keys';
import { createFakeBridge } from '../test-support/fake-bridge';
import { sampleStatus } from '../test-support/sample-admin';
import { INCIDENT_ID } from '../test-support/sample-data';

const OTHER = '01KBHQ2ZP4TS1BA5K3V3WDG2GZ';

function controlsClient() {
  const client = new QueryClient();
  const keys = [
    queryKeys.controls.overview(INCIDENT_ID),
    queryKeys.controls.actions(INCIDENT_ID),
    queryKeys.timeline.all(INCIDENT_ID),
    queryKeys.timeline.all(OTHER),
  ];
  for (const key of keys) client.setQueryData(key, {});
  const invalid = (key: readonly unknown[]) =>
    client.getQueryState(key)?.isInvalidated;
  return { client, invalid };
}

it('refreshes the queue, badge and that timeline when an action moves', () => {
  const bridge = createFakeBridge({});
  const { client, invalid } = controlsClient();
  connectLiveInvalidation(bridge, client, { dataMs: 50, verifyMs: 1000 });

  bridge.emit('controls:changed', {
    incidentId: INCIDENT_ID,
    actionId: 'A1',
    state: 'confirmed',
  });

  expect(invalid(queryKeys.controls.overview(INCIDENT_ID))).toBe(true);
  expect(invalid(queryKeys.controls.actions(INCIDENT_ID))).toBe(true);
  expect(invalid(queryKeys.timeline.all(INCIDENT_ID))).toBe(true);
  expect(invalid(queryKeys.timeline.all(OTHER))).toBe(false);
});

it('reads what is available again when the connection changes', () => {
  const bridge = createFakeBridge({});
  const { client, invalid } = controlsClient();
  connectLiveInvalidation(bridge, client, { dataMs: 50, verifyMs: 1000 });

  bridge.emit('admin:status-changed', sampleStatus({ connection: 'offline' }));

  expect(invalid(queryKeys.controls.overview(INCIDENT_ID))).toBe(true);
});
