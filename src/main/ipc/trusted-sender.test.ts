import { describe, expect, it } from 'vitest';
import {
  isRendererPage,
  isTrustedSender,
  type SenderFrame,
  type TrustedRenderer,
} from './trusted-sender';

const INDEX_URL =
  'file:///opt/War%20Room/resources/app.asar/out/renderer/index.html';

const trusted: TrustedRenderer = {
  indexUrl: INDEX_URL,
  webContentsIds: new Set([7]),
};

const ourFrame: SenderFrame = {
  url: `${INDEX_URL}#/incidents`,
  isMainFrame: true,
  webContentsId: 7,
};

describe('isRendererPage', () => {
  it('accepts our index page with any hash or query', () => {
    expect(isRendererPage(INDEX_URL, INDEX_URL)).toBe(true);
    expect(isRendererPage(`${INDEX_URL}#token=x`, INDEX_URL)).toBe(true);
    expect(isRendererPage(`${INDEX_URL}?pane=timeline`, INDEX_URL)).toBe(true);
  });

  it('treats an encoded and a plain space alike', () => {
    const plain =
      'file:///opt/War Room/resources/app.asar/out/renderer/index.html';
    expect(isRendererPage(plain, INDEX_URL)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    for (const url of [
      'file:///opt/War%20Room/resources/app.asar/out/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil-host/opt/War%20Room/resources/app.asar/out/renderer/index.html',
      'https://example.com/index.html',
      'http://127.0.0.1:4780/',
      'about:blank',
      'not a url',
    ]) {
      expect(isRendererPage(url, INDEX_URL), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing our page', () => {
    expect(isTrustedSender(ourFrame, trusted)).toBe(true);
  });

  it('refuses a subframe, a destroyed frame or another window', () => {
    expect(isTrustedSender({ ...ourFrame, isMainFrame: false }, trusted)).toBe(
      false,
    );
    expect(isTrustedSender({ ...ourFrame, url: null }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ourFrame, webContentsId: 8 }, trusted)).toBe(
      false,
    );
  });

  it('refuses our window once it shows a foreign page', () => {
    const navigated = { ...ourFrame, url: 'https://evil.example/' };
    expect(isTrustedSender(navigated, trusted)).toBe(false);
  });
});
