import { useMutation, useQuery } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { queryKeys } from '../data/query-keys';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';

export function useMetrics() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.metrics.overview(),
    queryFn: () => call(bridge, 'metrics:overview', {}),
  });
}

export function useFollowUpList() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.review.followUps(),
    queryFn: () => call(bridge, 'review:follow-ups', {}),
  });
}

/** A summary is generated when asked for, from the data as it is then. */
export function useSummary() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (input: ChannelInput<'metrics:summary'>) =>
      call(bridge, 'metrics:summary', input),
  });
}
