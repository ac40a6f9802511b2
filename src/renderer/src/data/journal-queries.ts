import {
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useMemo } from 'react';
import type { ChainProblem, JournalEntry } from '../../../shared/journal-types';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { queryKeys } from './query-keys';

/**
 * What the writer sees at once after its own write. Re-verifying the chain
 * is left to the pushed event, which spaces out those full walks.
 */
function useInvalidateJournal() {
  const queryClient = useQueryClient();
  return (incidentId: string) =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: queryKeys.timeline.all(incidentId),
      }),
      queryClient.invalidateQueries({
        queryKey: queryKeys.incidents.all(),
      }),
    ]);
}

export type NoteCallbacks = {
  onSaved: (entry: JournalEntry) => void;
  onRefused: (text: string, error: Error) => void;
};

/**
 * Notes of one incident are sent one at a time, in the order they were
 * written (a mutation scope runs serially), so a fast typist's notes never
 * land out of order. Each is reported saved only once main has answered
 * ok, which it does after the entry is on disk.
 */
export function useAddNote(incidentId: string, callbacks: NoteCallbacks) {
  const bridge = useBridge();
  const invalidateJournal = useInvalidateJournal();
  return useMutation({
    mutationKey: noteMutationKey(incidentId),
    scope: { id: `notes-${incidentId}` },
    mutationFn: (input: ChannelInput<'journal:add-note'>) =>
      call(bridge, 'journal:add-note', input),
    onSuccess: async (entry) => {
      await invalidateJournal(entry.scope);
      callbacks.onSaved(entry);
    },
    onError: (error, input) => callbacks.onRefused(input.text, error),
  });
}

export function noteMutationKey(incidentId: string) {
  return ['add-note', incidentId] as const;
}

/** Texts of notes sent but not yet confirmed, oldest first. */
export function useUnconfirmedNotes(incidentId: string): string[] {
  return useMutationState({
    filters: { mutationKey: noteMutationKey(incidentId), status: 'pending' },
    select: (mutation) =>
      (mutation.state.variables as ChannelInput<'journal:add-note'>).text,
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

/** The chain problems of the last verification, by the entry they name. */
export function useChainProblems(
  incidentId: string,
): ReadonlyMap<string, ChainProblem> {
  const { data } = useChainVerification(incidentId);
  return useMemo(
    () => new Map(data?.problems.map((problem) => [problem.entry, problem])),
    [data],
  );
}
