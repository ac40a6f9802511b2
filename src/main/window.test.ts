/*
 * The desktop window's hardening, checked without Electron: a stand-in
 * `electron` module records what the real window and bootstrap code ask
 * of it (window options, session handlers, web-contents listeners), and
 * each test then plays the part of a hostile page against what was
 * recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../shared/channel-names';
import { makeTempDir } from './test-support/temp-war-room';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  /** Listeners by event name, as `on`/`once` registered them. */
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    only(name: string): Listener {
      const registered = this.listeners.get(name) ?? [];
      if (registered.length !== 1) {
        throw new Error(`${registered.length} listeners for ${name}`);
      }
      return registered[0];
    }
  }

  let nextContentsId = 1;
  class FakeWebContents extends Emitter {
    id = nextContentsId++;
    windowOpenHandler: Listener | undefined;
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
    send() {}
  }

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loadedFiles: string[] = [];
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    static getAllWindows() {
      return [...windows];
    }
    loadFile(file: string) {
      this.loadedFiles.push(file);
      return Promise.resolve();
    }
    show() {}
    isDestroyed() {
      return false;
    }
  }

  function fakeSession(name: string) {
    const session = {
      permissionRequest: undefined as Listener | undefined,
      permissionCheck: undefined as Listener | undefined,
      devicePermission: undefined as Listener | undefined,
      headersReceived: undefined as Listener | undefined,
      setPermissionRequestHandler(handler: Listener) {
        session.permissionRequest = handler;
        order.push(`${name} hardened`);
      },
      setPermissionCheckHandler(handler: Listener) {
        session.permissionCheck = handler;
      },
      setDevicePermissionHandler(handler: Listener) {
        session.devicePermission = handler;
      },
      webRequest: {
        onHeadersReceived(listener: Listener) {
          session.headersReceived = listener;
        },
      },
    };
    return session;
  }

  /** What happened, in order, across sessions and windows. */
  const order: string[] = [];
  const defaultSession = fakeSession('default session');
  const app = new Emitter() as Emitter & Record<string, unknown>;
  Object.assign(app, {
    isPackaged: true,
    setName: () => {},
    setPath: () => {},
    getAppPath: () => '/nonexistent-app-path',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {},
    exit: () => {},
  });
  const invokeHandlers = new Map<string, Listener>();
  const openExternal = vi.fn(async (_url: string) => {});
  const showErrorBox = vi.fn();

  return {
    windows,
    order,
    defaultSession,
    fakeSession,
    app,
    invokeHandlers,
    openExternal,
    showErrorBox,
    module: {
      app,
      BrowserWindow: new Proxy(FakeBrowserWindow, {
        construct(target, args: [Record<string, unknown>]) {
          order.push('window created');
          return new target(...args);
        },
      }),
      dialog: { showErrorBox },
      ipcMain: {
        handle: (channel: string, handler: Listener) =>
          invokeHandlers.set(channel, handler),
      },
      safeStorage: {
        isEncryptionAvailable: () => false,
        getSelectedStorageBackend: () => 'basic_text',
      },
      session: {
        defaultSession,
        fromPartition: (partition: string) => fakeSession(partition),
      },
      shell: { openExternal },
    },
  };
});

vi.mock('electron', () => fake.module);

const { createMainWindow, hardenSession } = await import('./window');
const { CONTENT_SECURITY_POLICY } = await import('./security-policy');

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILT_INDEX = join(ROOT, 'out', 'renderer', 'index.html');
const FILES = {
  preload: '/app/out/preload/index.cjs',
  index: '/app/out/renderer/index.html',
  indexUrl: 'file:///app/out/renderer/index.html',
};
const silentLogger = { error: vi.fn() } as never;

type FakeWindow = (typeof fake.windows)[number];

function openWindow(): FakeWindow {
  createMainWindow(FILES, { devTools: false, logger: silentLogger });
  return fake.windows.at(-1)!;
}

