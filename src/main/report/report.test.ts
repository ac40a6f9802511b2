import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportExportSummary } from '../../shared/review-types';
import { statement } from '../db/statement-cache';
import { appendEntry, createJournalWriter } from '../journal/append-entries';
import { JOURNAL_FILE } from '../evidence/bundle/bag-layout';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import {
  addFollowUp,
  seedIncident,
  writeSection,
} from '../review/review-test-kit';
import { escapeHtml } from './report-html';
import { escapeMarkdown } from './report-markdown';

let warRoom: WarRoom;
let clock: ReturnType<typeof openTestWarRoom>['clock'];
let out: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  ({ warRoom, clock } = openTestWarRoom());
  out = makeTempDir();
});
afterEach(() => {
  warRoom.close();
  out.remove();
});

const HOSTILE = '<script>alert(1)</script> & "x" | **bold** [link](http://e.x)';

async function reviewedIncident() {
  const incident = await seedIncident(warRoom, {
    title: `Exfiltration ${HOSTILE}`,
    detectedAt: '2026-12-03T16:10:00Z',
    milestones: {
      'first-seen': '2026-12-03T16:00:00Z',
      acknowledged: '2026-12-03T17:30:00+01:00',
      contained: '2026-12-03T18:10:00Z',
      recovered: '2026-12-04T09:10:00Z',
    },
  });
  await invokeOk(warRoom, 'journal:add-note', {
    incidentId: incident.id,
    text: `Note ${HOSTILE}\nsecond line`,
  });
  await invokeOk(warRoom, 'evidence:add-text', {
    incidentId: incident.id,
    name: 'netstat.txt',
    text: 'tcp 0 0 10.0.0.5:22 203.0.113.7:51234 ESTABLISHED\n',
    type: 'system-snapshot',
  });
  await writeSection(warRoom, incident.id, 'summary', 'Keys leaked via CI');
  await writeSection(warRoom, incident.id, 'lessons-learned', HOSTILE);
  await addFollowUp(warRoom, incident.id, 'Rotate CI keys', '2026-12-01');
  return incident;
}

async function render(incidentId: string, format: 'md' | 'html') {
  const { content } = await invokeOk<{ content: string }>(
    warRoom,
    'report:render',
    { incidentId, format },
  );
  return content;
}

function heads(incidentId: string) {
  return statement<{ device_id: string; length: number; head_hash: string }>(
    warRoom.db,
    'SELECT device_id, length, head_hash FROM journal_chain_heads WHERE scope = ?',
  ).all(incidentId);
}

