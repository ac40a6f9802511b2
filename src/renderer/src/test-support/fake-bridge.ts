import type { PickedFileDetails, WarRoomBridge } from '../../../shared/bridge';
import type { ChannelName, EventName } from '../../../shared/channel-names';
import type {
  ChannelInput,
  ChannelOutput,
  IpcEvents,
} from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';

type ChannelFakes = {
  [C in ChannelName]?: (
    input: ChannelInput<C>,
  ) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

export type FakeHandlers = ChannelFakes & {
  addEvidenceFiles?: WarRoomBridge['addEvidenceFiles'];
};

export type FakeBridge = WarRoomBridge & {
  calls: { channel: ChannelName; input: unknown }[];
  fileCalls: { names: string[]; details: PickedFileDetails }[];
  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void;
};

/**
 * A bridge for component tests: answers from the given handlers, records
 * every call, and lets a test push events as main would.
 */
export function createFakeBridge(handlers: FakeHandlers): FakeBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];
  const fileCalls: FakeBridge['fileCalls'] = [];

  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>> {
    calls.push({ channel, input });
    const handler = (handlers as ChannelFakes)[channel] as
      ChannelFakes[C] | undefined;
    if (!handler) {
      return {
        ok: false,
        error: { kind: 'internal', message: `no fake for ${channel}` },
      };
    }
    return handler(input);
  }

  return {
    calls,
    fileCalls,
    invoke,
    async addEvidenceFiles(files, details) {
      fileCalls.push({ names: files.map((file) => file.name), details });
      if (!handlers.addEvidenceFiles) {
        return {
          ok: false,
          error: { kind: 'internal', message: 'no fake for addEvidenceFiles' },
        };
      }
      return handlers.addEvidenceFiles(files, details);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
