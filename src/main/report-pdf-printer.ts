/*
 * The desktop app's PDF printer for incident reports: Chromium's own print
 * engine, in a hidden window that runs no script, has no preload and sits
 * in a session of its own that grants nothing. One of the few files that
 * import Electron; only the bootstrap uses it. Serve mode and the command
 * line have no printer and offer Markdown and HTML only.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { ulid } from 'ulid';
import type { PrintPdf } from './report/report-export';

/** In memory only (no `persist:` prefix): nothing of it reaches the disk. */
const PRINT_PARTITION = 'war-room-report-print';

function printSession() {
  const printing = session.fromPartition(PRINT_PARTITION);
  printing.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  printing.setPermissionCheckHandler(() => false);
  return printing;
}

/**
 * `tempDir`: a folder inside the data directory. The report is loaded from
 * a file there rather than a data: URL, which Chromium caps at 2 MB, and
 * the file is removed whatever happens.
 */
export function createPdfPrinter(tempDir: string): PrintPdf {
  return async (html) => {
    await mkdir(tempDir, { recursive: true });
    const page = join(tempDir, `report-${ulid()}.html`);
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        session: printSession(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        spellcheck: false,
      },
    });
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    try {
      await writeFile(page, html, { flag: 'wx', mode: 0o600 });
      await window.loadFile(page);
      return await window.webContents.printToPDF({
        printBackground: true,
        pageSize: 'A4',
      });
    } finally {
      window.destroy();
      await rm(page, { force: true });
    }
  };
}
