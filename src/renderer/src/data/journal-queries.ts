import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { queryKeys } from './query-keys';

function useInvalidateJournal() {
  const queryClient = useQueryClient();
  return (incidentId: string) =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: queryKeys.timeline.all(incidentId),
      }),
      queryClient.invalidateQueries({
        queryKey: queryKeys.verify.incident(incidentId),
      }),
      queryClient.invalidateQueries({
        queryKey: queryKeys.incidents.all(),
      }),
    ]);
}

/**
 * Resolves only once main has answered ok, which it does after the entry is
 * on disk; the caller keeps the draft until then.
 */
export function useAddNote() {
  const bridge = useBridge();
  const invalidateJournal = useInvalidateJournal();
  return useMutation({
    mutationFn: (input: ChannelInput<'journal:add-note'>) =>
      call(bridge, 'journal:add-note', input),
    onSuccess: (entry) => invalidateJournal(entry.scope),
  });
}

export function useAmendEntry() {
  const bridge = useBridge();
  const invalidateJournal = useInvalidateJournal();
  return useMutation({
    mutationFn: (input: ChannelInput<'journal:amend'>) =>
      call(bridge, 'journal:amend', input),
    onSuccess: (entry) => invalidateJournal(entry.scope),
  });
}

export function useEntryHistory(
  incidentId: string,
  entryId: string,
  enabled: boolean,
) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.timeline.history(incidentId, entryId),
    queryFn: () => call(bridge, 'journal:history', { entryId }),
    enabled,
  });
}

export function useTimelineFacets(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.timeline.facets(incidentId),
    queryFn: () => call(bridge, 'timeline:facets', { incidentId }),
  });
}

/** Re-run by invalidation after every append, and on demand by refetch. */
export function useChainVerification(incidentId: string | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.verify.incident(incidentId ?? ''),
    queryFn: () =>
      call(bridge, 'journal:verify', { incidentId: incidentId ?? undefined }),
    enabled: incidentId !== null,
  });
}
