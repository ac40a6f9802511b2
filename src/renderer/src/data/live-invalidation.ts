import type { QueryClient } from '@tanstack/react-query';
import type { WarRoomBridge } from '../../../shared/bridge';
import type { IpcEvents } from '../../../shared/ipc-contract';
import { ORGANISATION_SCOPE } from '../../../shared/journal-types';
import { queryKeys } from './query-keys';

export type PendingInvalidation = {
  /** Incident journals that gained entries. */
  scopes: string[];
  /** Incidents whose card or command state changed (list, header). */
  changed: string[];
};

export type InvalidationBatcher = {
  journalAppended(scope: string): void;
  incidentChanged(incidentId: string): void;
  dispose(): void;
};

/**
 * Collects pushes for `delayMs` from the first one and flushes them as one
 * invalidation, so a bulk import or a burst of CLI notes costs one refetch,
 * not thousands.
 */
export function createInvalidationBatcher(
  flush: (pending: PendingInvalidation) => void,
  delayMs: number,
): InvalidationBatcher {
  let scopes = new Set<string>();
  let changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule() {
    timer ??= setTimeout(() => {
      timer = null;
      const pending = { scopes: [...scopes], changed: [...changed] };
      scopes = new Set();
      changed = new Set();
      flush(pending);
    }, delayMs);
  }

  return {
    journalAppended(scope) {
      scopes.add(scope);
      schedule();
    },
    incidentChanged(incidentId) {
      changed.add(incidentId);
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function incidentScopes(pending: PendingInvalidation): string[] {
  return pending.scopes.filter((scope) => scope !== ORGANISATION_SCOPE);
}

function invalidateData(
  queryClient: QueryClient,
  pending: PendingInvalidation,
) {
  const scopes = incidentScopes(pending);
  for (const scope of scopes) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(scope),
    });
  }
  // Severity, phase, roles and checklist are all read from the journal.
  for (const incidentId of new Set([...scopes, ...pending.changed])) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.command.state(incidentId),
    });
  }
  invalidateReview(queryClient, scopes);
  // Entry counts live on the incident cards.
  if (pending.changed.length > 0 || scopes.length > 0) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.incidents.all(),
    });
  }
}

/** Reviews are journal entries; follow-ups and metrics span incidents. */
function invalidateReview(queryClient: QueryClient, scopes: string[]) {
  if (scopes.length === 0) return;
  for (const scope of scopes) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.review.incident(scope),
    });
  }
  void queryClient.invalidateQueries({
    queryKey: queryKeys.review.followUps(),
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.metrics.all() });
}

function invalidateEvidence(
  queryClient: QueryClient,
  pending: PendingInvalidation,
) {
  for (const scope of incidentScopes(pending)) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.evidence.all(scope),
    });
  }
}

/** Intake, custody, links and checks are all `evidence.*` entries. */
function isEvidenceEntry(kind: string): boolean {
  return kind.startsWith('evidence.');
}

function invalidateVerification(
  queryClient: QueryClient,
  pending: PendingInvalidation,
) {
  for (const scope of incidentScopes(pending)) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.verify.incident(scope),
    });
  }
}

/**
 * A pull stored fresh dashboard parts. Events feed both the events table
 * and the failed-login analysis. Any stored part means the platform
 * answered, so the status (its last contact) is re-read too.
 */
function invalidateDashboard(
  queryClient: QueryClient,
  payload: IpcEvents['dashboard:updated'],
) {
  const { dashboard } = queryKeys;
  void queryClient.invalidateQueries({ queryKey: dashboard.snapshot() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.admin.status() });
  if (!payload.parts.includes('events')) return;
  void queryClient.invalidateQueries({ queryKey: dashboard.events.all() });
  void queryClient.invalidateQueries({
    queryKey: dashboard.failedLogins.all(),
  });
}

/**
 * An outbox action changed: its queue, the waiting badge and the timeline
 * (each change is a journal entry) are read again.
 */
function invalidateControls(
  queryClient: QueryClient,
  payload: IpcEvents['controls:changed'],
) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.controls.all() });
  void queryClient.invalidateQueries({
    queryKey: queryKeys.timeline.all(payload.incidentId),
  });
}

/** Subscribes to the admin-API pushes; returns the unsubscribe function. */
function connectAdminPushes(bridge: WarRoomBridge, queryClient: QueryClient) {
  const offStatus = bridge.on('admin:status-changed', (status) => {
    queryClient.setQueryData(queryKeys.admin.status(), status);
    // What the server offers decides which controls are available.
    void queryClient.invalidateQueries({ queryKey: queryKeys.controls.all() });
  });
  const offDashboard = bridge.on('dashboard:updated', (payload) =>
    invalidateDashboard(queryClient, payload),
  );
  const offControls = bridge.on('controls:changed', (payload) =>
    invalidateControls(queryClient, payload),
  );
  return () => {
    offStatus();
    offDashboard();
    offControls();
  };
}

export type LiveInvalidationDelays = {
  /** Collects pushes before the timeline and lists refetch. */
  dataMs: number;
  /**
   * Verification walks the whole chain, so it is re-run at most this often
   * while entries keep arriving, and once more after the last of them.
   */
  verifyMs: number;
};

const DEFAULT_DELAYS: LiveInvalidationDelays = { dataMs: 100, verifyMs: 2000 };

/**
 * Main pushes an event after every committed change; this turns those pushes
 * into query invalidations, so whatever is on screen refetches and nothing
 * polls. Returns the unsubscribe function.
 */
export function connectLiveInvalidation(
  bridge: WarRoomBridge,
  queryClient: QueryClient,
  delays: LiveInvalidationDelays = DEFAULT_DELAYS,
): () => void {
  const data = createInvalidationBatcher(
    (pending) => invalidateData(queryClient, pending),
    delays.dataMs,
  );
  const verification = createInvalidationBatcher(
    (pending) => invalidateVerification(queryClient, pending),
    delays.verifyMs,
  );
  const evidence = createInvalidationBatcher(
    (pending) => invalidateEvidence(queryClient, pending),
    delays.dataMs,
  );
  const offAppended = bridge.on('journal:appended', (payload) => {
    data.journalAppended(payload.scope);
    verification.journalAppended(payload.scope);
    if (isEvidenceEntry(payload.kind)) evidence.journalAppended(payload.scope);
  });
  const offChanged = bridge.on('incident:changed', (payload) =>
    data.incidentChanged(payload.incidentId),
  );
  const offAdmin = connectAdminPushes(bridge, queryClient);
  return () => {
    offAppended();
    offChanged();
    offAdmin();
    data.dispose();
    verification.dispose();
    evidence.dispose();
  };
}
