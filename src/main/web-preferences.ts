/**
 * The web preferences of every War Room window, kept apart from the window
 * code so a test can read them without Electron. The renderer is an
 * untrusted page that talks to main only through the preload's bridge.
 */
export function hardenedWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    // Electron's default, stated so no later edit turns on Chromium's
    // unfinished (and unreviewed) web platform features unnoticed.
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}
