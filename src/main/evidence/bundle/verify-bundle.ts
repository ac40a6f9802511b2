import { BagFiles } from './bag-files';
import {
  BAG_INFO_FILE,
  BAGIT_FILE,
  INCIDENT_FILE,
  JOURNAL_FILE,
  MANIFEST_FILE,
  PAYLOAD_DIR,
  TAG_MANIFEST_FILE,
} from './bag-layout';
import { BagProblem, plural } from './bag-problem';
import {
  parseManifest,
  parseTagFile,
  singleValue,
  textLines,
  type ManifestLine,
  type TagValues,
} from './bag-text';
import { chainHeadLine, ChainWalk, checkChainHeads } from './chain-walk';
import { checkCustody } from './custody-check';
import {
  checkEvidence,
  type JournalRecord,
  type PayloadFile,
} from './evidence-check';
import { readIncident, type IncidentIndex } from './incident-index';
import { parseJournalLine, type ParsedJournalLine } from './journal-lines';

/*
 * The bundle check in War Room. With incident-index.ts, evidence-check.ts
 * and custody-check.ts it is the shipped verify_bundle.py written again:
 * the same checks in the same order, the same wording, so both name the
 * same first problem. Change them together.
 */

export type BundleCheck =
  { ok: true; summary: string } | { ok: false; problem: BagProblem };

async function checkDeclaration(bag: BagFiles): Promise<void> {
  const labels = parseTagFile(
    await bag.readRequiredText(BAGIT_FILE),
    BAGIT_FILE,
  );
  const version = singleValue(labels, 'BagIt-Version', BAGIT_FILE);
  if (version !== '1.0') {
    throw new BagProblem(
      BAGIT_FILE,
      'malformed',
      `BagIt-Version must be 1.0, not ${version}`,
    );
  }
  const encoding = singleValue(
    labels,
    'Tag-File-Character-Encoding',
    BAGIT_FILE,
  );
  if (encoding !== 'UTF-8') {
    throw new BagProblem(
      BAGIT_FILE,
      'malformed',
      `Tag-File-Character-Encoding must be UTF-8, not ${encoding}`,
    );
  }
}

async function readManifest(
  bag: BagFiles,
  file: string,
  payload: boolean,
): Promise<ManifestLine[]> {
  return parseManifest(await bag.readRequiredText(file), file, {
    payload,
    tagManifest: TAG_MANIFEST_FILE,
  });
}

async function checkListedFiles(
  bag: BagFiles,
  listed: readonly ManifestLine[],
  manifest: string,
): Promise<void> {
  for (const { path, sha256 } of listed) {
    const status = await bag.status(path);
    if (!status) {
      throw new BagProblem(
        path,
        'missing',
        `listed in ${manifest} but not in the bag`,
      );
    }
    if (!status.isFile()) {
      throw new BagProblem(path, 'malformed', 'not a regular file');
    }
    if ((await bag.sha256(path)) !== sha256) {
      throw new BagProblem(
        path,
        'altered',
        `its SHA-256 does not match ${manifest}`,
      );
    }
  }
}

async function checkNoUnlistedFiles(
  bag: BagFiles,
  payload: readonly ManifestLine[],
  tags: readonly ManifestLine[],
): Promise<void> {
  const payloadPaths = new Set(payload.map((line) => line.path));
  const tagPaths = new Set(tags.map((line) => line.path));
  for (const { path, regular } of await bag.allFiles()) {
    if (!regular) throw new BagProblem(path, 'malformed', 'not a regular file');
    if (path === TAG_MANIFEST_FILE) continue;
    const [listed, manifest] = path.startsWith('data/')
      ? [payloadPaths, MANIFEST_FILE]
      : [tagPaths, TAG_MANIFEST_FILE];
    if (!listed.has(path)) {
      throw new BagProblem(path, 'extra', `not listed in ${manifest}`);
    }
  }
}

/** The payload files with their sizes, for the checks after the manifests. */
async function payloadFiles(
  bag: BagFiles,
  payload: readonly ManifestLine[],
): Promise<Map<string, PayloadFile>> {
  const files = new Map<string, PayloadFile>();
  for (const { path, sha256 } of payload) {
    files.set(path, { sha256, size: (await bag.status(path))!.size });
  }
  return files;
}

function checkPayloadOxum(
  info: TagValues,
  payload: ReadonlyMap<string, PayloadFile>,
): number {
  const oxum = singleValue(info, 'Payload-Oxum', BAG_INFO_FILE);
  if (!/^[0-9]+\.[0-9]+$/.test(oxum)) {
    throw new BagProblem(
      BAG_INFO_FILE,
      'malformed',
      `Payload-Oxum must be BYTES.FILES, not ${oxum}`,
    );
  }
  let size = 0;
  for (const file of payload.values()) size += file.size;
  if (oxum !== `${size}.${payload.size}`) {
    throw new BagProblem(
      `${PAYLOAD_DIR}/`,
      'altered',
      `the payload no longer matches Payload-Oxum in ${BAG_INFO_FILE}: it ` +
        `holds ${plural(size, 'byte')} in ${plural(payload.size, 'file')}, ` +
        `where Payload-Oxum records ${oxum}`,
    );
  }
  return size;
}

