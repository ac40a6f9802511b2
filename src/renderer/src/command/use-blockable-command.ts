import { useState } from 'react';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useCommandChange } from '../data/command-queries';
import { errorKind, errorMessage } from '../transport/call';

type BlockableChannel = 'command:advance-phase' | 'command:close';

/**
 * A command main may refuse as `blocked` by open required items. The
 * refusal opens an override: the same input again, with the reason.
 */
export function useBlockableCommand<C extends BlockableChannel>(channel: C) {
  const change = useCommandChange(channel);
  const [blocked, setBlocked] = useState<{
    input: ChannelInput<C>;
    message: string;
  } | null>(null);

  function send(input: ChannelInput<C>) {
    change.mutate(input, {
      onSuccess: () => setBlocked(null),
      onError: (error) => {
        if (errorKind(error) !== 'blocked') return;
        setBlocked({ input, message: errorMessage(error) });
      },
    });
  }

  const refusal =
    change.error && errorKind(change.error) !== 'blocked'
      ? errorMessage(change.error)
      : null;

  return {
    send,
    override: (overrideReason: string) => {
      if (blocked) send({ ...blocked.input, overrideReason });
    },
    cancel: () => {
      setBlocked(null);
      change.reset();
    },
    blocked,
    pending: change.isPending,
    /** A refusal other than `blocked`, shown where the command was given. */
    error: refusal,
  };
}
