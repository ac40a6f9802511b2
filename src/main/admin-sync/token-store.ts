/**
 * Where a token given to `admin:configure` is kept. The desktop app keeps
 * it in the OS keychain (admin-token-store.ts, the only part that needs
 * Electron); serve mode and tests keep it in memory for the session. A
 * token from the environment is never saved anywhere.
 *
 * Contract: `save` either keeps the token or throws an AppFailure naming
 * why, leaving the previous token as it was; nothing here logs a token.
 */
export type TokenStore = {
  /** How a token saved here is reported in the status. */
  readonly source: 'keychain' | 'session';
  load(): string | null;
  save(token: string): void;
  clear(): void;
};

/** Holds the token in this process only; gone when it exits. */
export function createMemoryTokenStore(): TokenStore {
  let token: string | null = null;
  return {
    source: 'session',
    load: () => token,
    save(value) {
      token = value;
    },
    clear() {
      token = null;
    },
  };
}
