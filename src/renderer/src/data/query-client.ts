import { QueryClient } from '@tanstack/react-query';
import { errorKind } from '../transport/call';

/**
 * Data is refreshed by pushes from main. Queries still go stale after a
 * while, so a refocused window catches up on pushes lost while the event
 * stream was down, without any polling. Only an unanswered request is
 * retried once; a refusal from a handler (bad input, search syntax, not
 * found) would fail the same again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          failures < 1 && errorKind(error) === 'internal',
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Fetches every query again once the event stream has (re)connected, since
 * pushes sent before then were lost. A fetch still in flight may have read
 * the data just before such a change, and TanStack Query joins a query's
 * first fetch instead of repeating it, so in-flight fetches are dropped
 * (keeping what was shown before them) and started afresh.
 */
export async function refetchAfterMissedPushes(
  queryClient: QueryClient,
): Promise<void> {
  await queryClient.cancelQueries();
  await queryClient.invalidateQueries();
}
