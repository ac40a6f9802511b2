import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { systemTimers, type Timers } from '../timers';
import type { AdminEnvironment } from './admin-config';
import { AdminSync, type AdminClientFactory } from './admin-sync';
import { realClientFactory } from './client-factory';
import type { PollIntervals } from './poll-schedule';
import { createMemoryTokenStore, type TokenStore } from './token-store';

/** How a War Room reaches the admin API; every field has a default. */
export type AdminOptions = {
  /** `--admin-url`, WAR_ROOM_ADMIN_URL and WAR_ROOM_ADMIN_TOKEN. */
  environment?: AdminEnvironment;
  /**
   * Keeps a token given to `admin:configure`: the OS keychain in the
   * desktop app, memory otherwise.
   */
  tokenStore?: TokenStore;
  /** Tests pass a fake; the default is the real HTTP client. */
  createClient?: AdminClientFactory;
  timers?: Timers;
  intervals?: Partial<PollIntervals>;
};

export function openAdminSync(
  options: AdminOptions,
  base: { db: Db; clock: Clock; logger: Logger; events: EventBus },
): AdminSync {
  const timers = options.timers ?? systemTimers;
  return new AdminSync({
    ...base,
    timers,
    createClient:
      options.createClient ??
      realClientFactory({ clock: base.clock, timers, logger: base.logger }),
    tokenStore: options.tokenStore ?? createMemoryTokenStore(),
    environment: options.environment ?? {},
    intervals: options.intervals,
  });
}
