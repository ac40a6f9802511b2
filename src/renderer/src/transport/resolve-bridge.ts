import type { WarRoomBridge } from '../../../shared/bridge';
import { createHttpBridge } from './http-bridge';
import { takeServeToken } from './serve-token';

/**
 * Inside Electron the preload provides `window.warRoom`; in a browser the
 * same contract is spoken over serve mode's HTTP routes. `onStreamOpen` is
 * told when serve mode's event stream (re)connects.
 */
export function resolveBridge(onStreamOpen: () => void): WarRoomBridge {
  const injected = window.warRoom;
  if (injected) return injected;

  return createHttpBridge({
    token: takeServeToken({
      location: window.location,
      storage: window.sessionStorage,
      history: window.history,
    }),
    fetch: window.fetch.bind(window),
    createEventSource: (url) => new EventSource(url),
    onStreamOpen,
  });
}

/**
 * Whether this page runs in the desktop app, where picked files are read
 * from their paths; in a browser they are uploaded, and folders cannot be.
 */
export function isDesktopApp(): boolean {
  return window.warRoom !== undefined;
}
