import {
  CUSTODY_ACTION_LABELS,
  EVIDENCE_TYPE_LABELS,
  type CustodyEvent,
} from '../../shared/evidence-types';
import type { ChecklistItem } from '../../shared/incident-command-types';
import { PHASE_IDS, type PhaseId } from '../../shared/incident-lifecycle';
import { formatUtc } from '../../shared/metrics-types';
import {
  heading,
  paragraph,
  table,
  type Cell,
  type ReportSection,
} from './report-blocks';
import type { ReportData } from './report-data';

function custodyLine(event: CustodyEvent): string {
  const to = event.recipient ? ` to ${event.recipient.name}` : '';
  return (
    `${formatUtc(event.occurredAt)} ${CUSTODY_ACTION_LABELS[event.action]}` +
    `${to} by ${event.handler.name}`
  );
}

export function evidenceSection(data: ReportData): ReportSection {
  const items = data.evidence.map((item): Cell[] => [
    item.name,
    EVIDENCE_TYPE_LABELS[item.type],
    String(item.size),
    item.hashes.sha256,
    `${formatUtc(item.acquiredAt)} by ${item.acquiredBy}`,
    item.integrity,
  ]);
  const custody = data.evidence.map((item): Cell[] => {
    const events = data.custody.get(item.id) ?? [];
    return [
      item.name,
      String(events.length),
      `${CUSTODY_ACTION_LABELS[item.custodyState]}, held by ${item.custodian}`,
      events.map(custodyLine).join('\n'),
    ];
  });
  return {
    id: 'evidence',
    title: 'Evidence',
    blocks: [
      table(
        ['Item', 'Type', 'Bytes', 'SHA-256', 'Acquired', 'Integrity'],
        items,
        'No evidence was registered.',
      ),
      heading('Chain of custody'),
      table(
        ['Item', 'Events', 'Now', 'History (UTC)'],
        custody,
        'No custody was recorded.',
      ),
    ],
  };
}

function phaseLabel(id: PhaseId): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function phaseRow(phase: PhaseId, items: ChecklistItem[]): Cell[] {
  const mine = items.filter((item) => item.phase === phase);
  const count = (state: ChecklistItem['state']) =>
    mine.filter((item) => item.state === state).length;
  const requiredOpen = mine.filter(
    (item) => item.required && item.state === 'open',
  ).length;
  return [
    phaseLabel(phase),
    String(mine.length),
    String(count('done')),
    String(count('skipped')),
    String(count('open')),
    requiredOpen > 0
      ? { text: String(requiredOpen), tone: 'bad' }
      : { text: '0', tone: 'good' },
  ];
}

function overrideRows(data: ReportData): Cell[][] {
  return data.entries
    .filter(
      (entry) =>
        (entry.kind === 'incident.phase-advanced' ||
          entry.kind === 'incident.closed') &&
        typeof entry.payload.overrideReason === 'string' &&
        entry.payload.overrideReason !== '',
    )
    .map((entry) => [
      formatUtc(entry.recordedAt),
      entry.actor,
      entry.text,
      Array.isArray(entry.payload.openRequired)
        ? entry.payload.openRequired.join(', ')
        : '',
    ]);
}

export function checklistSection(data: ReportData): ReportSection {
  const items = data.command.checklist;
  const skipped = items
    .filter((item) => item.state === 'skipped')
    .map((item): Cell[] => [
      item.title,
      phaseLabel(item.phase),
      item.reason ?? '',
      item.updatedBy ?? '',
    ]);
  const done = items.filter((item) => item.state === 'done').length;
  return {
    id: 'checklist',
    title: 'Checklist',
    blocks: [
      paragraph(
        items.length === 0
          ? 'No checklist was attached.'
          : `${done} of ${items.length} items done.`,
      ),
      table(
        ['Phase', 'Items', 'Done', 'Skipped', 'Open', 'Required open'],
        items.length === 0
          ? []
          : PHASE_IDS.map((phase) => phaseRow(phase, items)),
        'No checklist items.',
      ),
      heading('Skipped items'),
      table(
        ['Item', 'Phase', 'Reason', 'By'],
        skipped,
        'No items were skipped.',
      ),
      heading('Overrides'),
      table(
        ['When (UTC)', 'By', 'Decision', 'Required items still open'],
        overrideRows(data),
        'No required item was overridden.',
      ),
    ],
  };
}
