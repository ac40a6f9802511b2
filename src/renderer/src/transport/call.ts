import type { WarRoomBridge } from '../../../shared/bridge';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc-contract';
import type { AppError, ErrorKind } from '../../../shared/result';

/** A failed result, thrown so TanStack Query's error states carry the kind. */
export class BridgeError extends Error {
  readonly kind: ErrorKind;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'BridgeError';
    this.kind = error.kind;
  }
}

export function errorKind(error: unknown): ErrorKind | null {
  return error instanceof BridgeError ? error.kind : null;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Invokes a channel and returns its value, or throws a BridgeError. */
export async function call<C extends ChannelName>(
  bridge: WarRoomBridge,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
