import { formatUtc } from '../../shared/metrics-types';
import {
  FOLLOW_UP_STATUS_LABELS,
  REVIEW_SECTION_LABELS,
} from '../../shared/review-types';
import {
  fields,
  heading,
  paragraph,
  table,
  type Block,
  type Cell,
  type ReportSection,
} from './report-blocks';
import type { ReportData } from './report-data';

function sectionBlocks(data: ReportData): Block[] {
  return data.review.sections
    .filter((section) => section.section !== 'summary')
    .flatMap((section) => {
      const amended =
        section.versions.length > 1
          ? ` (amended ${section.versions.length - 1} time(s))`
          : '';
      return [
        heading(`${REVIEW_SECTION_LABELS[section.section]}${amended}`),
        paragraph(section.text || 'Not written.'),
      ];
    });
}

function meetingBlock(data: ReportData): Block {
  const { meeting } = data.review;
  if (!meeting) return paragraph('No review meeting has been recorded.');
  return fields([
    ['Held', `${formatUtc(meeting.heldAt)} (entered at ${meeting.offset})`],
    ['Attendees', meeting.attendees.join(', ')],
  ]);
}

export function reviewSection(data: ReportData): ReportSection {
  const followUps = data.review.followUps.map((followUp): Cell[] => [
    followUp.title,
    followUp.owner,
    followUp.dueDate,
    followUp.overdue
      ? {
          text: `${FOLLOW_UP_STATUS_LABELS[followUp.status]}, overdue`,
          tone: 'bad',
        }
      : FOLLOW_UP_STATUS_LABELS[followUp.status],
  ]);
  return {
    id: 'review',
    title: 'Post-incident review',
    blocks: [
      heading('Review meeting'),
      meetingBlock(data),
      ...sectionBlocks(data),
      heading('Follow-up actions'),
      table(
        ['Action', 'Owner', 'Due', 'Status'],
        followUps,
        'No follow-up actions were agreed.',
      ),
    ],
  };
}

/**
 * The chain heads the report was written from. A bundle exported later
 * holds the same entries: each device's line at this length in
 * data/journal.jsonl has this hash, and bag-info.txt's
 * War-Room-Chain-Head lines name the heads at the bundle's own time.
 */
export function integritySection(data: ReportData): ReportSection {
  const heads = data.heads.map((head): Cell[] => [
    head.deviceId,
    String(head.length),
    head.headHash,
  ]);
  return {
    id: 'integrity',
    title: 'Journal integrity',
    blocks: [
      paragraph(
        `This report was generated from the first ${data.entryCount} ` +
          'journal entries of the incident. Each device writes its own hash ' +
          'chain; the head of each chain is below. In an evidence bundle, ' +
          'the entry of that device at that chain length in ' +
          'data/journal.jsonl must carry this hash, and bag-info.txt lists ' +
          'the heads as War-Room-Chain-Head lines ("device length hash").',
      ),
      table(
        ['Device', 'Chain length', 'Head hash (SHA-256)'],
        heads,
        'The journal has no entries.',
      ),
    ],
  };
}
