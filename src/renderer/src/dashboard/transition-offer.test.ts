import { describe, expect, it } from 'vitest';
import type { ConnectionTransition } from '../../../shared/admin-api-types';
import { sampleIncident } from '../test-support/sample-data';
import {
  transitionKey,
  transitionToOffer,
  transitionWording,
} from './transition-offer';

const incident = sampleIncident({ openedAt: '2026-12-03T16:25:32.123456Z' });

function transition(
  changes: Partial<ConnectionTransition>,
): ConnectionTransition {
  return {
    id: 'T',
    from: 'online',
    to: 'offline',
    at: '2026-12-03T16:30:00.000000Z',
    reason: 'connection refused',
    notable: true,
    ...changes,
  };
}

const nothingHandled = () => false;

describe('transitionToOffer', () => {
  it('offers the newest notable change since the incident opened', () => {
    const offered = transitionToOffer(
      [
        transition({ id: 'A', at: '2026-12-03T16:30:00.000000Z' }),
        transition({
          id: 'B',
          from: 'offline',
          to: 'online',
          at: '2026-12-03T16:45:00.000000Z',
        }),
        transition({
          id: 'C',
          from: 'online',
          to: 'degraded',
          at: '2026-12-03T16:50:00.000000Z',
          notable: false,
        }),
      ],
      incident,
      nothingHandled,
    );
    expect(offered?.id).toBe('B');
  });

  it('offers nothing from before the incident was opened', () => {
    const early = transition({ at: '2026-12-03T16:25:32.123455Z' });
    expect(transitionToOffer([early], incident, nothingHandled)).toBeNull();
  });

  it('offers nothing for a closed incident or with none open', () => {
    const closed = sampleIncident({ status: 'closed' });
    expect(
      transitionToOffer([transition({})], closed, nothingHandled),
    ).toBeNull();
    expect(
      transitionToOffer([transition({})], undefined, nothingHandled),
    ).toBeNull();
  });

  it('skips changes already pinned or dismissed for this incident', () => {
    const handled = new Set([transitionKey(incident.id, 'B')]);
    const offered = transitionToOffer(
      [
        transition({ id: 'A' }),
        transition({ id: 'B', at: '2026-12-03T17:00:00.000000Z' }),
      ],
      incident,
      (key) => handled.has(key),
    );
    expect(offered?.id).toBe('A');
  });
});

describe('transitionWording', () => {
  it.each([
    [{ from: 'online', to: 'offline' }, 'went offline'],
    [{ from: 'offline', to: 'online' }, 'is back online'],
    [{ from: 'unauthorised', to: 'online' }, 'is back online'],
    [
      { from: 'online', to: 'unauthorised' },
      'is now unauthorised (was online)',
    ],
  ] as const)('%o reads "%s"', (change, text) => {
    expect(transitionWording(transition(change))).toBe(text);
  });
});
