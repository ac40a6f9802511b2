import { EVIDENCE_DIR, INCIDENT_FILE } from './bag-layout';
import { isRecord, parseStrictJson } from './bag-json';
import { BagProblem } from './bag-problem';
import type { BagFiles } from './bag-files';
import type { ChainHead } from './chain-walk';
import { isHex64 } from './journal-lines';

/** An item of `data/incident.json`'s evidence index, every field kept. */
export type IndexedItem = Record<string, unknown> & {
  id: string;
  bagPath: string;
  sha256: string;
  entryId: string;
};

export type IncidentIndex = {
  id: string;
  heads: ChainHead[];
  evidence: IndexedItem[];
};

const incidentProblem = (detail: string) =>
  new BagProblem(INCIDENT_FILE, 'malformed', detail);

function isHead(head: unknown): head is ChainHead {
  return (
    isRecord(head) &&
    typeof head.deviceId === 'string' &&
    Number.isSafeInteger(head.length) &&
    (head.length as number) >= 1 &&
    isHex64(head.headHash)
  );
}

function readHeads(heads: unknown): ChainHead[] {
  if (!Array.isArray(heads)) throw incidentProblem('chainHeads is not a list');
  const devices = new Set<string>();
  return heads.map((head: unknown, index) => {
    if (!isHead(head)) {
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
      length: head.length,
      headHash: head.headHash,
    };
  });
}

function isIndexedItem(item: unknown): item is IndexedItem {
  return (
    isRecord(item) &&
    typeof item.id === 'string' &&
    typeof item.bagPath === 'string' &&
    typeof item.entryId === 'string' &&
    isHex64(item.sha256)
  );
}

/**
 * The evidence index: each item once, each with its own file under
 * `data/evidence/` (two items of the same content have two files).
 */
function readEvidenceIndex(items: unknown): IndexedItem[] {
  if (!Array.isArray(items)) throw incidentProblem('evidence is not a list');
  const ids = new Map<string, number>();
  const paths = new Map<string, number>();
  return items.map((item: unknown, index) => {
    const at = `evidence[${index}]`;
    if (!isIndexedItem(item)) {
      throw incidentProblem(
        `${at} is not an {id, bagPath, sha256, entryId} object`,
      );
    }
    if (!item.bagPath.startsWith(`${EVIDENCE_DIR}/`)) {
      throw incidentProblem(`${at}.bagPath is not in ${EVIDENCE_DIR}/`);
    }
    if (ids.has(item.id)) {
      throw incidentProblem(
        `${at} lists evidence item ${item.id} again, after ` +
          `evidence[${ids.get(item.id)}]`,
      );
    }
    if (paths.has(item.bagPath)) {
      throw incidentProblem(
        `${at} names the file of evidence[${paths.get(item.bagPath)}], ` +
          `${item.bagPath}; each item has its own file`,
      );
    }
    ids.set(item.id, index);
    paths.set(item.bagPath, index);
    return item;
  });
}

/** Reads `data/incident.json`: the incident, chain heads and evidence. */
export async function readIncident(bag: BagFiles): Promise<IncidentIndex> {
  const parsed = parseStrictJson(
    await bag.readRequiredText(INCIDENT_FILE),
    'file',
  );
  if (parsed.problem !== null) throw incidentProblem(parsed.problem);
  const document = parsed.value;
  if (!isRecord(document)) {
    throw incidentProblem('the file is not a JSON object');
  }
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
