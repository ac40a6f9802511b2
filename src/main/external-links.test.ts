import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https, mailto and tel links', () => {
    for (const url of [
      'https://status.example.com/incidents/42',
      'mailto:soc@example.com?subject=Incident',
      'tel:+441234567890',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses every other scheme', () => {
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'smb://fileserver/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'chrome://settings',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses unparsable, empty and disguised links', () => {
    for (const url of [
      '',
      'not a url',
      '//example.com/path',
      'https://trusted.example@evil.example/',
      'https://user:pass@example.com/',
      'mailto:',
      'tel:',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
