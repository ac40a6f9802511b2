import type { QueryClient } from '@tanstack/react-query';
import type { WarRoomBridge } from '../../../shared/bridge';
import { ORGANISATION_SCOPE } from '../../../shared/journal-types';
import { queryKeys } from './query-keys';

export type PendingInvalidation = {
  /** Incident journals that gained entries. */
  scopes: string[];
  /** Whether any incident card changed (list, header). */
  incidents: boolean;
};

export type InvalidationBatcher = {
  journalAppended(scope: string): void;
  incidentChanged(): void;
  dispose(): void;
};

/**
 * Collects pushes for `delayMs` and flushes them as one invalidation, so a
 * bulk import or a burst of CLI notes costs one refetch, not thousands.
 */
export function createInvalidationBatcher(
  flush: (pending: PendingInvalidation) => void,
  delayMs: number,
): InvalidationBatcher {
  let scopes = new Set<string>();
  let incidents = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule() {
    timer ??= setTimeout(() => {
      timer = null;
      const pending = { scopes: [...scopes], incidents };
      scopes = new Set();
      incidents = false;
      flush(pending);
    }, delayMs);
  }

  return {
    journalAppended(scope) {
      scopes.add(scope);
      schedule();
    },
    incidentChanged() {
      incidents = true;
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function invalidate(queryClient: QueryClient, pending: PendingInvalidation) {
  const incidentScopes = pending.scopes.filter(
    (scope) => scope !== ORGANISATION_SCOPE,
  );
  for (const scope of incidentScopes) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(scope),
    });
    void queryClient.invalidateQueries({
      queryKey: queryKeys.verify.incident(scope),
    });
  }
  // Entry counts live on the incident cards.
  if (pending.incidents || incidentScopes.length > 0) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.incidents.all(),
    });
  }
}

/**
 * Main pushes an event after every committed change; this turns those pushes
 * into query invalidations, so whatever is on screen refetches and nothing
 * polls. Returns the unsubscribe function.
 */
export function connectLiveInvalidation(
  bridge: WarRoomBridge,
  queryClient: QueryClient,
  delayMs = 100,
): () => void {
  const batcher = createInvalidationBatcher(
    (pending) => invalidate(queryClient, pending),
    delayMs,
  );
  const offAppended = bridge.on('journal:appended', (payload) =>
    batcher.journalAppended(payload.scope),
  );
  const offChanged = bridge.on('incident:changed', () =>
    batcher.incidentChanged(),
  );
  return () => {
    offAppended();
    offChanged();
    batcher.dispose();
  };
}
