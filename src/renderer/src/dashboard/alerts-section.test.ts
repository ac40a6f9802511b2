import { describe, expect, it } from 'vitest';
import { sampleAlert } from '../test-support/sample-admin';
import { sortAlerts } from './alerts-section';

describe('sortAlerts', () => {
  it('puts alerts needing action before any that do not, whatever their severity', () => {
    const sorted = sortAlerts([
      sampleAlert({ id: 'error', severity: 'error', actionRequired: false }),
      sampleAlert({ id: 'info', severity: 'info', actionRequired: true }),
    ]);
    expect(sorted.map((alert) => alert.id)).toEqual(['info', 'error']);
  });

  it('then orders by severity, the latest evaluation, and title', () => {
    const sorted = sortAlerts([
      sampleAlert({ id: 'older', evaluatedAt: '2025-01-20T10:00:00.000000Z' }),
      sampleAlert({ id: 'b', title: 'B' }),
      sampleAlert({ id: 'info', severity: 'info' }),
      sampleAlert({ id: 'a', title: 'A' }),
      sampleAlert({ id: 'error', severity: 'error' }),
    ]);
    expect(sorted.map((alert) => alert.id)).toEqual([
      'error',
      'a',
      'b',
      'older',
      'info',
    ]);
  });

  it('leaves the list it was given as it was', () => {
    const alerts = [
      sampleAlert({ id: 'info', severity: 'info' }),
      sampleAlert({ id: 'error', severity: 'error' }),
    ];
    sortAlerts(alerts);
    expect(alerts.map((alert) => alert.id)).toEqual(['info', 'error']);
  });
});
