import { createAdminClient } from '../admin-api/admin-client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import type { AdminClientFactory } from './admin-sync';

/** The real HTTP client, on War Room's clock, timers and logger. */
export function realClientFactory(deps: {
  clock: Clock;
  timers: Timers;
  logger: Logger;
}): AdminClientFactory {
  const logger = deps.logger.child({ module: 'admin-client' });
  return (config) =>
    createAdminClient({
      baseUrl: config.baseUrl,
      token: config.token,
      pollBudgetPerMinute: config.pollBudgetPerMinute,
      clock: deps.clock,
      timers: deps.timers,
      logger,
    });
}
