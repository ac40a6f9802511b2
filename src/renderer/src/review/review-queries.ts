import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { ReviewState } from '../../../shared/review-types';
import { queryKeys } from '../data/query-keys';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';

export function useReview(incidentId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.review.incident(incidentId),
    queryFn: () => call(bridge, 'review:get', { incidentId }),
  });
}

type EditChannel =
  | 'review:write-section'
  | 'review:record-meeting'
  | 'review:add-follow-up'
  | 'review:update-follow-up';

/**
 * A review edit answers with the whole review, which replaces the cached
 * one at once; the timeline and cross-incident lists refetch after it.
 */
export function useReviewEdit<C extends EditChannel>(channel: C) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) =>
      call(bridge, channel, input) as Promise<ReviewState>,
    onSuccess: (review) => {
      queryClient.setQueryData(
        queryKeys.review.incident(review.incidentId),
        review,
      );
      void queryClient.invalidateQueries({
        queryKey: queryKeys.timeline.all(review.incidentId),
      });
      void queryClient.invalidateQueries({
        queryKey: queryKeys.review.followUps(),
      });
      void queryClient.invalidateQueries({
        queryKey: queryKeys.metrics.all(),
      });
    },
  });
}

export function useReportExport() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (input: ChannelInput<'report:export'>) =>
      call(bridge, 'report:export', input),
  });
}

export function useReportPreview() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (input: ChannelInput<'report:render'>) =>
      call(bridge, 'report:render', input),
  });
}
