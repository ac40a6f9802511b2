import type { ChannelName, EventName } from './channel-names';
import type { ChannelInput, ChannelOutput, IpcEvents } from './ipc-contract';
import type { Result } from './result';

/**
 * What the preload exposes to the renderer as `window.warRoom`, and what the
 * serve-mode HTTP client implements in a browser: the contract, nothing more.
 */
export type WarRoomBridge = {
  invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(
    event: E,
    listener: (payload: IpcEvents[E]) => void,
  ): () => void;
};
