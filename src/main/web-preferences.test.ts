import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences } from './web-preferences';

describe('hardenedWebPreferences', () => {
  it('isolates and sandboxes the renderer with our preload', () => {
    expect(hardenedWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
