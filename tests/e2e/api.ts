import type { ChannelName } from '../../src/shared/channel-names';
import type {
  ChannelInput,
  ChannelOutput,
} from '../../src/shared/ipc-contract';
import type { Result } from '../../src/shared/result';
import type { ServeProcess } from './serve-process';

/**
 * Calls a channel the way the renderer does, for setting up data a test is
 * not about. Throws when the server refuses, so set-up mistakes surface.
 */
export async function invoke<C extends ChannelName>(
  server: ServeProcess,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const response = await fetch(`${server.origin}api/invoke/${channel}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<ChannelOutput<C>>;
  if (!result.ok) {
    throw new Error(`${channel} refused: ${result.error.message}`);
  }
  return result.value;
}

export async function createIncident(
  server: ServeProcess,
  title = 'Data exfiltration via backup bucket',
) {
  return invoke(server, 'incident:create', {
    title,
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
    detectionMethod: 'alert',
  });
}

export async function addNotes(
  server: ServeProcess,
  incidentId: string,
  notes: (string | Omit<ChannelInput<'journal:add-note'>, 'incidentId'>)[],
) {
  const entries = [];
  // One after another, so positions follow the order given.
  for (const note of notes) {
    const input = typeof note === 'string' ? { text: note } : note;
    entries.push(
      await invoke(server, 'journal:add-note', { incidentId, ...input }),
    );
  }
  return entries;
}