function checkBagInfoMatches(info: TagValues, incident: IncidentIndex): void {
  const identifier = singleValue(info, 'External-Identifier', BAG_INFO_FILE);
  if (identifier !== incident.id) {
    throw new BagProblem(
      BAG_INFO_FILE,
      'altered',
      `External-Identifier is ${identifier}, but ${INCIDENT_FILE} is ` +
        `incident ${incident.id}`,
    );
  }
  const recorded = [...(info.get('War-Room-Chain-Head') ?? [])].sort();
  const expected = incident.heads.map(chainHeadLine).sort();
  if (recorded.join('\n') !== expected.join('\n')) {
    throw new BagProblem(
      BAG_INFO_FILE,
      'altered',
      'its War-Room-Chain-Head lines do not match the chain heads in ' +
        INCIDENT_FILE,
    );
  }
}

type ReadLine = { where: string; parsed: ParsedJournalLine };

async function readJournal(bag: BagFiles): Promise<ReadLine[]> {
  const text = await bag.readRequiredText(JOURNAL_FILE);
  return textLines(text).map((raw, index) => {
    const parsed = parseJournalLine(raw);
    const where = `${JOURNAL_FILE} line ${index + 1}`;
    return {
      where: parsed.entry ? `${where} (entry ${parsed.entry.id})` : where,
      parsed,
    };
  });
}

/** Walks the chains; every line is then a checked entry. */
function walkChains(lines: readonly ReadLine[], incidentId: string) {
  const walk = new ChainWalk(incidentId);
  const records = lines.map(({ where, parsed }, index): JournalRecord => {
    if (!parsed.entry) throw new BagProblem(where, 'malformed', parsed.problem);
    const { deviceId } = parsed.entry;
    walk.step(where, parsed.entry, () => {
      const later = lines
        .slice(index + 1)
        .flatMap(({ parsed: next }) =>
          next.entry?.deviceId === deviceId ? [next.entry.chainSeq] : [],
        );
      return new Set(later);
    });
    return { where, entry: parsed.entry };
  });
  return { records, chains: walk.walked() };
}

async function checkManifests(bag: BagFiles) {
  await checkDeclaration(bag);
  const tags = await readManifest(bag, TAG_MANIFEST_FILE, false);
  await checkListedFiles(bag, tags, TAG_MANIFEST_FILE);
  const payload = await readManifest(bag, MANIFEST_FILE, true);
  await checkListedFiles(bag, payload, MANIFEST_FILE);
  await checkNoUnlistedFiles(bag, payload, tags);
  return payloadFiles(bag, payload);
}

async function runChecks(root: string): Promise<string> {
  const bag = new BagFiles(root);
  const payload = await checkManifests(bag);
  const info = parseTagFile(
    await bag.readRequiredText(BAG_INFO_FILE),
    BAG_INFO_FILE,
  );
  const size = checkPayloadOxum(info, payload);
  const incident = await readIncident(bag);
  checkBagInfoMatches(info, incident);
  const { records, chains } = walkChains(await readJournal(bag), incident.id);
  checkChainHeads(chains, incident.heads);
  const evidence = checkEvidence(incident, payload, records);
  const custody = await checkCustody(bag, incident, records);
  return (
    `OK: ${plural(payload.size, 'payload file')} ` +
    `(${plural(size, 'byte')}), ${plural(evidence, 'evidence file')}, ` +
    `${plural(custody, 'custody event')}, ` +
    `${plural(chains.length, 'chain')} and ` +
    `${plural(records.length, 'journal entry', 'journal entries')} verified`
  );
}

/**
 * Checks a bag as a recipient would: the declaration, both manifests, no
 * unlisted file, Payload-Oxum, the journal's hash chains against their
 * recorded heads, then the evidence and the custody log against the
 * journal, both ways. Returns the first problem; throws only for I/O
 * errors other than a missing file.
 */
export async function verifyBundle(root: string): Promise<BundleCheck> {
  try {
    return { ok: true, summary: await runChecks(root) };
  } catch (error) {
    if (error instanceof BagProblem) return { ok: false, problem: error };
    throw error;
  }
}

export function bundleCheckLine(check: BundleCheck): string {
  return check.ok
    ? check.summary
    : `FAILED: ${check.problem.where}: ${check.problem.kind}: ` +
        check.problem.detail;
}
