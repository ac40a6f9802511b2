import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from './security-policy';

const RENDERER_HTML = resolve(
  import.meta.dirname,
  '..',
  'renderer',
  'index.html',
);

function metaPolicy(html: string): string | undefined {
  const tag =
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;
  return tag.exec(html)?.[1];
}

describe('content security policy', () => {
  it('allows scripts only from our own files and denies framing', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('leaves frame-ancestors out of the meta form only', () => {
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY).toBe(
      META_CONTENT_SECURITY_POLICY.replace(
        "base-uri 'none'",
        "base-uri 'none'; frame-ancestors 'none'",
      ),
    );
  });

  it("is the policy in the renderer's meta tag", () => {
    const html = readFileSync(RENDERER_HTML, 'utf8');
    expect(metaPolicy(html)).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
