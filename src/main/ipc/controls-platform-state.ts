/**
 * What the platform holds now for the Controls pane to pick from: its
 * allowlist entries, sessions and lockouts. A read on the commander's
 * request, sent with emergency priority (it never waits behind the
 * dashboard's polling budget), stored nowhere and journaled nowhere.
 */
import type { PlatformPart, PlatformState } from '../../shared/controls-types';
import { AppFailure } from '../../shared/result';
import type { AdminClient, AdminResult } from '../admin-api/admin-client-types';
import type { AdminSync } from '../admin-sync/admin-sync';

/** The part of the admin sync this read needs. */
export type PlatformLink = Pick<AdminSync, 'requireClient'>;

function unavailable(reason: string): { available: false; reason: string } {
  return { available: false, reason };
}

/**
 * One list, or the client's own words for why not (not offered by the
 * server, unreachable, token refused). The client scrubs the token from
 * every message, so none can reach the window.
 */
async function readPart<T>(
  read: Promise<AdminResult<T[]>>,
): Promise<PlatformPart<T>> {
  const result = await read;
  if (!result.ok) return unavailable(result.error.message);
  return { available: true, items: result.value, readAt: result.receivedAt };
}

function clientOf(admin: PlatformLink): AdminClient | string {
  try {
    return admin.requireClient();
  } catch (error) {
    if (error instanceof AppFailure) return error.message;
    throw error;
  }
}

/** The three lists, each answered on its own, read side by side. */
export async function readPlatformState(
  admin: PlatformLink,
): Promise<PlatformState> {
  const client = clientOf(admin);
  if (typeof client === 'string') {
    const part = unavailable(client);
    return { allowlist: part, sessions: part, lockouts: part };
  }

  const [allowlist, sessions, lockouts] = await Promise.all([
    readPart(client.allowlistEntries('emergency')),
    readPart(client.sessions('emergency')),
    readPart(client.lockouts('emergency')),
  ]);
  return { allowlist, sessions, lockouts };
}
