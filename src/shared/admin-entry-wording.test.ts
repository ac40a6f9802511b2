import { expect, it } from 'vitest';
import { describeEntry } from './journal-types';

it('words pinned platform alerts and events for the timeline', () => {
  expect(
    describeEntry('admin.alert-pinned', {
      record: {
        title: 'Suspicious IP Activity Detected',
        severity: 'warning',
        message: 'Multiple failed login attempts from IPs: 203.0.113.45',
      },
      note: 'same address as the phishing mail',
    }),
  ).toBe(
    'Platform alert Suspicious IP Activity Detected (warning): Multiple ' +
      'failed login attempts from IPs: 203.0.113.45 (note: same address ' +
      'as the phishing mail)',
  );
  expect(
    describeEntry('admin.event-pinned', {
      record: {
        eventType: 'session_terminated',
        severity: 'high',
        ipAddress: null,
        userId: '652bb65e',
        description: 'Session ended on IP change',
      },
      note: '',
    }),
  ).toBe(
    'Platform event session_terminated (high) for 652bb65e: Session ended ' +
      'on IP change',
  );
});

it('words changes of the connection to the platform', () => {
  const change = (from: string, to: string) =>
    describeEntry('admin.connection-changed', {
      from,
      to,
      reason: 'GET /api/admin/security/alerts: connection refused',
    });

  expect(change('online', 'offline')).toBe(
    'Admin API offline: GET /api/admin/security/alerts: connection refused',
  );
  expect(change('offline', 'online')).toMatch(/^Admin API back online: /);
  expect(change('online', 'unauthorised')).toMatch(
    /^Admin API refusing this console: /,
  );
  expect(change('degraded', 'online')).toMatch(/^Admin API online: /);
});
