/*
 * The only bridge between the sandboxed renderer and main: `invoke` for
 * contract channels and `on` for contract events. Raw `ipcRenderer` never
 * crosses into the page. Bundled as one CommonJS file, so it imports
 * nothing but electron and the plain name lists.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WarRoomBridge } from '../shared/bridge';
import {
  CHANNEL_NAMES,
  EVENT_CHANNEL,
  EVENT_NAMES,
} from '../shared/channel-names';

const channels = new Set<string>(CHANNEL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

type EventMessage = { name: string; payload: unknown };

const bridge: WarRoomBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      // Same envelope as a handler's answer: the renderer branches on kind.
      return Promise.resolve({
        ok: false,
        error: {
          kind: 'invalid-input',
          message: `there is no channel named "${String(channel)}"`,
        },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },

  on(event, listener) {
    if (typeof event !== 'string' || !eventNames.has(event)) {
      throw new TypeError(`there is no event named "${String(event)}"`);
    }
    // The page gets the payload only, never the IpcRendererEvent, whose
    // `sender` would hand it ipcRenderer itself.
    const relay = (_event: IpcRendererEvent, message: EventMessage) => {
      if (message?.name === event) listener(message.payload as never);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('warRoom', bridge);
