/*
 * The desktop app's bootstrap: the only place that wires Electron to the
 * services, which themselves run under plain Node.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { registerContractHandlers, forwardEvents } from './app-ipc';
import { adminFromEnvironment } from './admin-sync/admin-config';
import { createKeychainTokenStore } from './admin-token-store';
import { createPdfPrinter } from './report-pdf-printer';
import {
  preloadPathFor,
  rendererIndexFor,
  rendererIndexUrlFor,
} from './built-paths';
import {
  dataDirFlagFromArgv,
  defaultActorName,
  PRODUCT_NAME,
  resolveDataDir,
} from './data-dir';
import type { TrustedRenderer } from './ipc/trusted-sender';
import { nativeBindingPath } from './native-binding';
import { openWarRoom, type WarRoom } from './war-room';
import { createMainWindow, hardenSession, type RendererFiles } from './window';

const EXIT_STARTUP_FAILED = 2;

/** Built files, found from this entry's own folder (out/main). */
const mainDir = import.meta.dirname;
const rendererFiles: RendererFiles = {
  preload: preloadPathFor(mainDir),
  index: rendererIndexFor(mainDir),
  indexUrl: rendererIndexUrlFor(mainDir),
};

const webContentsIds = new Set<number>();
const trusted: TrustedRenderer = {
  indexUrl: rendererFiles.indexUrl,
  webContentsIds,
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Startup failures are shown to the person, since there is no terminal. */
function fail(title: string, error: unknown, hint = ''): undefined {
  dialog.showErrorBox(title, `${messageOf(error)}${hint}`);
  app.exit(EXIT_STARTUP_FAILED);
  return undefined;
}

function chooseDataDir(): string | undefined {
  try {
    return resolveDataDir(dataDirFlagFromArgv(process.argv));
  } catch (error) {
    return fail('War Room: bad command line', error);
  }
}

/**
 * Opens the database with the Electron-ABI better-sqlite3 when one has been
 * prepared. Without it the Node-ABI build fails to load, and the message
 * says how to make the right one.
 */
function openForElectron(dataDir: string): WarRoom | undefined {
  const nativeBinding = nativeBindingPath({
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    roots: [process.resourcesPath, app.getAppPath()],
  });
  try {
    return openWarRoom({
      dataDir,
      nativeBinding,
      admin: {
        environment: adminFromEnvironment(process.env),
        tokenStore: createKeychainTokenStore(dataDir),
      },
      printPdf: createPdfPrinter(join(dataDir, 'tmp')),
    });
  } catch (error) {
    const hint = nativeBinding
      ? ''
      : '\n\nNo Electron build of better-sqlite3 was found: run ' +
        '`node scripts/prepare-electron-native.mjs` (npm start does).';
    return fail('War Room cannot open its data', error, hint);
  }
}

function openWindow(warRoom: WarRoom): BrowserWindow {
  const window = createMainWindow(rendererFiles, {
    devTools: !app.isPackaged,
    logger: warRoom.logger.child({ module: 'window' }),
  });
  const id = window.webContents.id;
  webContentsIds.add(id);
  window.on('closed', () => webContentsIds.delete(id));
  return window;
}

function start(dataDir: string): void {
  hardenSession(session.defaultSession);
  const warRoom = openForElectron(dataDir);
  if (!warRoom) return;
  warRoom.watchOtherWriters();
  warRoom.startAdminSync();
  registerContractHandlers(warRoom, trusted, defaultActorName());
  forwardEvents(warRoom, trusted);
  openWindow(warRoom);

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return void openWindow(warRoom);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(warRoom);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => warRoom.close());
}

function bootstrap(): void {
  app.setName(PRODUCT_NAME);
  const dataDir = chooseDataDir();
  if (dataDir === undefined) return;
  // Set before the lock: Electron keys the single-instance lock on
  // userData, so one app runs per data directory, and a second launch on
  // the same directory hands over to the first.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app
    .whenReady()
    .then(() => start(dataDir))
    .catch((error: unknown) => fail('War Room could not start', error));
}

bootstrap();
