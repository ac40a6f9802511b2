import type { Incident } from '../../shared/ipc-contract';
import type { ReviewState } from '../../shared/review-types';
import { invokeOk } from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

export type SeedIncident = {
  title?: string;
  severity?: 'critical' | 'high' | 'medium' | 'low';
  category?: string;
  detectedAt?: string;
  /** Milestone → zoned time. */
  milestones?: Record<string, string>;
  resolution?: 'confirmed-incident' | 'false-positive' | 'benign' | 'duplicate';
};

/** Opens an incident, sets its milestones and closes it if asked. */
export async function seedIncident(
  warRoom: WarRoom,
  seed: SeedIncident = {},
): Promise<Incident> {
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: seed.title ?? 'Backup bucket exfiltration',
    severity: seed.severity ?? 'critical',
    category: seed.category ?? 'data-security',
    detectedAt: seed.detectedAt,
    detectionMethod: seed.detectedAt ? 'alert' : undefined,
  });
  for (const [milestone, at] of Object.entries(seed.milestones ?? {})) {
    await invokeOk(warRoom, 'command:set-milestone', {
      incidentId: incident.id,
      milestone,
      at,
    });
  }
  if (seed.resolution) {
    await invokeOk(warRoom, 'command:close', {
      incidentId: incident.id,
      resolution: seed.resolution,
    });
  }
  return incident;
}

export function writeSection(
  warRoom: WarRoom,
  incidentId: string,
  section: string,
  text: string,
  reason?: string,
) {
  return invokeOk<ReviewState>(warRoom, 'review:write-section', {
    incidentId,
    section,
    text,
    reason,
  });
}

export function addFollowUp(
  warRoom: WarRoom,
  incidentId: string,
  title: string,
  dueDate: string,
  owner = 'Priya (platform)',
) {
  return invokeOk<ReviewState>(warRoom, 'review:add-follow-up', {
    incidentId,
    title,
    owner,
    dueDate,
  });
}
