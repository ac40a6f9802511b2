/** Schemes a link in the renderer may open outside the app. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:', 'tel:']);

/**
 * Whether a URL the renderer tried to open may be handed to the operating
 * system. Only web pages over TLS, e-mail and phone links: `file:`, `http:`,
 * custom protocol handlers and anything unparsable stay closed, because the
 * OS would run whatever program claims them.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return false;
  if (parsed.protocol === 'https:') {
    // Credentials in a link are a classic way to disguise its real host.
    return parsed.hostname !== '' && !parsed.username && !parsed.password;
  }
  return parsed.pathname !== '';
}
