/**
 * The layout of an evidence bundle: a BagIt 1.0 bag whose payload is the
 * incident's evidence, journal and custody log. The shipped verifier
 * (resources/bundle/verify_bundle.py) spells the same names; change both.
 */

export const BAGIT_FILE = 'bagit.txt';
export const BAG_INFO_FILE = 'bag-info.txt';
export const MANIFEST_FILE = 'manifest-sha256.txt';
export const TAG_MANIFEST_FILE = 'tagmanifest-sha256.txt';
export const README_FILE = 'README.txt';
export const VERIFIER_FILE = 'verify_bundle.py';

export const PAYLOAD_DIR = 'data';
export const INCIDENT_FILE = 'data/incident.json';
export const JOURNAL_FILE = 'data/journal.jsonl';
export const CUSTODY_FILE = 'data/custody.jsonl';
export const EVIDENCE_DIR = 'data/evidence';

export const BAGIT_DECLARATION =
  'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Names `data/incident.json`'s format, for readers that meet it alone. */
export const BUNDLE_FORMAT = 'war-room-evidence-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const BAG_CHUNK_BYTES = 1024 * 1024;
