import { describe, expect, it } from 'vitest';
import { EVENT_BLOCK_SIZE, eventPageInput } from './admin-queries';

const NO_FILTER = { eventType: '', severity: '', user: '', ip: '' } as const;

describe('eventPageInput', () => {
  it('asks for a block by offset and leaves empty filters out', () => {
    expect(eventPageInput(NO_FILTER, 3)).toEqual({
      offset: 3 * EVENT_BLOCK_SIZE,
      limit: EVENT_BLOCK_SIZE,
    });
  });

  it('trims text filters and sends blank ones as none', () => {
    expect(
      eventPageInput(
        {
          eventType: ' login ',
          severity: 'critical',
          user: '  ',
          ip: '10.0.0.1 ',
        },
        0,
      ),
    ).toEqual({
      offset: 0,
      limit: EVENT_BLOCK_SIZE,
      eventType: 'login',
      severity: 'critical',
      ip: '10.0.0.1',
    });
  });
});
