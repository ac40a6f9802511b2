import { describe, expect, it } from 'vitest';
import type {
  AdminApiError,
  AdminErrorKind,
} from '../admin-api/admin-client-types';
import { manualClock } from '../clock';
import { createLogger } from '../logger';
import {
  degradedHealth,
  healthyHealth,
} from '../test-support/fake-admin-client';
import { TEST_START_MICROS } from '../test-support/temp-war-room';
import { assessCycle, type CallOutcome } from './connection-state';
import { ConnectionTracker, RECENT_TRANSITIONS } from './connection-tracker';

function failed(what: string, kind: AdminErrorKind): CallOutcome {
  const error: AdminApiError = {
    kind,
    endpoint: `GET /x/${what}`,
    message: `GET /x/${what}: ${kind} happened`,
    status: null,
  };
  return { what, error };
}

const ok = (what: string): CallOutcome => ({ what, error: null });

describe('assessCycle', () => {
  it('is online when everything answered and health is healthy', () => {
    expect(assessCycle([ok('alerts'), ok('health')], healthyHealth)).toEqual({
      state: 'online',
      reason: 'every request answered',
    });
    expect(assessCycle([ok('identity')], null)?.state).toBe('online');
  });

  it('is unauthorised when any request was refused, whatever else', () => {
    for (const kind of [
      'unauthorised',
      'forbidden',
      'network-rejected',
    ] as const) {
      const assessment = assessCycle(
        [ok('alerts'), failed('events', kind), failed('health', 'offline')],
        healthyHealth,
      );
      expect(assessment).toEqual({
        state: 'unauthorised',
        reason: `GET /x/events: ${kind} happened`,
      });
    }
  });

  it('is offline only when nothing answered at all', () => {
    expect(
      assessCycle(
        [failed('alerts', 'offline'), failed('events', 'timeout')],
        healthyHealth,
      )?.state,
    ).toBe('offline');
    expect(
      assessCycle([ok('alerts'), failed('events', 'timeout')], healthyHealth)
        ?.state,
    ).toBe('degraded');
  });

  it('is degraded when the platform answers but something fails', () => {
    for (const kind of [
      'server-error',
      'bad-response',
      'rate-limited',
      'not-deployed',
    ] as const) {
      expect(
        assessCycle([ok('alerts'), failed('metrics', kind)], healthyHealth),
      ).toEqual({
        state: 'degraded',
        reason: `GET /x/metrics: ${kind} happened`,
      });
    }
    expect(assessCycle([failed('metrics', 'server-error')], null)?.state).toBe(
      'degraded',
    );
  });

  it('is degraded when the platform reports its health degraded', () => {
    expect(assessCycle([ok('alerts')], degradedHealth)).toEqual({
      state: 'degraded',
      reason:
        'the platform reports its security health degraded ' +
        '(session_management unhealthy)',
    });
  });

  it('says nothing about a cycle that made no request', () => {
    expect(assessCycle([], degradedHealth)).toBeNull();
  });
});

describe('ConnectionTracker', () => {
  function tracker() {
    const clock = manualClock(TEST_START_MICROS);
    const connection = new ConnectionTracker(clock, createLogger(), {
      state: 'offline',
      reason: 'not contacted yet',
    });
    return { clock, connection };
  }

  it('records changes newest first with the time they were seen', () => {
    const { clock, connection } = tracker();

    connection.move({ state: 'online', reason: 'ok' });
    clock.advanceMicros(5_000_000);
    const down = connection.move({ state: 'offline', reason: 'refused' });
    connection.move({ state: 'offline', reason: 'still refused' });

    expect(connection.transitions().map((t) => [t.from, t.to])).toEqual([
      ['online', 'offline'],
      ['offline', 'online'],
    ]);
    expect(down?.at).toBe('2026-12-03T16:00:05.000000Z');
    expect(connection.current).toEqual({
      state: 'offline',
      since: '2026-12-03T16:00:05.000000Z',
      reason: 'still refused',
    });
    expect(connection.find(down!.id)).toEqual(down);
  });

  it('offers going down and coming back, not the first contact', () => {
    const { connection } = tracker();

    const first = connection.move({ state: 'online', reason: 'ok' });
    const slower = connection.move({ state: 'degraded', reason: '5xx' });
    const refused = connection.move({ state: 'unauthorised', reason: '401' });
    const back = connection.move({ state: 'online', reason: 'ok' });

    expect([first, slower, refused, back].map((t) => t?.notable)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('counts being down at start as down once a cycle has seen it', () => {
    const { connection } = tracker();

    connection.move({ state: 'offline', reason: 'no answer' });
    const back = connection.move({ state: 'online', reason: 'ok' });

    expect(back?.notable).toBe(true);
  });

  it('keeps a bounded list of recent changes', () => {
    const { connection } = tracker();

    for (let i = 0; i < RECENT_TRANSITIONS + 10; i += 1) {
      connection.move({ state: i % 2 ? 'online' : 'degraded', reason: '' });
    }

    expect(connection.transitions()).toHaveLength(RECENT_TRANSITIONS);
  });
});
