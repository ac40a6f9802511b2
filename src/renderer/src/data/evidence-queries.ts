import {
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PickedFileDetails } from '../../../shared/bridge';
import type {
  EvidenceDetail,
  IntakeOutcome,
  IntakeProgress,
} from '../../../shared/evidence-types';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { AppError } from '../../../shared/result';
import { useBridge } from '../transport/bridge-context';
import { BridgeError, call } from '../transport/call';
import { queryKeys } from './query-keys';

export function useEvidenceList(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.evidence.list(incidentId),
    queryFn: () => call(bridge, 'evidence:list', { incidentId }),
  });
}

export function useEvidenceDetail(
  incidentId: string,
  evidenceId: string | null,
) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.evidence.detail(incidentId, evidenceId ?? ''),
    queryFn: () =>
      call(bridge, 'evidence:get', { evidenceId: evidenceId ?? '' }),
    enabled: evidenceId !== null,
  });
}

/** An evidence change is also a journal entry and moves the entry count. */
function invalidateAfterEvidence(queryClient: QueryClient, incidentId: string) {
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: queryKeys.evidence.all(incidentId),
    }),
    queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(incidentId),
    }),
    queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all() }),
  ]);
}

/** One intake: picked files, pasted text, or paths on War Room's machine. */
export type IntakeRequest = { intakeId: string } & (
  | { kind: 'files'; files: File[]; details: PickedFileDetails }
  | { kind: 'text'; input: ChannelInput<'evidence:add-text'> }
  | { kind: 'paths'; input: ChannelInput<'evidence:add-paths'> }
);

export function intakeMutationKey(incidentId: string) {
  return ['evidence-intake', incidentId] as const;
}

async function unwrap<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new BridgeError(settled.error);
  return settled.value;
}

/**
 * Intakes run as mutations under one key per incident, so the pane can
 * list those in progress and their outcomes even after it was left and
 * opened again.
 */
export function useEvidenceIntake(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: intakeMutationKey(incidentId),
    mutationFn: async (request: IntakeRequest): Promise<IntakeOutcome[]> => {
      if (request.kind === 'files') {
        return unwrap(bridge.addEvidenceFiles(request.files, request.details));
      }
      if (request.kind === 'paths') {
        return call(bridge, 'evidence:add-paths', request.input);
      }
      const item = await call(bridge, 'evidence:add-text', request.input);
      return [{ ok: true, item, deduplicated: false }];
    },
    onSettled: () => invalidateAfterEvidence(queryClient, incidentId),
  });
}

export type IntakeState = {
  mutationId: number;
  request: IntakeRequest;
  status: 'idle' | 'pending' | 'success' | 'error';
  outcomes: IntakeOutcome[] | undefined;
  error: Error | null;
};

/** Every intake of the incident still held, oldest first. */
export function useIntakes(incidentId: string): IntakeState[] {
  return useMutationState({
    filters: { mutationKey: intakeMutationKey(incidentId) },
    select: (mutation) => ({
      mutationId: mutation.mutationId,
      request: mutation.state.variables as IntakeRequest,
      status: mutation.state.status,
      outcomes: mutation.state.data as IntakeOutcome[] | undefined,
      error: mutation.state.error,
    }),
  });
}

/** Forgets a finished intake's outcome, once its reader has seen it. */
export function useDismissIntake() {
  const queryClient = useQueryClient();
  return (mutationId: number) => {
    const cache = queryClient.getMutationCache();
    const mutation = cache
      .getAll()
      .find((candidate) => candidate.mutationId === mutationId);
    if (mutation) cache.remove(mutation);
  };
}

export function useCancelIntake() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (intakeId: string) =>
      call(bridge, 'evidence:cancel-intake', { intakeId }),
  });
}

/**
 * The latest progress of each of the incident's running intakes, as main
 * pushes it while a large file is read.
 */
export function useIntakeProgress(
  incidentId: string,
): ReadonlyMap<string, IntakeProgress> {
  const bridge = useBridge();
  const [progress, setProgress] = useState<Map<string, IntakeProgress>>(
    () => new Map(),
  );
  useEffect(
    () =>
      bridge.on('evidence:progress', (payload) => {
        if (payload.incidentId !== incidentId) return;
        setProgress((current) =>
          new Map(current).set(payload.intakeId, payload),
        );
      }),
    [bridge, incidentId],
  );
  return progress;
}

export function useRecordCustody(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'evidence:record-custody'>) =>
      call(bridge, 'evidence:record-custody', input),
    onSuccess: (detail: EvidenceDetail) => {
      queryClient.setQueryData(
        queryKeys.evidence.detail(incidentId, detail.item.id),
        detail,
      );
      return invalidateAfterEvidence(queryClient, incidentId);
    },
  });
}

/**
 * Re-hashes the incident's vault files. On opening an incident the check
 * is journaled only when it finds something new, so it stays quiet.
 */
export function useVerifyEvidence(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (trigger: 'on-demand' | 'on-open') =>
      call(bridge, 'evidence:verify', { incidentId, trigger }),
    onSettled: () => invalidateAfterEvidence(queryClient, incidentId),
  });
}

export function useExportBundle() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'evidence:export-bundle'>) =>
      call(bridge, 'evidence:export-bundle', input),
    onSettled: (_summary, _error, input) =>
      invalidateAfterEvidence(queryClient, input.incidentId),
  });
}
