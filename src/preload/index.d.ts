import type { WarRoomBridge } from '../shared/bridge';

declare global {
  // Only an interface merges into the DOM's Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /**
     * Set by the preload in the desktop app; absent in a browser, where the
     * serve-mode HTTP client stands in.
     */
    warRoom?: WarRoomBridge;
  }
}

export {};