/** An Electron event whose `preventDefault` the test can watch. */
function navigation(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Scripts from our own files only: no remote host, scheme, eval or inline. */
function expectLocalScriptsOnly(policy: string): void {
  const parsed = directives(policy);
  expect(parsed.get('default-src')).toEqual(["'self'"]);
  expect(parsed.get('script-src')).toEqual(["'self'"]);
  expect(parsed.get('object-src')).toEqual(["'none'"]);
  expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
}

describe('main window options', () => {
  it('sandboxes and isolates the page, with Node kept out', () => {
    const { options } = openWindow();
    const preferences = options.webPreferences as Record<string, unknown>;

    expect(preferences).toMatchObject({
      preload: FILES.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('session');
    expect(preferences).not.toHaveProperty('partition');
  });

  it('loads only our renderer file', () => {
    const window = openWindow();

    expect(window.loadedFiles).toEqual([FILES.index]);
  });
});

describe('main window navigation', () => {
  it('cancels navigation away from the app and opens allowed links outside', () => {
    const navigate = openWindow().webContents.only('will-frame-navigate');
    fake.openExternal.mockClear();
    const external = navigation('https://status.example.com/incident/7');
    const local = navigation('file:///etc/passwd');

    navigate(external);
    navigate(local);

    expect(external.preventDefault).toHaveBeenCalled();
    expect(local.preventDefault).toHaveBeenCalled();
    expect(fake.openExternal.mock.calls).toEqual([
      ['https://status.example.com/incident/7'],
    ]);
  });

  it('lets the main frame move within our page, but no frame load it', () => {
    const navigate = openWindow().webContents.only('will-frame-navigate');
    const ownPage = navigation(`${FILES.indexUrl}#/incidents/7`);
    const framedPage = navigation(FILES.indexUrl, false);

    navigate(ownPage);
    navigate(framedPage);

    expect(ownPage.preventDefault).not.toHaveBeenCalled();
    expect(framedPage.preventDefault).toHaveBeenCalled();
  });

  it('cancels redirects that leave the app', () => {
    const redirect = openWindow().webContents.only('will-redirect');
    const away = navigation('https://evil.example/');
    const home = navigation(FILES.indexUrl);

    redirect(away);
    redirect(home);

    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses every new window and hands allowed links to the system', () => {
    const { windowOpenHandler } = openWindow().webContents;
    fake.openExternal.mockClear();
    const urls = [
      'https://runbook.example.com/',
      'mailto:soc@example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://plain.example.com/',
    ];

    const results = urls.map((url) => windowOpenHandler!({ url }));

    expect(results).toEqual(urls.map(() => ({ action: 'deny' })));
    expect(fake.openExternal.mock.calls).toEqual([
      ['https://runbook.example.com/'],
      ['mailto:soc@example.com'],
    ]);
  });

  it('refuses to attach a webview', () => {
    const attach = openWindow().webContents.only('will-attach-webview');
    const event = { preventDefault: vi.fn() };

    attach(event, { nodeIntegration: true }, { src: 'https://evil.example' });

    expect(event.preventDefault).toHaveBeenCalled();
  });
});

function hardenedSession() {
  const session = fake.fakeSession('test session');
  hardenSession(session as never);
  return session;
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = hardenedSession();
    for (const permission of ['media', 'notifications', 'geolocation']) {
      const callback = vi.fn();
      session.permissionRequest!({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheck!({}, permission, 'file://', {})).toBe(
        false,
      );
    }
    expect(session.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });

  it('adds our policy to every response, keeping its other headers', () => {
    const session = hardenedSession();
    const callback = vi.fn();

    session.headersReceived!(
      {
        url: 'file:///app/out/renderer/index.html',
        responseHeaders: {
          'X-Other': ['kept'],
          'Content-Security-Policy': ['script-src *'],
        },
      },
      callback,
    );

    const { responseHeaders } = callback.mock.calls[0][0];
    expect(responseHeaders['X-Other']).toEqual(['kept']);
    expect(responseHeaders['Content-Security-Policy']).toEqual([
      CONTENT_SECURITY_POLICY,
    ]);
    expectLocalScriptsOnly(responseHeaders['Content-Security-Policy'][0]);
  });
});

describe('built renderer page', () => {
  it('carries a policy allowing only its own scripts, and no inline script', () => {
    expect(existsSync(BUILT_INDEX), 'run `npm run build` first').toBe(true);
    const html = readFileSync(BUILT_INDEX, 'utf8');
    const meta =
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(
        html,
      );
    const scripts = [
      ...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi),
    ];

    expect(meta).not.toBeNull();
    expectLocalScriptsOnly(meta![1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"/]+\.js"/);
      expect(body.trim()).toBe('');
    }
  });
});

describe('desktop startup', () => {
  const dataDir = makeTempDir('war-room-window-');
  const savedArgv = process.argv;
  const savedResourcesPath = process.resourcesPath;
  let firstWindow: FakeWindow;

  beforeAll(async () => {
    vi.stubEnv('WAR_ROOM_ADMIN_URL', undefined);
    // Electron's packaged-resources folder, where a native build may sit.
    Object.assign(process, { resourcesPath: dataDir.path });
    process.argv = [...savedArgv, '--data-dir', dataDir.path];
    fake.order.length = 0;
    const windowsBefore = fake.windows.length;
    await import('./index');
    await vi.waitFor(() => expect(fake.windows.length).toBe(windowsBefore + 1));
    firstWindow = fake.windows.at(-1)!;
  });

  afterAll(() => {
    for (const listener of fake.app.listeners.get('will-quit') ?? []) {
      listener();
    }
    process.argv = savedArgv;
    Object.assign(process, { resourcesPath: savedResourcesPath });
    vi.unstubAllEnvs();
    dataDir.remove();
  });

  it('hardens the default session before any window opens', () => {
    expect(fake.showErrorBox).not.toHaveBeenCalled();
    expect(fake.defaultSession.permissionRequest).toBeDefined();
    expect(fake.defaultSession.headersReceived).toBeDefined();
    expect(fake.order[0]).toBe('default session hardened');
    expect(fake.order).toContain('window created');
  });

  it('opens the window on the built CommonJS preload, without devtools', () => {
    const preferences = firstWindow.options.webPreferences as Record<
      string,
      unknown
    >;

    expect(preferences.preload).toBe(
      resolve(import.meta.dirname, '..', 'preload', 'index.cjs'),
    );
    expect(preferences.devTools).toBe(false);
    expect(firstWindow.webContents.windowOpenHandler).toBeDefined();
    expect(firstWindow.webContents.listeners.has('will-frame-navigate')).toBe(
      true,
    );
  });

  it('answers IPC only from the main frame of its own window', async () => {
    const handler = fake.invokeHandlers.get('app:info')!;
    const indexUrl = pathToFileURL(
      resolve(import.meta.dirname, '..', 'renderer', 'index.html'),
    ).href;
    const mainFrame = { url: indexUrl, parent: null };
    const ask = (sender: { id: number }, senderFrame: object) =>
      handler({ sender, senderFrame }, {});

    const own = await ask(firstWindow.webContents, mainFrame);
    const subFrame = await ask(firstWindow.webContents, {
      url: indexUrl,
      parent: mainFrame,
    });
    const otherContents = await ask({ id: 9999 }, mainFrame);
    const otherPage = await ask(firstWindow.webContents, {
      url: 'https://evil.example/',
      parent: null,
    });

    expect([...fake.invokeHandlers.keys()].sort()).toEqual(
      [...CHANNEL_NAMES].sort(),
    );
    expect(own).toMatchObject({ ok: true });
    for (const refused of [subFrame, otherContents, otherPage]) {
      expect(refused).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
  });
});
