/** What Electron tells us about the frame behind an IPC message. */
export type SenderFrame = {
  /** The frame's URL; null when the frame is already gone. */
  url: string | null;
  isMainFrame: boolean;
  webContentsId: number;
};

export type TrustedRenderer = {
  /** `file://` URL of our renderer's index.html. */
  indexUrl: string;
  /** Ids of the web contents of the windows this process created. */
  webContentsIds: ReadonlySet<number>;
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is our renderer's page, whatever its hash or query: the app
 * routes inside one page, so this is also the only navigation allowed.
 */
export function isRendererPage(url: string, indexUrl: string): boolean {
  const candidate = parse(url);
  const expected = parse(indexUrl);
  if (!candidate || !expected) return false;

  return (
    candidate.protocol === 'file:' &&
    expected.protocol === 'file:' &&
    candidate.host === expected.host &&
    decodeURIComponent(candidate.pathname) ===
      decodeURIComponent(expected.pathname)
  );
}

/**
 * Whether an IPC message may reach the handlers: it must come from the main
 * frame of one of our windows showing our renderer. An iframe, a page the
 * window was tricked into loading, or a destroyed frame is refused.
 */
export function isTrustedSender(
  sender: SenderFrame,
  trusted: TrustedRenderer,
): boolean {
  if (!sender.isMainFrame || sender.url === null) return false;
  if (!trusted.webContentsIds.has(sender.webContentsId)) return false;

  return isRendererPage(sender.url, trusted.indexUrl);
}
