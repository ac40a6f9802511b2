import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { queryKeys } from './query-keys';

export function useControlsOverview(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.controls.overview(incidentId),
    queryFn: () => call(bridge, 'controls:overview', { incidentId }),
  });
}

/** The age column counts from stored times; this keeps it moving. */
const QUEUE_REFRESH_MS = 10_000;

export function useOutboxActions(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.controls.actions(incidentId),
    queryFn: () => call(bridge, 'controls:list-actions', { incidentId }),
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

export function useControlsSettings() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.controls.settings(),
    queryFn: () => call(bridge, 'controls:settings', {}),
  });
}

/** Main's reading of an address (own addresses need the OS); empty: none. */
export function useAddressCheck(address: string) {
  const bridge = useBridge();
  const trimmed = address.trim();
  return useQuery({
    queryKey: queryKeys.controls.address(trimmed),
    queryFn: () => call(bridge, 'controls:check-address', { address: trimmed }),
    enabled: trimmed.length > 0,
    retry: false,
  });
}

function invalidateControls(queryClient: QueryClient, incidentId?: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.controls.all() }),
    incidentId &&
      queryClient.invalidateQueries({
        queryKey: queryKeys.timeline.all(incidentId),
      }),
    incidentId &&
      queryClient.invalidateQueries({
        queryKey: queryKeys.command.state(incidentId),
      }),
  ]);
}

export function useQueueAction(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input: Omit<ChannelInput<'controls:queue-action'>, 'incidentId'>,
    ) => call(bridge, 'controls:queue-action', { ...input, incidentId }),
    onSuccess: () => invalidateControls(queryClient, incidentId),
  });
}

export function useRecordManual(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input: Omit<ChannelInput<'controls:record-manual'>, 'incidentId'>,
    ) => call(bridge, 'controls:record-manual', { ...input, incidentId }),
    onSuccess: () => invalidateControls(queryClient, incidentId),
  });
}

export type OutboxMove =
  | { move: 'cancel'; actionId: string; reason: string }
  | { move: 'reconfirm' | 'retry'; actionId: string }
  | {
      move: 'resolve-unknown';
      actionId: string;
      outcome: 'took-effect' | 'did-not-take-effect';
    };

export function useOutboxMove(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: OutboxMove) => {
      switch (move.move) {
        case 'cancel':
          return call(bridge, 'controls:cancel', {
            actionId: move.actionId,
            reason: move.reason,
          });
        case 'resolve-unknown':
          return call(bridge, 'controls:resolve-unknown', {
            actionId: move.actionId,
            outcome: move.outcome,
          });
        default:
          return call(bridge, `controls:${move.move}`, {
            actionId: move.actionId,
          });
      }
    },
    onSuccess: () => invalidateControls(queryClient, incidentId),
  });
}

export function useSetTwoPersonRule() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'controls:set-two-person-rule'>) =>
      call(bridge, 'controls:set-two-person-rule', input),
    onSuccess: () => invalidateControls(queryClient),
  });
}

export function useAddSecondPerson() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'controls:add-second-person'>) =>
      call(bridge, 'controls:add-second-person', input),
    onSuccess: () => invalidateControls(queryClient),
  });
}
