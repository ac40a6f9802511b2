import type { ChannelName, EventName } from './channel-names';
import type { IntakeOutcome } from './evidence-types';
import type { ChannelInput, ChannelOutput, IpcEvents } from './ipc-contract';
import type { Result } from './result';

/**
 * A file a person dropped on the page or picked with a file input: in the
 * renderer, a DOM `File`. Described by the fields every transport reads, as
 * `shared` has no DOM types; each transport takes the bytes or the path
 * from the `File` itself.
 */
export type PickedFile = {
  readonly name: string;
  readonly size: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
};

/** What is said about a batch of picked files; the same for each of them. */
export type PickedFileDetails = Omit<
  ChannelInput<'evidence:add-paths'>,
  'paths' | 'linkedEntries'
>;

/**
 * What the preload exposes to the renderer as `window.warRoom`, and what the
 * serve-mode HTTP client implements in a browser: the contract, plus the one
 * operation whose input is not JSON.
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
  /**
   * Takes picked files into the evidence log, one outcome per file taken
   * (a file that fails carries its reason; the others are still taken).
   * The desktop app reads each file from its path; a browser uploads its
   * bytes. Fails as a whole only when the intake cannot go on (cancelled,
   * disk full, server gone); files finished before that stay registered.
   */
  addEvidenceFiles(
    files: readonly PickedFile[],
    details: PickedFileDetails,
  ): Promise<Result<IntakeOutcome[]>>;
};
