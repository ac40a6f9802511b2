import { describe, expect, it } from 'vitest';
import { canQueue, type ActionAvailability } from './outbox-types';

function availability(
  changes: Partial<ActionAvailability>,
): ActionAvailability {
  return {
    kind: 'lockdown',
    label: 'lockdown',
    available: false,
    capability: 'emergency-lockdown',
    route: null,
    reason: 'test',
    manualFallback: 'by hand',
    destructive: true,
    readBack: false,
    ...changes,
  } as ActionAvailability;
}

describe('canQueue', () => {
  it('queues what the server offers or has not said about yet', () => {
    expect(canQueue(availability({ available: true }))).toBe(true);
    expect(canQueue(availability({ capabilityState: 'unknown' }))).toBe(true);
  });

  it('offers only the manual step when absent or nothing is set up', () => {
    expect(canQueue(availability({ capabilityState: 'absent' }))).toBe(false);
    expect(canQueue(availability({ capabilityState: 'not-configured' }))).toBe(
      false,
    );
    expect(canQueue(availability({}))).toBe(false);
  });
});
