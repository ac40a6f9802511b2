import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBridge } from '../test-support/fake-bridge';
import { sampleStatus } from '../test-support/sample-admin';
import {
  connectLiveInvalidation,
  createInvalidationBatcher,
} from './live-invalidation';
import { queryKeys } from './query-keys';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createInvalidationBatcher', () => {
  it('flushes a burst of pushes once, with each scope once', () => {
    const flush = vi.fn();
    const batcher = createInvalidationBatcher(flush, 100);

    for (let i = 0; i < 500; i++) batcher.journalAppended('A');
    batcher.journalAppended('B');
    batcher.incidentChanged('A');
    batcher.incidentChanged('A');
    vi.advanceTimersByTime(99);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);

    expect(flush).toHaveBeenCalledTimes(1);
    expect(flush).toHaveBeenCalledWith({
      scopes: ['A', 'B'],
      changed: ['A'],
    });
  });

  it('starts a fresh batch after a flush', () => {
    const flush = vi.fn();
    const batcher = createInvalidationBatcher(flush, 100);

    batcher.journalAppended('A');
    vi.advanceTimersByTime(100);
    batcher.incidentChanged('B');
    vi.advanceTimersByTime(100);

    expect(flush).toHaveBeenNthCalledWith(2, { scopes: [], changed: ['B'] });
  });

  it('drops pending pushes when disposed', () => {
    const flush = vi.fn();
    const batcher = createInvalidationBatcher(flush, 100);

    batcher.journalAppended('A');
    batcher.dispose();
    vi.advanceTimersByTime(1000);

    expect(flush).not.toHaveBeenCalled();
  });
});

function seededClient() {
  const client = new QueryClient();
  const keys = [
    queryKeys.timeline.facets('A'),
    queryKeys.timeline.history('A', 'E1'),
    queryKeys.timeline.facets('B'),
    queryKeys.verify.incident('A'),
    queryKeys.command.state('A'),
    queryKeys.command.state('B'),
    queryKeys.incidents.list(),
    queryKeys.appInfo(),
    queryKeys.evidence.list('A'),
    queryKeys.evidence.detail('A', 'V1'),
    queryKeys.evidence.list('B'),
  ];
  for (const key of keys) client.setQueryData(key, {});
  const invalid = (key: readonly unknown[]) =>
    client.getQueryState(key)?.isInvalidated;
  return { client, invalid };
}

const DELAYS = { dataMs: 50, verifyMs: 1000 };

describe('connectLiveInvalidation', () => {
  it('invalidates what an append to one journal changes, and nothing else', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    connectLiveInvalidation(bridge, client, DELAYS);

    bridge.emit('journal:appended', { scope: 'A', entryId: 'E', kind: 'note' });
    vi.advanceTimersByTime(1000);

    expect(invalid(queryKeys.timeline.facets('A'))).toBe(true);
    expect(invalid(queryKeys.timeline.history('A', 'E1'))).toBe(true);
    expect(invalid(queryKeys.verify.incident('A'))).toBe(true);
    expect(invalid(queryKeys.command.state('A'))).toBe(true);
    expect(invalid(queryKeys.incidents.list())).toBe(true);
    expect(invalid(queryKeys.timeline.facets('B'))).toBe(false);
    expect(invalid(queryKeys.command.state('B'))).toBe(false);
    expect(invalid(queryKeys.appInfo())).toBe(false);
  });

  it('refreshes an incident’s evidence only for evidence entries', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    connectLiveInvalidation(bridge, client, DELAYS);

    bridge.emit('journal:appended', { scope: 'A', entryId: 'E', kind: 'note' });
    vi.advanceTimersByTime(1000);
    expect(invalid(queryKeys.evidence.list('A'))).toBe(false);

    bridge.emit('journal:appended', {
      scope: 'A',
      entryId: 'F',
      kind: 'evidence.custody',
    });
    vi.advanceTimersByTime(50);

    expect(invalid(queryKeys.evidence.list('A'))).toBe(true);
    expect(invalid(queryKeys.evidence.detail('A', 'V1'))).toBe(true);
    expect(invalid(queryKeys.evidence.list('B'))).toBe(false);
  });

  it('re-verifies a busy chain at most once per verify delay', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    connectLiveInvalidation(bridge, client, DELAYS);
    const append = () =>
      bridge.emit('journal:appended', {
        scope: 'A',
        entryId: 'E',
        kind: 'note',
      });

    append();
    vi.advanceTimersByTime(50);
    expect(invalid(queryKeys.timeline.facets('A'))).toBe(true);
    expect(invalid(queryKeys.verify.incident('A'))).toBe(false);

    vi.advanceTimersByTime(600);
    append();
    vi.advanceTimersByTime(349);
    expect(invalid(queryKeys.verify.incident('A'))).toBe(false);
    vi.advanceTimersByTime(1);
    expect(invalid(queryKeys.verify.incident('A'))).toBe(true);
  });

  it('leaves incident timelines alone for organisation entries', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    connectLiveInvalidation(bridge, client, DELAYS);

    bridge.emit('journal:appended', {
      scope: 'organisation',
      entryId: 'E',
      kind: 'contact.added',
    });
    vi.advanceTimersByTime(1000);

    expect(invalid(queryKeys.timeline.facets('A'))).toBe(false);
    expect(invalid(queryKeys.verify.incident('A'))).toBe(false);
    expect(invalid(queryKeys.incidents.list())).toBe(false);
  });

  it('refreshes the list and that incident’s command state when it changes', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    connectLiveInvalidation(bridge, client, DELAYS);

    bridge.emit('incident:changed', { incidentId: 'B' });
    vi.advanceTimersByTime(50);

    expect(invalid(queryKeys.incidents.list())).toBe(true);
    expect(invalid(queryKeys.command.state('B'))).toBe(true);
    expect(invalid(queryKeys.command.state('A'))).toBe(false);
    expect(invalid(queryKeys.timeline.facets('B'))).toBe(false);
  });

  it('stops listening when disconnected', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = seededClient();
    const disconnect = connectLiveInvalidation(bridge, client, DELAYS);

    disconnect();
    bridge.emit('incident:changed', { incidentId: 'A' });
    vi.advanceTimersByTime(50);

    expect(invalid(queryKeys.incidents.list())).toBe(false);
  });
});

