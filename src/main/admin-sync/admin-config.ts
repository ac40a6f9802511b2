import { ipcContract } from '../../shared/ipc-contract';
import { AppFailure } from '../../shared/result';
import type { Environment } from '../data-dir';

export const ADMIN_URL_VARIABLE = 'WAR_ROOM_ADMIN_URL';
export const ADMIN_TOKEN_VARIABLE = 'WAR_ROOM_ADMIN_TOKEN';

/**
 * The admin API as the command line or the environment names it. A token
 * from here is used for the session and never saved.
 */
export type AdminEnvironment = { baseUrl?: string; token?: string };

const baseUrlSchema = ipcContract['admin:configure'].input.shape.baseUrl;

/** `https://host/base/` → `https://host/base`: paths are appended to it. */
export function normaliseBaseUrl(value: string): string {
  return value.replace(/\/+$/, '');
}

/** Checks a base URL from outside the contract; names where it came from. */
export function checkBaseUrl(value: string, origin: string): string {
  const parsed = baseUrlSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppFailure(
      'invalid-input',
      `${origin} ${parsed.error.issues[0]?.message ?? 'is not a URL'}`,
    );
  }
  return normaliseBaseUrl(value);
}

/**
 * Reads `--admin-url` (which wins), `WAR_ROOM_ADMIN_URL` and
 * `WAR_ROOM_ADMIN_TOKEN`. Empty values count as unset. Throws an
 * AppFailure of kind `invalid-input` naming the flag or variable if the
 * URL is not an http(s) URL free of credentials.
 */
export function adminFromEnvironment(
  env: Environment,
  urlFlag?: string,
): AdminEnvironment {
  const fromFlag = urlFlag !== undefined && urlFlag !== '';
  const url = fromFlag ? urlFlag : env[ADMIN_URL_VARIABLE];
  const token = env[ADMIN_TOKEN_VARIABLE];
  const origin = fromFlag ? '--admin-url' : ADMIN_URL_VARIABLE;
  return {
    ...(url ? { baseUrl: checkBaseUrl(url, origin) } : {}),
    ...(token ? { token } : {}),
  };
}
