import { QueryObserver } from '@tanstack/react-query';
import { expect, it, vi } from 'vitest';
import { createQueryClient, refetchAfterMissedPushes } from './query-client';

/** A query whose every fetch waits until the test answers it. */
function heldQuery() {
  const queryClient = createQueryClient();
  const answers: ((titles: string[]) => void)[] = [];
  const observer = new QueryObserver(queryClient, {
    queryKey: ['incidents', 'list'],
    queryFn: () =>
      new Promise<string[]>((resolve) => {
        answers.push(resolve);
      }),
  });
  const unsubscribe = observer.subscribe(() => {});
  return {
    answers,
    shown: () => observer.getCurrentResult().data,
    close() {
      unsubscribe();
      queryClient.clear();
    },
    queryClient,
  };
}

it('fetches again a first fetch that was in flight when the stream connected', async () => {
  const query = heldQuery();
  await vi.waitFor(() => expect(query.answers).toHaveLength(1));

  const refetched = refetchAfterMissedPushes(query.queryClient);
  // Read before the change whose push the stream was too late for.
  query.answers[0]([]);
  await vi.waitFor(() => expect(query.answers).toHaveLength(2));
  query.answers[1](['Token check']);
  await refetched;

  expect(query.shown()).toEqual(['Token check']);
  query.close();
});

it('fetches again a query that had settled, keeping its data meanwhile', async () => {
  const query = heldQuery();
  await vi.waitFor(() => expect(query.answers).toHaveLength(1));
  query.answers[0](['Old']);
  await vi.waitFor(() => expect(query.shown()).toEqual(['Old']));

  const refetched = refetchAfterMissedPushes(query.queryClient);
  await vi.waitFor(() => expect(query.answers).toHaveLength(2));
  expect(query.shown()).toEqual(['Old']);
  query.answers[1](['Old', 'New']);
  await refetched;

  expect(query.shown()).toEqual(['Old', 'New']);
  query.close();
});
