import { describe, expect, it, vi } from 'vitest';
import { takeServeToken, type TokenSources } from './serve-token';

function sources(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>();
  if (stored) storage.set('war-room.serve-token', stored);
  const replaceState = vi.fn();
  const value: TokenSources = {
    location: { hash, pathname: '/', search: '?pane=1' },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, item) => void storage.set(key, item),
    },
    history: { replaceState },
  };
  return { value, storage, replaceState };
}

describe('takeServeToken', () => {
  it('takes the token from the fragment, keeps it, and hides it', () => {
    const { value, storage, replaceState } = sources('#token=abc-123_x');

    expect(takeServeToken(value)).toBe('abc-123_x');
    expect(storage.get('war-room.serve-token')).toBe('abc-123_x');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?pane=1');
  });

  it('falls back to the kept token after a reload', () => {
    const { value, replaceState } = sources('', 'kept');

    expect(takeServeToken(value)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('prefers a new token in the fragment over a kept one', () => {
    const { value, storage } = sources('#token=new', 'old');

    expect(takeServeToken(value)).toBe('new');
    expect(storage.get('war-room.serve-token')).toBe('new');
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeServeToken(sources('#other=1').value)).toBeNull();
  });
});
