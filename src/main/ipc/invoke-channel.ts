import type { z } from 'zod';
import {
  ipcContract,
  isChannel,
  type Channel,
} from '../../shared/ipc-contract';
import { AppFailure, err, ok, type Result } from '../../shared/result';
import type { Logger } from '../logger';
import type { Handler, HandlerMap, InvokeContext } from './handler-map';

/** Names each wrong field: `title: must not be empty; severity: …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function failureResult(error: unknown, channel: string, logger: Logger) {
  if (error instanceof AppFailure) return err(error.kind, error.message);
  const message = error instanceof Error ? error.message : String(error);
  if (/SQLITE_BUSY|SQLITE_FULL|SQLITE_IOERR|database is locked/.test(message)) {
    logger.error({ channel, err: error }, 'storage failure');
    return err('storage', `the database could not be written: ${message}`);
  }
  logger.error({ channel, err: error }, 'handler failed');
  return err('internal', `War Room hit an unexpected error: ${message}`);
}

/**
 * The single entry point of every transport: checks the channel, validates
 * the input against the contract, runs the handler and turns any failure
 * into a Result. Never throws, so no transport can leak a stack trace.
 */
export async function invokeChannel(
  handlers: HandlerMap,
  logger: Logger,
  channel: string,
  rawInput: unknown,
  context: InvokeContext,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return err('invalid-input', `there is no channel named "${channel}"`);
  }
  const parsed = ipcContract[channel].input.safeParse(
    rawInput === undefined ? {} : rawInput,
  );
  if (!parsed.success) {
    return err('invalid-input', describeIssues(parsed.error));
  }

  const handler = handlers[channel] as Handler<Channel>;
  return runGuarded(logger, channel, () =>
    handler(parsed.data as never, context),
  );
}

/**
 * Runs an operation whose input is already checked and turns any failure
 * into a Result; for channels and the one non-channel route (uploads).
 */
export async function runGuarded<T>(
  logger: Logger,
  name: string,
  run: () => T | Promise<T>,
): Promise<Result<T>> {
  const started = performance.now();
  try {
    const value = await run();
    logger.debug(
      { channel: name, ms: Math.round(performance.now() - started) },
      'handled',
    );
    return ok(value);
  } catch (error) {
    return failureResult(error, name, logger);
  }
}