describe('incident report', () => {
  it('times detect, respond, contain and recover against the plan’s targets', async () => {
    const { id } = await reviewedIncident();

    const md = await render(id, 'md');

    // Detected 16:10 from the card; acknowledged 16:30 UTC.
    expect(md).toMatch(
      /\| Time to detect \| .* \| 10 min 00 s \| \\< 15 min \| met \|/,
    );
    expect(md).toMatch(
      /\| Time to respond \| .* \| 20 min 00 s \| \\< 1 h \| met \|/,
    );
    expect(md).toMatch(
      /\| Time to contain \| .* \| 2 h 00 min \| none \| no target \|/,
    );
    expect(md).toMatch(
      /\| Time to recover \| .* \| 17 h 00 min \| \\< 24 h \| met \|/,
    );
  });

  it('says which milestones are missing and marks a missed target', async () => {
    const { id } = await seedIncident(warRoom, {
      milestones: {
        'first-seen': '2026-12-03T10:00:00Z',
        detected: '2026-12-03T11:00:00Z',
      },
    });

    const html = await render(id, 'html');

    expect(html).toContain('<td class="bad">missed</td>');
    expect(html).toContain('<td>missing: Acknowledged</td>');
    expect(html).not.toContain('missing: First malicious action');
  });

  it('escapes what people typed in HTML and fetches nothing', async () => {
    const { id } = await reviewedIncident();

    const html = await render(id, 'html');

    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('Note ' + escapeHtml(HOSTILE) + '<br>second line');
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(/i);
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('escapes what people typed in Markdown', async () => {
    const { id } = await reviewedIncident();

    const md = await render(id, 'md');

    expect(md).toContain(escapeMarkdown(HOSTILE));
    expect(md).not.toContain('**bold**');
    expect(md).not.toContain('<script>');
    expect(escapeMarkdown('a|b *c* <d>')).toBe('a\\|b \\*c\\* \\<d\\>');
  });

  it('lists evidence hashes, the review and overdue follow-ups', async () => {
    const { id } = await reviewedIncident();
    const [item] = await invokeOk<{ hashes: { sha256: string } }[]>(
      warRoom,
      'evidence:list',
      { incidentId: id },
    );

    const md = await render(id, 'md');

    expect(md).toContain(item.hashes.sha256);
    expect(md).toContain('Keys leaked via CI');
    expect(md).toContain(
      '| Rotate CI keys | Priya (platform) | 2026-12-01 | Open, overdue |',
    );
    expect(md).toContain('No notifications were recorded in the journal.');
    expect(md).toContain('No emergency actions were taken through War Room.');
  });

  it('states the chain heads, which the later bundle’s journal holds', async () => {
    const { id } = await reviewedIncident();
    const [head] = heads(id);

    const md = await render(id, 'md');
    const bag = join(out.path, 'bag');
    await invokeOk(warRoom, 'evidence:export-bundle', {
      incidentId: id,
      outDir: bag,
    });

    expect(md).toContain(
      `| ${head.device_id} | ${head.length} | ${head.head_hash} |`,
    );
    const lines = readFileSync(join(bag, JOURNAL_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { chainSeq: number; hash: string });
    expect(lines.find((line) => line.chainSeq === head.length)?.hash).toBe(
      head.head_hash,
    );
  });

  it('writes a new file once, journals it, and never overwrites', async () => {
    const { id } = await reviewedIncident();
    const path = join(out.path, 'report.html');

    const summary = await invokeOk<ReportExportSummary>(
      warRoom,
      'report:export',
      {
        incidentId: id,
        format: 'html',
        outPath: path,
      },
    );
    const again = await warRoom.invoke(
      'report:export',
      { incidentId: id, format: 'html', outPath: path },
      testContext,
    );

    expect(readFileSync(path, 'utf8')).toContain('<h1>Incident report: ');
    expect(summary.bytes).toBe(readFileSync(path).length);
    expect(again).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringContaining('already exists'),
      },
    });
    const kinds = statement<{ kind: string }>(
      warRoom.db,
      "SELECT kind FROM journal_entries WHERE scope = ? AND kind = 'report.exported'",
    ).all(id);
    expect(kinds).toHaveLength(1);
  });

  it('refuses an unknown incident and a relative path', async () => {
    const { id } = await seedIncident(warRoom);

    const unknown = await warRoom.invoke(
      'report:render',
      { incidentId: '01JD0000000000000000000001', format: 'md' },
      testContext,
    );
    const relative = await warRoom.invoke(
      'report:export',
      { incidentId: id, format: 'md', outPath: 'report.md' },
      testContext,
    );

    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(relative).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });

  it('lists platform actions, emergency ones apart, and notifications by kind', async () => {
    const { id } = await seedIncident(warRoom);
    const writer = createJournalWriter(warRoom.deviceId, clock);
    const append = (kind: string, payload: Record<string, string | number>) =>
      appendEntry(warRoom.db, writer, {
        scope: id,
        kind,
        actor: 'ana',
        payload,
      });
    append('outbox.emergency-lockdown-sent', {
      text: 'Emergency lockdown requested',
      httpStatus: 200,
      answer: 'lockdown active',
    });
    append('outbox.session-revoked', { text: 'Session s-42 revoked' });
    append('contacts.notified', { text: 'Legal counsel notified by phone' });

    const md = await render(id, 'md');
    const actions = md.slice(
      md.indexOf('## Actions taken'),
      md.indexOf('## Evidence'),
    );
    const emergency = actions.slice(
      actions.indexOf('### Emergency actions'),
      actions.indexOf('### Actions sent to the platform'),
    );

    expect(emergency).toContain(
      'Emergency lockdown requested | answer: lockdown active; httpStatus: 200 |',
    );
    expect(emergency).not.toContain('Session s-42 revoked');
    expect(actions).toContain('| Session s-42 revoked | — |');
    expect(md).toContain('| ana | Legal counsel notified by phone |');
  });
});
