import {
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  AdminStatus,
  EventPage,
  SecurityEvent,
} from '../../../shared/admin-api-types';
import type { WarRoomBridge } from '../../../shared/bridge';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { blocksForRange } from './page-blocks';
import { queryKeys, type SecurityEventFilter } from './query-keys';
import { useThrottledValue } from './use-throttled-value';

/**
 * Main pushes the status when the connection state changes, but the time
 * of the last successful contact moves with every pull; re-reading it this
 * often keeps the "last contact" age honest. It is a local read.
 */
const STATUS_REFRESH_MS = 15_000;

export function useAdminStatus() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.admin.status(),
    queryFn: () => call(bridge, 'admin:status', {}),
    refetchInterval: STATUS_REFRESH_MS,
  });
}

export function useDashboardSnapshot() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.dashboard.snapshot(),
    queryFn: () => call(bridge, 'dashboard:snapshot', {}),
  });
}

export function useFailedLogins(windowHours: number) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.dashboard.failedLogins.window(windowHours),
    queryFn: () => call(bridge, 'dashboard:failed-logins', { windowHours }),
  });
}

/** Rows per `dashboard:events` request; also the unit pages are keyed by. */
export const EVENT_BLOCK_SIZE = 100;

/** The channel's input for one block: empty filters are left out. */
export function eventPageInput(
  filter: SecurityEventFilter,
  block: number,
): ChannelInput<'dashboard:events'> {
  const eventType = filter.eventType.trim();
  const user = filter.user.trim();
  const ip = filter.ip.trim();
  return {
    offset: block * EVENT_BLOCK_SIZE,
    limit: EVENT_BLOCK_SIZE,
    ...(eventType && { eventType }),
    ...(filter.severity && { severity: filter.severity }),
    ...(user && { user }),
    ...(ip && { ip }),
  };
}

function eventPageQuery(
  bridge: WarRoomBridge,
  filter: SecurityEventFilter,
  block: number,
) {
  return {
    queryKey: queryKeys.dashboard.events.page(filter, block),
    queryFn: () =>
      call(bridge, 'dashboard:events', eventPageInput(filter, block)),
    gcTime: 60_000,
  };
}

export type EventTotal = {
  /** Null until the first page has arrived. */
  total: number | null;
  error: unknown;
  isFetching: boolean;
};

/**
 * How many cached events the filter selects, as the first page reports
 * it; that page stays observed, so the count follows every pull.
 */
export function useEventTotal(filter: SecurityEventFilter): EventTotal {
  const bridge = useBridge();
  const first = useQuery(eventPageQuery(bridge, filter, 0));
  return {
    total: first.data?.total ?? null,
    error: first.error,
    isFetching: first.isFetching,
  };
}

export type EventRows = {
  rowAt(index: number): SecurityEvent | undefined;
  error: unknown;
};

/** The events on screen: only the pages covering the visible rows. */
export function useEventRows(
  filter: SecurityEventFilter,
  visible: { first: number; last: number },
): EventRows {
  const bridge = useBridge();
  const wanted = blocksForRange(visible.first, visible.last, EVENT_BLOCK_SIZE);
  const blocks = useThrottledValue(wanted.join(','), 150)
    .split(',')
    .filter(Boolean)
    .map(Number);
  const results = useQueries({
    queries: blocks.map((block) => eventPageQuery(bridge, filter, block)),
  });
  const pages = new Map<number, EventPage>();
  blocks.forEach((block, position) => {
    const page = results[position]?.data;
    if (page) pages.set(block, page);
  });
  return {
    rowAt: (index) => {
      const block = Math.floor(index / EVENT_BLOCK_SIZE);
      return pages.get(block)?.rows[index - block * EVENT_BLOCK_SIZE];
    },
    error: results.find((result) => result.error)?.error ?? null,
  };
}

function setStatus(queryClient: QueryClient, status: AdminStatus) {
  queryClient.setQueryData(queryKeys.admin.status(), status);
}

/** A new address, token or pull may change everything the cache holds. */
function refreshDashboard(queryClient: QueryClient, status: AdminStatus) {
  setStatus(queryClient, status);
  return queryClient.invalidateQueries({
    queryKey: queryKeys.dashboard.all(),
  });
}

/**
 * The token goes to main and is never read back; the status answered
 * says only where the token comes from.
 */
export function useConfigureAdmin() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'admin:configure'>) =>
      call(bridge, 'admin:configure', input),
    onSuccess: (status) => refreshDashboard(queryClient, status),
  });
}

export function useDiscoverCapabilities() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(bridge, 'admin:discover', {}),
    onSuccess: (status) => setStatus(queryClient, status),
  });
}

export function useSyncNow() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['admin', 'sync-now'],
    mutationFn: () => call(bridge, 'admin:sync-now', {}),
    onSuccess: (status) => refreshDashboard(queryClient, status),
  });
}

/** A pinned item is a journal entry on the incident's timeline. */
function invalidateJournal(queryClient: QueryClient, incidentId: string) {
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(incidentId),
    }),
    queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all() }),
  ]);
}

export function usePinToTimeline() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'dashboard:pin'>) =>
      call(bridge, 'dashboard:pin', input),
    onSuccess: (_entry, input) =>
      invalidateJournal(queryClient, input.incidentId),
  });
}

export function usePinTransition() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'admin:pin-transition'>) =>
      call(bridge, 'admin:pin-transition', input),
    onSuccess: (_entry, input) =>
      invalidateJournal(queryClient, input.incidentId),
  });
}

/** The pulled audit log is kept as an evidence item of the incident. */
export function useAuditPull() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'admin:audit-pull'>) =>
      call(bridge, 'admin:audit-pull', input),
    onSuccess: (_item, input) =>
      Promise.all([
        invalidateJournal(queryClient, input.incidentId),
        queryClient.invalidateQueries({
          queryKey: queryKeys.evidence.all(input.incidentId),
        }),
      ]),
  });
}
