import { describe, expect, it } from 'vitest';
import { describeEntry } from './journal-types';

describe('review entry wording', () => {
  it('says whether a section was written or amended, and why', () => {
    expect(
      describeEntry('review.section-written', {
        section: 'root-cause',
        text: 'Leaked key',
        amends: null,
        reason: '',
      }),
    ).toBe('Review root cause written: Leaked key');
    expect(
      describeEntry('review.section-written', {
        section: 'root-cause',
        text: 'Leaked deploy key',
        amends: '01JD0000000000000000000001',
        reason: 'origin found',
      }),
    ).toBe(
      'Review root cause amended: Leaked deploy key (reason: origin found)',
    );
  });

  it('describes meetings, follow-ups and report exports', () => {
    expect(
      describeEntry('review.meeting-recorded', {
        heldAt: '2026-12-05T09:00:00.000000Z',
        attendees: ['Ana', 'Priya'],
      }),
    ).toBe('Review meeting 2026-12-05T09:00:00.000000Z with Ana, Priya');
    expect(
      describeEntry('review.follow-up-updated', {
        title: 'Rotate keys',
        owner: 'Li',
        dueDate: '2026-12-10',
        status: 'in-progress',
        reason: '',
      }),
    ).toBe('Follow-up "Rotate keys" (Li, due 2026-12-10) now in progress');
    expect(describeEntry('report.exported', { path: '/tmp/r.md' })).toBe(
      'Incident report written to /tmp/r.md',
    );
  });
});
