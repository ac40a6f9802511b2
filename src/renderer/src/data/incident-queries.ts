import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, Incident } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { queryKeys } from './query-keys';

/**
 * Pushes from main keep the list current; it is also re-read every 15 s,
 * so an incident opened while the event stream was reconnecting still
 * appears on a wall screen nobody touches.
 */
const INCIDENT_LIST_REFRESH_MS = 15_000;

export function useIncidents() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.incidents.list(),
    queryFn: () => call(bridge, 'incident:list', {}),
    refetchInterval: INCIDENT_LIST_REFRESH_MS,
  });
}

/** The incident with this id from the list, once the list has loaded. */
export function useIncident(incidentId: string | null): Incident | undefined {
  const { data } = useIncidents();
  return data?.find((incident) => incident.id === incidentId);
}

export function useCreateIncident() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'incident:create'>) =>
      call(bridge, 'incident:create', input),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all() }),
  });
}

export function useAppInfo() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.appInfo(),
    queryFn: () => call(bridge, 'app:info', {}),
    staleTime: Infinity,
  });
}
