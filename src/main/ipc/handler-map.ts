import type {
  Channel,
  ChannelOutput,
  ParsedInput,
} from '../../shared/ipc-contract';

/** Who is calling, as far as the transport can tell. */
export type InvokeContext = {
  /** Actor recorded when the input names none. */
  defaultActor: string;
  transport: 'electron' | 'serve' | 'cli' | 'test';
};

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  context: InvokeContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** One handler per contract channel; no transport-specific code inside. */
export type HandlerMap = { [C in Channel]: Handler<C> };
