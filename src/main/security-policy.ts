/**
 * The renderer's Content-Security-Policy, in one place for every way the
 * renderer is delivered: the Electron session's response headers, the
 * serve-mode HTTP headers and (copied by hand) the meta tag in
 * `src/renderer/index.html`, which a test keeps in step with this text.
 * Scripts only from our own files; inline styles are allowed because the
 * virtualized timeline positions rows with style attributes.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * The same policy for a `<meta>` tag, where browsers ignore (and warn
 * about) `frame-ancestors`; the response headers carry that one.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter(
  (directive) => !directive.startsWith('frame-ancestors'),
).join('; ');

/** Headers sent with every serve-mode response, static files included. */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;
