import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../shared/channel-names';
import { err } from '../shared/result';
import type { InvokeContext } from './ipc/handler-map';
import {
  isTrustedSender,
  type SenderFrame,
  type TrustedRenderer,
} from './ipc/trusted-sender';
import type { WarRoom } from './war-room';

function senderFrame(event: IpcMainInvokeEvent): SenderFrame {
  const frame = event.senderFrame;
  try {
    return {
      url: frame?.url ?? null,
      isMainFrame: frame !== null && frame.parent === null,
      webContentsId: event.sender.id,
    };
  } catch {
    // Reading a frame that navigated away or was destroyed throws.
    return { url: null, isMainFrame: false, webContentsId: event.sender.id };
  }
}

/**
 * One `ipcMain.handle` per contract channel, each a thin call into the
 * shared `invoke` after checking who is asking. A refused sender gets a
 * `forbidden` result, not an exception, like every other failure.
 */
export function registerContractHandlers(
  warRoom: WarRoom,
  trusted: TrustedRenderer,
  defaultActor: string,
): void {
  const logger = warRoom.logger.child({ module: 'electron-ipc' });
  const context: InvokeContext = { defaultActor, transport: 'electron' };
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const sender = senderFrame(event);
      if (!isTrustedSender(sender, trusted)) {
        logger.warn(
          { channel, webContentsId: sender.webContentsId },
          'refused',
        );
        return err('forbidden', 'this page may not call War Room');
      }
      return warRoom.invoke(channel, input, context);
    });
  }
}

/** Pushes every committed change to our windows, as `{ name, payload }`. */
export function forwardEvents(
  warRoom: WarRoom,
  trusted: TrustedRenderer,
): () => void {
  return warRoom.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (window.isDestroyed() || !trusted.webContentsIds.has(contents.id)) {
        continue;
      }
      contents.send(EVENT_CHANNEL, { name, payload });
    }
  });
}
