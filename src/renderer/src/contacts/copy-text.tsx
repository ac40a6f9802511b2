import { useState } from 'react';

/** A value that copies itself on click, saying so where it stands. */
export function CopyText(props: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button
      type="button"
      className="copy-text mono"
      aria-label={`Copy ${props.label}`}
      title="Click to copy"
      onClick={() => void copy()}
    >
      {props.value}
      {copied && <span role="status"> ✓ copied</span>}
    </button>
  );
}

/**
 * A link the main process hands to the system only if it is on the
 * external-link allow-list (https, mailto, tel); others are not links.
 */
export function ExternalLink(props: { href: string; children: string }) {
  if (!/^(https:|mailto:|tel:)/i.test(props.href)) return null;
  return (
    <a href={props.href} target="_blank" rel="noreferrer noopener">
      {props.children}
    </a>
  );
}
