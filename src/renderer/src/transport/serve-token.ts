const TOKEN_KEY = 'war-room.serve-token';

export type TokenSources = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
};

/**
 * Serve mode hands the browser its access token in the URL fragment, which
 * never reaches a server log. The token is kept in sessionStorage so a reload
 * keeps working, and taken out of the address bar so a screenshot or a copied
 * link does not leak it. Returns null when there is no token anywhere.
 */
export function takeServeToken(sources: TokenSources): string | null {
  const { location, storage, history } = sources;
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token');
  if (!fromFragment) return storage.getItem(TOKEN_KEY);

  storage.setItem(TOKEN_KEY, fromFragment);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return fromFragment;
}
