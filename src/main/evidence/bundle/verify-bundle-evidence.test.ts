import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTODY_FILE } from './bag-layout';
import {
  checkBoth,
  copyBag,
  exportBundle,
  forgeJournal,
  openIncidentWithEvidence,
  readIndex,
  readJsonLines,
  readLines,
  rewriteManifests,
  writeIndex,
  writeJsonLines,
  type IndexDocument,
} from './bundle-fixture';

/*
 * The journal is the authority on the evidence and its custody: a bag
 * whose index, files and custody log were edited consistently, manifests
 * and Payload-Oxum rewritten, must still fail against the journal. Every
 * case runs through both verifiers, which must name the same problem.
 */

let root: string;
let pristine: string;
let index: IndexDocument;
let transferId: string;

beforeAll(async () => {
  const fixture = await openIncidentWithEvidence();
  root = fixture.root;
  pristine = join(root, 'pristine');
  await exportBundle(fixture.warRoom, fixture.incident.id, pristine);
  fixture.warRoom.close();
  index = readIndex(pristine);
  transferId = custodyLines(pristine).find(
    (line) => line.action === 'transferred',
  )!.entryId as string;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const custodyLines = (bag: string) => readJsonLines(join(bag, CUSTODY_FILE));

function editCustody(
  bag: string,
  edit: (lines: Record<string, unknown>[]) => unknown[],
): void {
  writeJsonLines(join(bag, CUSTODY_FILE), edit(custodyLines(bag)));
  rewriteManifests(bag);
}

function editIndex(bag: string, edit: (document: IndexDocument) => void) {
  const document = readIndex(bag);
  edit(document);
  writeIndex(bag, document);
  rewriteManifests(bag);
}

/** Where a journal entry stands, as both verifiers name it. */
function journalLine(entryId: string): string {
  const number = readLines(pristine).findIndex((line) => line.id === entryId);
  return `data/journal.jsonl line ${number + 1} (entry ${entryId})`;
}

function custodyLine(entryId: string): string {
  const lines = custodyLines(pristine);
  const number = lines.findIndex((line) => line.entryId === entryId);
  return `data/custody.jsonl line ${number + 1} (entry ${entryId})`;
}

/** The two items of identical content, in index order. */
function duplicates(): [number, number] {
  const found = index.evidence.flatMap((item, at) =>
    String(item.name).startsWith('report') ? [at] : [],
  );
  return [found[0], found[1]];
}

const FORGED_ID = '01KZZZZZZZZZZZZZZZZZZZZZZZ';

type Tampering = [
  name: string,
  tamper: (bag: string) => void,
  expected: () => string,
];

const EVIDENCE_TAMPERINGS: Tampering[] = [
  [
    'an item removed with its file, index entry and custody line',
    (bag) => {
      const removed = readIndex(bag).evidence[2];
      rmSync(join(bag, removed.bagPath));
      editCustody(bag, (lines) =>
        lines.filter((line) => line.evidenceId !== removed.id),
      );
      editIndex(bag, (document) => document.evidence.splice(2, 1));
    },
    () =>
      `${journalLine(index.evidence[2].entryId)}: missing: evidence item ` +
      `${index.evidence[2].id} that this entry registered is not in ` +
      'data/incident.json',
  ],
  [
    'an md5 edited in incident.json',
    (bag) =>
      editIndex(bag, (document) => {
        document.evidence[1].md5 = '0'.repeat(32);
      }),
    () =>
      `data/incident.json: altered: the md5 of evidence item ` +
      `${index.evidence[1].id} is not the one journal entry ` +
      `${index.evidence[1].entryId} registered`,
  ],
  [
    'a size given as a string in incident.json',
    (bag) =>
      editIndex(bag, (document) => {
        document.evidence[3].size = String(document.evidence[3].size);
      }),
    () =>
      `data/incident.json: altered: the size of evidence item ` +
      `${index.evidence[3].id} is not the one journal entry ` +
      `${index.evidence[3].entryId} registered`,
  ],
  [
    'an item the journal never registered, with a copy of a file',
    (bag) => {
      const source = readIndex(bag).evidence[0];
      cpSync(join(bag, source.bagPath), join(bag, 'data/evidence/011-x.log'));
      editIndex(bag, (document) =>
        document.evidence.push({
          ...source,
          id: FORGED_ID,
          bagPath: 'data/evidence/011-x.log',
        }),
      );
    },
    () =>
      `data/evidence/011-x.log: altered: journal entry ` +
      `${index.evidence[0].entryId} does not register evidence item ` +
      FORGED_ID,
  ],
  [
    'two items of the same content given one file',
    (bag) => {
      const [first, second] = duplicates();
      rmSync(join(bag, index.evidence[second].bagPath));
      editIndex(bag, (document) => {
        document.evidence[second].bagPath = document.evidence[first].bagPath;
      });
    },
    () => {
      const [first, second] = duplicates();
      return (
        `data/incident.json: malformed: evidence[${second}] names the ` +
        `file of evidence[${first}], ${index.evidence[first].bagPath}; ` +
        'each item has its own file'
      );
    },
  ],
  [
    'a registered size forged in a rehashed journal',
    (bag) =>
      forgeJournal(bag, (lines) => {
        const added = lines.find(
          (line) => line.id === index.evidence[0].entryId,
        );
        added!.payload.size = (added!.payload.size as number) + 1;
      }),
    () =>
      `${index.evidence[0].bagPath}: altered: it holds ` +
      `${index.evidence[0].size as number} bytes, not the size registered ` +
      `in journal entry ${index.evidence[0].entryId}`,
  ],
];

const CUSTODY_TAMPERINGS: Tampering[] = [
  [
    'an invented custody line releasing an item to Mallory',
    (bag) =>
      editCustody(bag, (lines) => [
        ...lines,
        {
          ...lines[0],
          entryId: FORGED_ID,
          action: 'released',
          handler: { name: 'Mallory', role: '', contact: '' },
        },
      ]),
    () =>
      `data/custody.jsonl line ${custodyLines(pristine).length + 1} ` +
      `(entry ${FORGED_ID}): extra: the journal records no custody event ` +
      'with this entry id',
  ],
  [
    'a transfer redirected to Mallory',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.map((line) =>
          line.entryId === transferId
            ? { ...line, recipient: { name: 'Mallory', role: '', contact: '' } }
            : line,
        ),
      ),
    () =>
      `${custodyLine(transferId)}: altered: its recipient is not the one ` +
      `journal entry ${transferId} records`,
  ],
  [
    'a transfer moved in time',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.map((line) =>
          line.entryId === transferId
            ? { ...line, occurredAt: '2026-12-04T09:00:00.000000Z' }
            : line,
        ),
      ),
    () =>
      `${custodyLine(transferId)}: altered: its occurredAt is not the one ` +
      `journal entry ${transferId} records`,
  ],
  [
    'the handler of a collection changed',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.map((line, at) =>
          at === 0
            ? { ...line, handler: { name: 'Mallory', role: '', contact: '' } }
            : line,
        ),
      ),
    () => {
      const entryId = custodyLines(pristine)[0].entryId as string;
      return (
        `${custodyLine(entryId)}: altered: its handler is not the one ` +
        `journal entry ${entryId} records`
      );
    },
  ],
  [
    'an md5 edited in a custody line',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.map((line) =>
          line.entryId === transferId ? { ...line, md5: '0'.repeat(32) } : line,
        ),
      ),
    () => {
      const transfer = custodyLines(pristine).find(
        (line) => line.entryId === transferId,
      )!;
      const item = index.evidence.find(({ id }) => id === transfer.evidenceId);
      return (
        `${custodyLine(transferId)}: altered: its md5 is not the one ` +
        `journal entry ${item!.entryId} records`
      );
    },
  ],
  [
    'a custody line removed',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.filter((line) => line.entryId !== transferId),
      ),
    () => {
      const transfer = custodyLines(pristine).find(
        (line) => line.entryId === transferId,
      )!;
      return (
        `${journalLine(transferId)}: missing: data/custody.jsonl has no ` +
        'line for this custody event of evidence item ' +
        String(transfer.evidenceId)
      );
    },
  ],
  [
    'a custody line repeated',
    (bag) =>
      editCustody(bag, (lines) => [
        ...lines,
        lines.find((line) => line.entryId === transferId),
      ]),
    () =>
      `data/custody.jsonl line ${custodyLines(pristine).length + 1} ` +
      `(entry ${transferId}): extra: an earlier line already holds the ` +
      'custody event of this entry',
  ],
  [
    'a custody line with a field the journal does not record',
    (bag) =>
      editCustody(bag, (lines) =>
        lines.map((line, at) => (at === 1 ? { ...line, seal: 'A-17' } : line)),
      ),
    () =>
      `${custodyLine(custodyLines(pristine)[1].entryId as string)}: ` +
      'malformed: the line has the unexpected field seal',
  ],
];

async function expectBothFail(tamper: Tampering[1], expected: () => string) {
  const bag = copyBag(pristine, root);
  tamper(bag);

  const { python, own, ownLine } = await checkBoth(bag);
  expect(own.ok).toBe(false);
  expect(ownLine).toBe(`FAILED: ${expected()}`);
  expect(python).toEqual({ code: 1, stdout: `${ownLine}\n`, stderr: '' });
}

describe('holding the evidence to the journal', () => {
  it('passes a bag holding two items of the same content', async () => {
    const [first, second] = duplicates();
    expect(index.evidence[first].sha256).toBe(index.evidence[second].sha256);
    const { python, own } = await checkBoth(pristine);
    expect(own.ok).toBe(true);
    expect(python.code).toBe(0);
  });

  it.each(EVIDENCE_TAMPERINGS)(
    'both verifiers name %s',
    async (_name, tamper, expected) => expectBothFail(tamper, expected),
  );
});

describe('holding the custody log to the journal', () => {
  it.each(CUSTODY_TAMPERINGS)(
    'both verifiers name %s',
    async (_name, tamper, expected) => expectBothFail(tamper, expected),
  );
});
