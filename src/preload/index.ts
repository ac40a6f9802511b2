/*
 * The only bridge between the sandboxed renderer and main: `invoke` for
 * contract channels, `on` for contract events, and `addEvidenceFiles`,
 * which turns picked files into paths (only a preload can). Raw
 * `ipcRenderer` never crosses into the page. Bundled as one CommonJS file,
 * so it imports nothing but electron and the plain name lists.
 */
import {
  contextBridge,
  ipcRenderer,
  webUtils,
  type IpcRendererEvent,
} from 'electron';
import type { PickedFile, WarRoomBridge } from '../shared/bridge';
import type { IntakeOutcome } from '../shared/evidence-types';
import {
  CHANNEL_NAMES,
  EVENT_CHANNEL,
  EVENT_NAMES,
} from '../shared/channel-names';

const channels = new Set<string>(CHANNEL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

type EventMessage = { name: string; payload: unknown };

/** The file's path on disk, or '' for one made in the page (or not a File). */
function pathOf(file: PickedFile): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
}

function withoutPath(file: PickedFile): IntakeOutcome {
  return {
    ok: false,
    path: String(file?.name),
    message:
      'it has no path on this computer (it was not picked from disk), ' +
      'so it cannot be read; save it to a file and add that',
  };
}

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

  async addEvidenceFiles(files, details) {
    const picked = Array.from(files);
    const paths = picked.map(pathOf);
    const unreadable = picked.filter((_file, index) => !paths[index]);
    const readable = paths.filter(Boolean);
    if (readable.length === 0) {
      return { ok: true, value: unreadable.map(withoutPath) };
    }
    const result = await ipcRenderer.invoke('evidence:add-paths', {
      ...details,
      paths: readable,
    });
    if (!result?.ok) return result;
    return {
      ok: true,
      value: [...result.value, ...unreadable.map(withoutPath)],
    };
  },
};

contextBridge.exposeInMainWorld('warRoom', bridge);
