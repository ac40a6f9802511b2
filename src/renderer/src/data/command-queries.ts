import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ChecklistItem,
  IncidentCommandState,
} from '../../../shared/incident-command-types';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { queryKeys } from './query-keys';

/** Rules and playbooks change only when main restarts. */
export function useRules() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.rules(),
    queryFn: () => call(bridge, 'rules:get', {}),
    staleTime: Infinity,
  });
}

export function usePlaybookCatalogue() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.playbooks(),
    queryFn: () => call(bridge, 'playbooks:list', {}),
    staleTime: Infinity,
  });
}

export function useCommandState(incidentId: string | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.command.state(incidentId ?? ''),
    queryFn: () =>
      call(bridge, 'command:state', { incidentId: incidentId ?? '' }),
    enabled: incidentId !== null,
  });
}

/** A change shows in the timeline and the incident list as well. */
function invalidateAfterChange(queryClient: QueryClient, incidentId: string) {
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: queryKeys.command.state(incidentId),
    }),
    queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(incidentId),
    }),
    queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all() }),
  ]);
}

type StateChannel =
  | 'command:change-severity'
  | 'command:record-detection'
  | 'command:set-milestone'
  | 'command:advance-phase'
  | 'command:assign-role'
  | 'command:close'
  | 'checklist:attach-playbook';

/**
 * A command whose answer is the incident's new state: that answer goes
 * straight into the cache, so the header and panes move at once.
 */
export function useCommandChange<C extends StateChannel>(channel: C) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ChannelInput<C>) => {
      const state: IncidentCommandState = await call(bridge, channel, input);
      return state;
    },
    onSuccess: (state) => {
      queryClient.setQueryData(
        queryKeys.command.state(state.incidentId),
        state,
      );
      return invalidateAfterChange(queryClient, state.incidentId);
    },
  });
}

function withItem(
  state: IncidentCommandState,
  item: ChecklistItem,
): IncidentCommandState {
  const known = state.checklist.some((candidate) => candidate.id === item.id);
  const checklist = known
    ? state.checklist.map((candidate) =>
        candidate.id === item.id ? item : candidate,
      )
    : [...state.checklist, item];
  return { ...state, checklist };
}

type SetItemInput = ChannelInput<'checklist:set-item'>;

function withItemState(
  state: IncidentCommandState,
  input: SetItemInput,
): IncidentCommandState {
  const item = state.checklist.find(
    (candidate) => candidate.id === input.itemId,
  );
  if (!item) return state;
  return withItem(state, {
    ...item,
    state: input.state,
    reason: input.reason ?? null,
  });
}

/** Checklist changes of one incident are sent one at a time, in order. */
function checklistScope(incidentId: string) {
  return { id: `checklist-${incidentId}` };
}

/**
 * Ticking an item from the keyboard shows at once; if main refuses, the
 * item goes back to what it was and the error is shown.
 */
export function useSetChecklistItem(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const key = queryKeys.command.state(incidentId);
  return useMutation({
    scope: checklistScope(incidentId),
    mutationFn: (input: SetItemInput) =>
      call(bridge, 'checklist:set-item', input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<IncidentCommandState>(key);
      if (previous)
        queryClient.setQueryData(key, withItemState(previous, input));
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => invalidateAfterChange(queryClient, incidentId),
  });
}

export function useAddChecklistItem(incidentId: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const key = queryKeys.command.state(incidentId);
  return useMutation({
    scope: checklistScope(incidentId),
    mutationFn: (input: ChannelInput<'checklist:add-item'>) =>
      call(bridge, 'checklist:add-item', input),
    onSuccess: (item) => {
      const state = queryClient.getQueryData<IncidentCommandState>(key);
      if (state) queryClient.setQueryData(key, withItem(state, item));
      return invalidateAfterChange(queryClient, incidentId);
    },
  });
}
