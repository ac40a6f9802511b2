import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EvidenceItem } from '../../../shared/evidence-types';
import type { BundleSummary } from '../../../shared/ipc-contract';
import type { JsonObject } from '../../../shared/journal-types';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../db/open-database';
import type { Vault } from '../evidence-vault';
import {
  bagInfoText,
  custodyLines,
  incidentDocument,
  readmeText,
  type PlacedItem,
} from './bag-contents';
import {
  BAG_INFO_FILE,
  BAGIT_DECLARATION,
  BAGIT_FILE,
  CUSTODY_FILE,
  EVIDENCE_DIR,
  INCIDENT_FILE,
  MANIFEST_FILE,
  PAYLOAD_DIR,
  README_FILE,
  TAG_MANIFEST_FILE,
  VERIFIER_FILE,
} from './bag-layout';
import { evidenceFileName, prefixWidth } from './bag-names';
import { plural } from './bag-problem';
import { readBagSnapshot, type BagSnapshot } from './bag-snapshot';
import { claimTarget, undoTarget } from './bag-target';
import { formatManifest } from './bag-text';
import { BagWriter, syncDirectory, type WrittenFile } from './bag-writer';
import { readBundleResources, type BundleResources } from './bundle-resources';
import { unregisteredField } from './evidence-check';
import { writeJournal } from './write-journal';
import { writeBagZip } from './write-zip';

export type BundleRequest = {
  incidentId: string;
  outDir: string;
  zip: boolean;
  /** Organisation and contact for bag-info.txt. */
  organisation: string;
  contact: string;
  baggedAt: string;
};

function describeItem(placed: PlacedItem): string {
  return `evidence item ${placed.item.id} (${JSON.stringify(placed.item.name)})`;
}

/** How the evidence log's item differs from its registration, if it does. */
function registrationMismatch(
  item: EvidenceItem,
  registration: JsonObject | undefined,
): string | null {
  if (!registration) return 'the journal holds no such evidence.added entry';
  const indexed = { id: item.id, name: item.name, size: item.size };
  const field = unregisteredField({ ...indexed, ...item.hashes }, registration);
  return field === undefined ? null : `its ${field} differs`;
}

/**
 * Refuses an item the evidence log records otherwise than its journal
 * registration does, so the bag's index never contradicts its journal.
 */
function checkRegistered(
  placed: PlacedItem,
  registered: ReadonlyMap<string, JsonObject>,
): void {
  const { entryId } = placed.item;
  const mismatch = registrationMismatch(placed.item, registered.get(entryId));
  if (mismatch) {
    throw new AppFailure(
      'integrity',
      `${describeItem(placed)} does not match the journal entry ${entryId} ` +
        `that registered it (${mismatch}), so no bundle was written. Run ` +
        'war-room verify',
    );
  }
}

/** Refuses a registration whose item the evidence log no longer lists. */
function checkEveryRegistrationPlaced(
  registered: ReadonlyMap<string, JsonObject>,
  placed: readonly PlacedItem[],
): void {
  const entryIds = new Set(placed.map(({ item }) => item.entryId));
  const unplaced = [...registered].find(([entryId]) => !entryIds.has(entryId));
  if (unplaced) {
    const [entryId, registration] = unplaced;
    throw new AppFailure(
      'integrity',
      `journal entry ${entryId} registers evidence item ` +
        `${String(registration.evidenceId)}, which the evidence log no ` +
        'longer lists, so no bundle was written',
    );
  }
}

/**
 * Copies each item's vault file under its bag name, refusing content that
 * is not what the journal registered. Items sharing content are each
 * written in full under their own name: a copy stands on its own, where a
 * hard link would not survive a zip or a copy to another disk.
 */
async function copyEvidence(
  writer: BagWriter,
  vault: Vault,
  snapshot: BagSnapshot,
  registered: ReadonlyMap<string, JsonObject>,
): Promise<PlacedItem[]> {
  const width = prefixWidth(snapshot.items.length);
  await writer.makeFolder(EVIDENCE_DIR);
  const placed: PlacedItem[] = [];
  for (const [index, item] of snapshot.items.entries()) {
    const name = evidenceFileName(index + 1, width, item.name);
    const entry: PlacedItem = { item, bagPath: `${EVIDENCE_DIR}/${name}` };
    checkRegistered(entry, registered);
    await writer.copyChecked(
      entry.bagPath,
      vault.blobPath(item.hashes.sha256),
      {
        sha256: item.hashes.sha256,
        size: item.size,
        describe: describeItem(entry),
      },
    );
    placed.push(entry);
  }
  checkEveryRegistrationPlaced(registered, placed);
  return placed;
}

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

type PayloadCounts = { journalEntries: number; evidenceFiles: number };

