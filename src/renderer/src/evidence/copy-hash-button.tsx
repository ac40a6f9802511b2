import { useEffect, useState } from 'react';
import { shortHash } from './evidence-format';

type CopyState = 'idle' | 'copied' | 'failed';

const CONFIRMATION_MS = 2_000;

/**
 * A hash shown (short or in full) as a button that copies the full hash,
 * with a visible, announced confirmation. A short one says so in its own
 * place, so a table row does not shift; a full one says so beside it.
 */
export function CopyHashButton(props: {
  hash: string;
  algorithm: string;
  /** What the hash is of, for the button's accessible name. */
  of: string;
  short?: boolean;
  /** -1 keeps it out of the tab order, as in a list's other rows. */
  tabIndex?: number;
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.hash);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="copy-hash">
      <button
        type="button"
        className={`hash-button mono${state === 'copied' ? ' is-copied' : ''}`}
        aria-label={`Copy the ${props.algorithm} of ${props.of}`}
        title={`${props.algorithm} ${props.hash}: click to copy`}
        data-hash={props.hash}
        tabIndex={props.tabIndex}
        onClick={() => void copy()}
      >
        {props.short && state === 'copied'
          ? '✓ Copied'
          : props.short
            ? shortHash(props.hash)
            : props.hash}
      </button>
      <span
        className={`copy-confirmation copy-${state}${
          props.short && state === 'copied' ? ' visually-hidden' : ''
        }`}
        role="status"
      >
        {state === 'copied' && '✓ Copied'}
        {state === 'failed' && 'Not copied: select the hash and copy it'}
      </span>
    </span>
  );
}
