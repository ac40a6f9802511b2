/**
 * `Idempotency-Key` handling for write requests, when switched on. The
 * platform accepts no such header (CONTRACT §3.6, §6), so the default is
 * to ignore it; honouring it models a platform that one day does: the
 * first answer to a key is kept and replayed for every repeat of the same
 * request, without running the handler again.
 */
import { createHash } from 'node:crypto';
import { detail, type SimResponse } from './responses';
import type { SimRequest } from './route-types';

export type IdempotencyMode = 'ignore' | 'honour';

export type IdempotencyStore = {
  /** The kept answer for a repeat, a 422 for a key reused on another
   * request, or null when the handler should run. */
  lookup(request: SimRequest, key: string): SimResponse | null;
  keep(request: SimRequest, key: string, response: SimResponse): void;
  clear(): void;
};

type Kept = { fingerprint: string; response: SimResponse };

function fingerprint(request: SimRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.path}?${request.query}\n`)
    .update(request.bodyText)
    .digest('hex');
}

export function createIdempotencyStore(): IdempotencyStore {
  const kept = new Map<string, Kept>();
  return {
    lookup(request, key) {
      const found = kept.get(key);
      if (found === undefined) return null;
      if (found.fingerprint !== fingerprint(request)) {
        return detail(
          422,
          'Idempotency-Key was already used for another request',
        );
      }
      const headers = {
        ...found.response.headers,
        'idempotent-replayed': 'true',
      };
      return { ...found.response, headers };
    },
    keep(request, key, response) {
      kept.set(key, { fingerprint: fingerprint(request), response });
    },
    clear: () => kept.clear(),
  };
}