/** Everything under `data/`: journal, evidence, custody log, index. */
async function writePayload(
  db: Db,
  vault: Vault,
  writer: BagWriter,
  snapshot: BagSnapshot,
  baggedAt: string,
): Promise<PayloadCounts> {
  const journal = await writeJournal(db, writer, snapshot);
  const placed = await copyEvidence(
    writer,
    vault,
    snapshot,
    journal.registered,
  );
  await writer.writeText(CUSTODY_FILE, custodyLines(placed, snapshot.custody));
  await writer.writeText(
    INCIDENT_FILE,
    incidentDocument({
      incident: snapshot.incident,
      baggedAt,
      journalEntries: journal.entries,
      heads: snapshot.heads,
      placed,
    }),
  );
  return { journalEntries: journal.entries, evidenceFiles: placed.length };
}

/** The tag files around a written payload, the tag manifest last. */
async function writeTagFiles(
  writer: BagWriter,
  request: BundleRequest,
  snapshot: BagSnapshot,
  resources: BundleResources,
  counts: PayloadCounts & { payload: WrittenFile[] },
): Promise<void> {
  const { payload } = counts;
  await writer.writeText(MANIFEST_FILE, formatManifest(payload));
  await writer.writeText(BAGIT_FILE, BAGIT_DECLARATION);
  await writer.writeText(
    BAG_INFO_FILE,
    bagInfoText({
      incident: snapshot.incident,
      organisation: request.organisation,
      contact: request.contact,
      baggedAt: request.baggedAt,
      payloadBytes: totalSize(payload),
      payloadFiles: payload.length,
      journalEntries: counts.journalEntries,
      evidenceItems: counts.evidenceFiles,
      heads: snapshot.heads,
    }),
  );
  await writer.writeText(
    README_FILE,
    readmeText(resources.readmeTemplate, {
      incidentId: snapshot.incident.id,
      incidentTitle: snapshot.incident.title,
      baggedAt: request.baggedAt,
      evidenceFiles: plural(counts.evidenceFiles, 'evidence file'),
      journalEntries: plural(counts.journalEntries, 'entry', 'entries'),
    }),
  );
  await writer.write(VERIFIER_FILE, [resources.verifier], 0o755);
  const tags = writer.files.filter(
    (file) => !file.path.startsWith(`${PAYLOAD_DIR}/`),
  );
  await writer.writeText(TAG_MANIFEST_FILE, formatManifest(tags.sort(byPath)));
}

const totalSize = (files: readonly WrittenFile[]) =>
  files.reduce((sum, file) => sum + file.size, 0);

function storageFailure(root: string, error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : error instanceof Error
        ? error.message
        : String(error);
  return new AppFailure(
    'storage',
    `the bundle could not be written to ${root}: ${reason}. Nothing was kept`,
  );
}

/**
 * Writes an incident's evidence bundle: a BagIt bag in `outDir` (which must
 * not exist or be empty), and with `zip` the same tree as `outDir.zip`.
 * Every evidence file is checked against its registered SHA-256 while it
 * is copied and the journal's chains are walked while it is written; any
 * difference, like any I/O error, removes everything written and leaves
 * `outDir` as it was. Throws AppFailure: `invalid-input` for an unusable
 * `outDir`, `integrity` for altered evidence or journal, `storage` for I/O.
 */
export async function writeEvidenceBundle(
  db: Db,
  vault: Vault,
  request: BundleRequest,
): Promise<BundleSummary> {
  const resources = await readBundleResources();
  const snapshot = readBagSnapshot(db, request.incidentId);
  const target = await claimTarget(request.outDir, request.zip).catch(
    (error: unknown) => {
      throw storageFailure(request.outDir, error);
    },
  );

  try {
    const writer = new BagWriter(target.root);
    const counts = await writePayload(
      db,
      vault,
      writer,
      snapshot,
      request.baggedAt,
    );
    const payload = writer.payload.sort(byPath);
    await writeTagFiles(writer, request, snapshot, resources, {
      ...counts,
      payload,
    });
    await writer.syncFolders();
    await syncDirectory(dirname(target.root));
    if (target.zipPath) {
      await writeBagZip(target.zipPath, {
        root: target.root,
        folders: writer.folders,
        files: [...writer.files].sort(byPath),
        modifiedAt: new Date(Date.parse(request.baggedAt)),
      });
    }
    const tagManifest = await readFile(join(target.root, TAG_MANIFEST_FILE));
    return {
      dir: target.root,
      evidenceFiles: counts.evidenceFiles,
      payloadBytes: totalSize(payload),
      payloadFiles: payload.length,
      zipPath: target.zipPath,
      tagManifestSha256: createHash('sha256').update(tagManifest).digest('hex'),
    };
  } catch (error) {
    await undoTarget(target);
    throw storageFailure(target.root, error);
  }
}