describe('admin-API pushes', () => {
  const NO_FILTER = { eventType: '', severity: '', user: '', ip: '' } as const;

  function dashboardClient() {
    const client = new QueryClient();
    const keys = [
      queryKeys.admin.status(),
      queryKeys.dashboard.snapshot(),
      queryKeys.dashboard.events.page(NO_FILTER, 0),
      queryKeys.dashboard.failedLogins.window(24),
      queryKeys.incidents.list(),
    ];
    for (const key of keys) client.setQueryData(key, {});
    const invalid = (key: readonly unknown[]) =>
      client.getQueryState(key)?.isInvalidated;
    return { client, invalid };
  }

  it('refreshes the snapshot and status, and events only when they changed', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = dashboardClient();
    connectLiveInvalidation(bridge, client, DELAYS);

    bridge.emit('dashboard:updated', { parts: ['alerts', 'metrics'] });

    expect(invalid(queryKeys.dashboard.snapshot())).toBe(true);
    expect(invalid(queryKeys.admin.status())).toBe(true);
    expect(invalid(queryKeys.dashboard.events.page(NO_FILTER, 0))).toBe(false);
    expect(invalid(queryKeys.dashboard.failedLogins.window(24))).toBe(false);
    expect(invalid(queryKeys.incidents.list())).toBe(false);

    bridge.emit('dashboard:updated', { parts: ['events'] });

    expect(invalid(queryKeys.dashboard.events.page(NO_FILTER, 0))).toBe(true);
    expect(invalid(queryKeys.dashboard.failedLogins.window(24))).toBe(true);
  });

  it('takes a pushed status as it is, without asking again', () => {
    const bridge = createFakeBridge({});
    const { client } = dashboardClient();
    connectLiveInvalidation(bridge, client, DELAYS);
    const status = sampleStatus({ connection: 'offline' });

    bridge.emit('admin:status-changed', status);

    expect(client.getQueryData(queryKeys.admin.status())).toEqual(status);
    expect(bridge.calls).toEqual([]);
  });

  it('stops listening when disconnected', () => {
    const bridge = createFakeBridge({});
    const { client, invalid } = dashboardClient();
    const disconnect = connectLiveInvalidation(bridge, client, DELAYS);

    disconnect();
    bridge.emit('dashboard:updated', { parts: ['events'] });
    bridge.emit('admin:status-changed', sampleStatus());

    expect(invalid(queryKeys.dashboard.snapshot())).toBe(false);
    expect(client.getQueryData(queryKeys.admin.status())).toEqual({});
  });
});
