import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal-types';
import type { FollowUpListItem, ReviewState } from '../../shared/review-types';
import { statement } from '../db/statement-cache';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
  type ManualClock,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { addFollowUp, seedIncident, writeSection } from './review-test-kit';

let warRoom: WarRoom;
let clock: ManualClock;

beforeEach(() => {
  ({ warRoom, clock } = openTestWarRoom());
});
afterEach(() => warRoom.close());

const DAY_MICROS = 86_400_000_000;

function reviewEntries(incidentId: string): JournalEntry['payload'][] {
  return statement<{ payload: string }>(
    warRoom.db,
    `SELECT payload FROM journal_entries
      WHERE scope = ? AND kind LIKE 'review.%' ORDER BY scope_pos`,
  )
    .all(incidentId)
    .map((row) => JSON.parse(row.payload) as JournalEntry['payload']);
}

describe('review sections', () => {
  it('amends a section with a new entry and keeps every version', async () => {
    const { id } = await seedIncident(warRoom);
    const first = await writeSection(warRoom, id, 'root-cause', 'Leaked key');
    const firstId = first.sections[2].versions[0].entryId;

    const review = await writeSection(
      warRoom,
      id,
      'root-cause',
      'Leaked deploy key in a public CI log',
      'key origin found',
    );

    const rootCause = review.sections.find((s) => s.section === 'root-cause')!;
    expect(rootCause.text).toBe('Leaked deploy key in a public CI log');
    expect(rootCause.versions.map((v) => v.text)).toEqual([
      'Leaked key',
      'Leaked deploy key in a public CI log',
    ]);
    expect(rootCause.versions[1].reason).toBe('key origin found');
    expect(reviewEntries(id)).toEqual([
      expect.objectContaining({ text: 'Leaked key', amends: null }),
      expect.objectContaining({ amends: firstId }),
    ]);
  });

  it('lists every section, empty ones included, in the plan’s order', async () => {
    const { id } = await seedIncident(warRoom);

    const review = await invokeOk<ReviewState>(warRoom, 'review:get', {
      incidentId: id,
    });

    expect(review.sections.map((s) => s.section)).toEqual([
      'summary',
      'impact',
      'root-cause',
      'contributing-factors',
      'went-well',
      'went-badly',
      'lessons-learned',
    ]);
    expect(review.sections.every((s) => s.text === '')).toBe(true);
    expect(review.meeting).toBeNull();
  });

  it('refuses a version identical to the current one and writes nothing', async () => {
    const { id } = await seedIncident(warRoom);
    await writeSection(warRoom, id, 'impact', 'Two customers');

    const again = await warRoom.invoke(
      'review:write-section',
      { incidentId: id, section: 'impact', text: 'Two customers' },
      testContext,
    );
    const empty = await warRoom.invoke(
      'review:write-section',
      { incidentId: id, section: 'summary', text: '' },
      testContext,
    );

    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(empty).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(reviewEntries(id)).toHaveLength(1);
  });

  it('amends the meeting record and counts the amendments', async () => {
    const { id } = await seedIncident(warRoom);
    const meeting = (attendees: string[]) =>
      invokeOk<ReviewState>(warRoom, 'review:record-meeting', {
        incidentId: id,
        heldAt: '2026-12-05T10:00:00+01:00',
        attendees,
      });
    await meeting(['Ana']);

    const review = await meeting(['Ana', 'Priya']);

    expect(review.meeting).toMatchObject({
      heldAt: '2026-12-05T09:00:00.000000Z',
      offset: '+01:00',
      attendees: ['Ana', 'Priya'],
      amendments: 1,
    });
  });
});

describe('follow-up actions', () => {
  it('tracks status changes as entries naming the one they amend', async () => {
    const { id } = await seedIncident(warRoom);
    const added = await addFollowUp(
      warRoom,
      id,
      'Rotate CI keys',
      '2026-12-10',
    );
    const followUpId = added.followUps[0].id;

    const review = await invokeOk<ReviewState>(
      warRoom,
      'review:update-follow-up',
      { incidentId: id, followUpId, status: 'done', reason: 'rotated' },
    );

    expect(review.followUps).toEqual([
      expect.objectContaining({
        id: followUpId,
        title: 'Rotate CI keys',
        status: 'done',
        lastReason: 'rotated',
      }),
    ]);
    expect(reviewEntries(id).at(-1)).toMatchObject({
      followUpId,
      amends: followUpId,
      status: 'done',
    });
  });

  it('is overdue only while outstanding after its due date (UTC)', async () => {
    const { id } = await seedIncident(warRoom);
    // The clock starts at 2026-12-03T16:00Z.
    await addFollowUp(warRoom, id, 'Due today', '2026-12-03');
    await addFollowUp(warRoom, id, 'Due yesterday', '2026-12-02');
    const done = await addFollowUp(warRoom, id, 'Done late', '2026-12-01');
    await invokeOk(warRoom, 'review:update-follow-up', {
      incidentId: id,
      followUpId: done.followUps[2].id,
      status: 'done',
    });

    const today = await invokeOk<ReviewState>(warRoom, 'review:get', {
      incidentId: id,
    });
    clock.advanceMicros(DAY_MICROS);
    const tomorrow = await invokeOk<ReviewState>(warRoom, 'review:get', {
      incidentId: id,
    });

    expect(today.followUps.map((f) => f.overdue)).toEqual([false, true, false]);
    expect(tomorrow.followUps.map((f) => f.overdue)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('lists follow-ups across incidents, overdue first', async () => {
    const first = await seedIncident(warRoom, { title: 'Phishing' });
    const second = await seedIncident(warRoom, { title: 'DDoS' });
    await addFollowUp(warRoom, first.id, 'Train staff', '2027-01-15');
    await addFollowUp(warRoom, second.id, 'Add rate limits', '2026-11-30');

    const list = await invokeOk<FollowUpListItem[]>(
      warRoom,
      'review:follow-ups',
      {},
    );

    expect(list.map((f) => [f.title, f.incidentTitle, f.overdue])).toEqual([
      ['Add rate limits', 'DDoS', true],
      ['Train staff', 'Phishing', false],
    ]);
  });

  it('refuses a date that does not exist, an unknown follow-up and no change', async () => {
    const { id } = await seedIncident(warRoom);
    const added = await addFollowUp(warRoom, id, 'Patch', '2026-12-10');
    const followUpId = added.followUps[0].id;
    const call = (channel: string, input: object) =>
      warRoom.invoke(channel, { incidentId: id, ...input }, testContext);

    const badDate = await call('review:add-follow-up', {
      title: 'x',
      owner: 'y',
      dueDate: '2026-02-30',
    });
    const unknown = await call('review:update-follow-up', {
      followUpId: '01JD0000000000000000000001',
      status: 'done',
    });
    const same = await call('review:update-follow-up', {
      followUpId,
      status: 'open',
    });

    expect(badDate).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringContaining('dueDate'),
      },
    });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(same).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(reviewEntries(id)).toHaveLength(1);
  });
});
