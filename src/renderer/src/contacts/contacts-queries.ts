import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';

/** Keys of this pane's own queries; one prefix, so one invalidation. */
export const contactKeys = {
  all: () => ['contacts'] as const,
  list: (query: string, role: string) =>
    ['contacts', 'list', query, role] as const,
  overview: (incidentId: string) =>
    ['contacts', 'escalation', incidentId] as const,
  templates: () => ['contacts', 'templates'] as const,
  resources: () => ['contacts', 'resources'] as const,
  regimes: () => ['contacts', 'regimes'] as const,
};

/** Deadlines count from stored times; this keeps the clocks moving. */
const CLOCK_REFRESH_MS = 15_000;

export function useContacts(query: string, role: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: contactKeys.list(query, role),
    queryFn: () =>
      call(bridge, 'contacts:list', {
        query: query || undefined,
        role: role || undefined,
      }),
  });
}

export function useEscalation(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: contactKeys.overview(incidentId),
    queryFn: () => call(bridge, 'escalation:overview', { incidentId }),
    refetchInterval: CLOCK_REFRESH_MS,
  });
}

export function useTemplates() {
  const bridge = useBridge();
  return useQuery({
    queryKey: contactKeys.templates(),
    queryFn: () => call(bridge, 'comms:templates', {}),
  });
}

export function useResources() {
  const bridge = useBridge();
  return useQuery({
    queryKey: contactKeys.resources(),
    queryFn: () => call(bridge, 'resources:list', {}),
  });
}

export function useRegimes() {
  const bridge = useBridge();
  return useQuery({
    queryKey: contactKeys.regimes(),
    queryFn: () => call(bridge, 'comms:regimes', {}),
  });
}

/** A mutation on any of this pane's channels; refreshes the pane after. */
export function useContactsMutation<C extends ChannelName>(channel: C) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(bridge, channel, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.all() }),
        queryClient.invalidateQueries({ queryKey: ['timeline'] }),
      ]),
  });
}
