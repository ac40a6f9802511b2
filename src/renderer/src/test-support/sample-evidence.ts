import type {
  CustodyEvent,
  EvidenceDetail,
  EvidenceItem,
} from '../../../shared/evidence-types';
import { INCIDENT_ID } from './sample-data';

export const EVIDENCE_ID = '01KBHQ4B0000000000000000E1';

export function sampleEvidence(
  changes: Partial<EvidenceItem> = {},
): EvidenceItem {
  return {
    id: EVIDENCE_ID,
    incidentId: INCIDENT_ID,
    name: 'auth.log',
    originalPath: '/var/log/auth.log',
    source: 'file',
    linkTarget: null,
    size: 1_536,
    hashes: {
      sha256: 'ab'.repeat(32),
      sha1: 'cd'.repeat(20),
      md5: 'ef'.repeat(16),
    },
    sourceHost: 'bastion-1',
    originalModifiedAt: '2026-12-03T15:59:00.000000Z',
    acquiredAt: '2026-12-03T16:05:00.000000Z',
    acquiredBy: 'ic',
    type: 'log-export',
    description: 'Copied from the bastion',
    tags: ['ssh', 'bastion'],
    linkedEntries: [],
    custodyState: 'collected',
    custodian: 'ic',
    integrity: 'unverified',
    integrityCheckedAt: null,
    entryId: '01KBHQ4B0000000000000000J1',
    ...changes,
  };
}

export function sampleCustody(
  changes: Partial<CustodyEvent> = {},
): CustodyEvent {
  return {
    entryId: '01KBHQ4B0000000000000000J1',
    evidenceId: EVIDENCE_ID,
    action: 'collected',
    occurredAt: '2026-12-03T16:05:00.000000Z',
    occurredOffset: '+00:00',
    recordedBy: 'ic',
    handler: { name: 'ic', role: '', contact: '' },
    recipient: null,
    location: '',
    storageLocation: 'War Room vault',
    tool: 'War Room intake',
    purpose: '',
    notes: '',
    ...changes,
  };
}

export function sampleDetail(
  item = sampleEvidence(),
  custody = [sampleCustody({ evidenceId: item.id })],
): EvidenceDetail {
  return { item, custody };
}
