import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { TimelineImportProgress } from '../../../shared/timeline-exchange-types';
import { queryKeys } from '../data/query-keys';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';

/** An export or import adds journal entries; the timeline and counts move. */
function useInvalidateTimeline(incidentId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: queryKeys.timeline.all(incidentId),
      }),
      queryClient.invalidateQueries({
        queryKey: queryKeys.evidence.all(incidentId),
      }),
      queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all() }),
    ]);
}

export function useExportTimeline(incidentId: string) {
  const bridge = useBridge();
  const invalidate = useInvalidateTimeline(incidentId);
  return useMutation({
    mutationFn: (input: ChannelInput<'timeline:export'>) =>
      call(bridge, 'timeline:export', input),
    onSettled: invalidate,
  });
}

export type ImportRequest = ChannelInput<'timeline:import'> & {
  importId: string;
};

export function useImportTimeline(incidentId: string) {
  const bridge = useBridge();
  const invalidate = useInvalidateTimeline(incidentId);
  return useMutation({
    mutationFn: (input: ImportRequest) =>
      call(bridge, 'timeline:import', input),
    onSettled: invalidate,
  });
}

export function useCancelImport() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (importId: string) =>
      call(bridge, 'timeline:cancel-import', { importId }),
  });
}

/** The latest progress main reports for one import. */
export function useImportProgress(
  importId: string | null,
): TimelineImportProgress | null {
  const bridge = useBridge();
  const [latest, setLatest] = useState<TimelineImportProgress | null>(null);
  useEffect(() => {
    if (importId === null) return;
    return bridge.on('timeline:import-progress', (payload) => {
      if (payload.importId === importId) setLatest(payload);
    });
  }, [bridge, importId]);
  return latest?.importId === importId ? latest : null;
}
