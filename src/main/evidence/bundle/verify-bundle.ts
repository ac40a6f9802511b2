import { BagFiles } from './bag-files';
import {
  BAG_INFO_FILE,
  BAGIT_FILE,
  EVIDENCE_DIR,
  INCIDENT_FILE,
  JOURNAL_FILE,
  MANIFEST_FILE,
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
import {
  chainHeadLine,
  ChainWalk,
  checkChainHeads,
  type ChainHead,
} from './chain-walk';
import {
  isHex64,
  parseJournalLine,
  type ParsedJournalLine,
} from './journal-lines';

/*
 * The bundle check in War Room. It is the shipped verify_bundle.py written
 * again: the same checks in the same order, the same wording, so both name
 * the same first problem. Change them together.
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

async function checkPayloadOxum(
  bag: BagFiles,
  info: TagValues,
  payload: readonly ManifestLine[],
): Promise<number> {
  const oxum = singleValue(info, 'Payload-Oxum', BAG_INFO_FILE);
  if (!/^[0-9]+\.[0-9]+$/.test(oxum)) {
    throw new BagProblem(
      BAG_INFO_FILE,
      'malformed',
      `Payload-Oxum must be BYTES.FILES, not ${oxum}`,
    );
  }
  let size = 0;
  for (const { path } of payload) size += (await bag.status(path))!.size;
  const actual = `${size}.${payload.length}`;
  if (oxum !== actual) {
    throw new BagProblem(
      BAG_INFO_FILE,
      'altered',
      `Payload-Oxum is ${oxum}, but the payload holds ${actual}`,
    );
  }
  return size;
}

type EvidenceRef = {
  id: string;
  bagPath: string;
  sha256: string;
  entryId: string;
};

type IncidentIndex = {
  id: string;
  heads: ChainHead[];
  evidence: EvidenceRef[];
};

const incidentProblem = (detail: string) =>
  new BagProblem(INCIDENT_FILE, 'malformed', detail);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readHeads(heads: unknown): ChainHead[] {
  if (!Array.isArray(heads)) throw incidentProblem('chainHeads is not a list');
  const devices = new Set<string>();
  return heads.map((head: unknown, index) => {
    if (
      !isRecord(head) ||
      typeof head.deviceId !== 'string' ||
      !Number.isSafeInteger(head.length) ||
      (head.length as number) < 1 ||
      !isHex64(head.headHash)
    ) {
      throw incidentProblem(
        `chainHeads[${index}] is not a {deviceId, length, headHash} object`,
      );
    }
    if (devices.has(head.deviceId)) {
      throw incidentProblem(`device ${head.deviceId} has two chain heads`);
    }
    devices.add(head.deviceId);
    return {
      deviceId: head.deviceId,
      length: head.length as number,
      headHash: head.headHash,
    };
  });
}

function readEvidenceIndex(items: unknown): EvidenceRef[] {
  if (!Array.isArray(items)) throw incidentProblem('evidence is not a list');
  return items.map((item: unknown, index) => {
    if (
      !isRecord(item) ||
      typeof item.id !== 'string' ||
      typeof item.bagPath !== 'string' ||
      typeof item.entryId !== 'string' ||
      !isHex64(item.sha256)
    ) {
      throw incidentProblem(
        `evidence[${index}] is not an {id, bagPath, sha256, entryId} object`,
      );
    }
    return item as EvidenceRef;
  });
}

async function readIncident(bag: BagFiles): Promise<IncidentIndex> {
  const text = await bag.readRequiredText(INCIDENT_FILE);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw incidentProblem('the file is not valid JSON');
  }
  if (!isRecord(document))
    throw incidentProblem('the file is not a JSON object');
  const incident = document.incident;
  if (!isRecord(incident) || typeof incident.id !== 'string') {
    throw incidentProblem('incident.id is missing');
  }
  return {
    id: incident.id,
    heads: readHeads(document.chainHeads),
    evidence: readEvidenceIndex(document.evidence),
  };
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

type JournalRecord = { where: string; parsed: ParsedJournalLine };

async function readJournal(bag: BagFiles): Promise<JournalRecord[]> {
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

function walkChains(records: readonly JournalRecord[], incidentId: string) {
  const walk = new ChainWalk(incidentId);
  records.forEach(({ where, parsed }, index) => {
    if (!parsed.entry) throw new BagProblem(where, 'malformed', parsed.problem);
    const { deviceId } = parsed.entry;
    walk.step(where, parsed.entry, () => {
      const later = records
        .slice(index + 1)
        .flatMap(({ parsed: next }) =>
          next.entry?.deviceId === deviceId ? [next.entry.chainSeq] : [],
        );
      return new Set(later);
    });
  });
  return walk.walked();
}

function checkRegistration(
  item: EvidenceRef,
  records: readonly JournalRecord[],
): void {
  const entry = records.find(
    (record) => record.parsed.entry?.id === item.entryId,
  )?.parsed.entry;
  if (!entry) {
    throw new BagProblem(
      item.bagPath,
      'missing',
      `the journal holds no entry ${item.entryId} registering evidence ` +
        `item ${item.id}`,
    );
  }
  if (entry.kind !== 'evidence.added' || entry.payload.evidenceId !== item.id) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      `journal entry ${entry.id} does not register evidence item ${item.id}`,
    );
  }
  if (entry.payload.sha256 !== item.sha256) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      'its SHA-256 differs from the one registered in journal entry ' +
        entry.id,
    );
  }
}

function checkEvidence(
  incident: IncidentIndex,
  payload: readonly ManifestLine[],
  records: readonly JournalRecord[],
): number {
  const hashes = new Map(payload.map((line) => [line.path, line.sha256]));
  const indexed = new Set<string>();
  for (const item of incident.evidence) {
    indexed.add(item.bagPath);
    const sha256 = hashes.get(item.bagPath);
    if (sha256 === undefined) {
      throw new BagProblem(
        item.bagPath,
        'missing',
        `evidence item ${item.id} is not listed in ${MANIFEST_FILE}`,
      );
    }
    if (sha256 !== item.sha256) {
      throw new BagProblem(
        item.bagPath,
        'altered',
        `its SHA-256 differs from the one ${INCIDENT_FILE} records for ` +
          `evidence item ${item.id}`,
      );
    }
    checkRegistration(item, records);
  }
  const stray = payload.find(
    ({ path }) => path.startsWith(`${EVIDENCE_DIR}/`) && !indexed.has(path),
  );
  if (stray) {
    throw new BagProblem(
      stray.path,
      'extra',
      `not the file of any evidence item in ${INCIDENT_FILE}`,
    );
  }
  return incident.evidence.length;
}

async function runChecks(root: string): Promise<string> {
  const bag = new BagFiles(root);
  await checkDeclaration(bag);
  const tags = await readManifest(bag, TAG_MANIFEST_FILE, false);
  await checkListedFiles(bag, tags, TAG_MANIFEST_FILE);
  const payload = await readManifest(bag, MANIFEST_FILE, true);
  await checkListedFiles(bag, payload, MANIFEST_FILE);
  await checkNoUnlistedFiles(bag, payload, tags);
  const info = parseTagFile(
    await bag.readRequiredText(BAG_INFO_FILE),
    BAG_INFO_FILE,
  );
  const size = await checkPayloadOxum(bag, info, payload);
  const incident = await readIncident(bag);
  checkBagInfoMatches(info, incident);
  const records = await readJournal(bag);
  const chains = walkChains(records, incident.id);
  checkChainHeads(chains, incident.heads);
  const evidence = checkEvidence(incident, payload, records);
  return (
    `OK: ${plural(payload.length, 'payload file')} ` +
    `(${plural(size, 'byte')}), ${plural(evidence, 'evidence file')}, ` +
    `${plural(chains.length, 'chain')} and ` +
    `${plural(records.length, 'journal entry', 'journal entries')} verified`
  );
}

/**
 * Checks a bag as a recipient would: the declaration, both manifests, no
 * unlisted file, Payload-Oxum, the journal's hash chains against their
 * recorded heads, and each evidence file against the journal entry that
 * registered it. Returns the first problem; throws only for I/O errors
 * other than a missing file.
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
