import type { Incident } from '../../../shared/ipc-contract';
import type { JournalEntry } from '../../../shared/journal-types';

export const INCIDENT_ID = '01KBHQ2ZP4TS1BA5K3V3WDG2GF';

export function sampleIncident(changes: Partial<Incident> = {}): Incident {
  return {
    id: INCIDENT_ID,
    title: 'Compromised SuperAdmin account',
    description: '',
    severity: 'critical',
    category: 'authentication-access-control',
    subtype: 'compromised-superadmin-accounts',
    detectedAt: null,
    detectionMethod: null,
    status: 'open',
    openedAt: '2026-12-03T16:25:32.123456Z',
    openedBy: 'ic',
    entryCount: 1,
    ...changes,
  };
}

export function sampleEntry(changes: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: '01KBHQ3A0000000000000000AA',
    scope: INCIDENT_ID,
    deviceId: 'device-1',
    chainSeq: 2,
    kind: 'note',
    actor: 'ic',
    occurredAt: '2026-12-03T16:30:00.000000Z',
    occurredOffset: '+00:00',
    timeSource: 'device-clock',
    recordedAt: '2026-12-03T16:30:00.000000Z',
    payload: { text: 'note' },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...changes,
  };
}
