import type { WarRoomBridge } from '../../../shared/bridge';
import type { ChannelName, EventName } from '../../../shared/channel-names';
import type {
  ChannelInput,
  ChannelOutput,
  IpcEvents,
} from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';

export type FakeHandlers = {
  [C in ChannelName]?: (
    input: ChannelInput<C>,
  ) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

export type FakeBridge = WarRoomBridge & {
  calls: { channel: ChannelName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void;
};

/**
 * A bridge for component tests: answers from the given handlers, records
 * every call, and lets a test push events as main would.
 */
export function createFakeBridge(handlers: FakeHandlers): FakeBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];

  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>> {
    calls.push({ channel, input });
    const handler = handlers[channel] as FakeHandlers[C] | undefined;
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
    invoke,
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
