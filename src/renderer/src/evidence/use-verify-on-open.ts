import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '../data/query-keys';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';

/**
 * Re-hashes the incident's evidence once each time an incident is opened
 * (chosen from the list or the switcher, or restored when the console
 * starts); `openCount` tells a second opening of the same incident apart.
 * Quiet by design: main journals the check only when it finds a change,
 * and a problem shows as the item's integrity (the Evidence pane's banner
 * and the side-nav badge). A failure to check is left to Verify now.
 */
export function useVerifyEvidenceOnOpen(
  incidentId: string | null,
  openCount: number,
): void {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const lastChecked = useRef<string | null>(null);

  useEffect(() => {
    const opening = `${incidentId}:${openCount}`;
    if (opening === lastChecked.current) return;
    lastChecked.current = opening;
    if (!incidentId) return;
    void call(bridge, 'evidence:verify', { incidentId, trigger: 'on-open' })
      .catch(() => undefined)
      .then(() =>
        queryClient.invalidateQueries({
          queryKey: queryKeys.evidence.all(incidentId),
        }),
      );
  }, [bridge, queryClient, incidentId, openCount]);
}
