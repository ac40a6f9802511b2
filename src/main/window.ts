import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import { isRendererPage } from './ipc/trusted-sender';
import type { Logger } from './logger';
import { CONTENT_SECURITY_POLICY } from './security-policy';
import { hardenedWebPreferences } from './web-preferences';

export type RendererFiles = {
  /** The CommonJS preload (`out/preload/index.cjs`). */
  preload: string;
  /** `out/renderer/index.html`, and its file:// URL. */
  index: string;
  indexUrl: string;
};

/**
 * Denies every permission a page can ask for (camera, notifications,
 * devices…) and adds the CSP to every response the session receives. The
 * renderer's meta tag carries the same policy for file:// loads, which
 * have no response headers.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

function openExternally(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

/**
 * The window shows our page and nothing else: navigation elsewhere (in any
 * frame, or by redirect) is cancelled, new windows are refused, and links
 * on the allow-list open in the system's browser or mail client instead.
 */
function lockNavigation(contents: WebContents, indexUrl: string): void {
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame && isRendererPage(details.url, indexUrl)) return;
    details.preventDefault();
    if (details.isMainFrame) openExternally(details.url);
  });
  contents.on('will-redirect', (details) => {
    if (!isRendererPage(details.url, indexUrl)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Opens the console window; shown once its first frame is painted. */
export function createMainWindow(
  files: RendererFiles,
  options: { devTools: boolean; logger: Logger },
): BrowserWindow {
  const window = new BrowserWindow({
    title: 'War Room',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      ...hardenedWebPreferences(files.preload),
      devTools: options.devTools,
    },
  });
  lockNavigation(window.webContents, files.indexUrl);
  window.once('ready-to-show', () => window.show());
  window.loadFile(files.index).catch((error: unknown) => {
    options.logger.error({ err: error }, 'renderer failed to load');
  });
  return window;
}
