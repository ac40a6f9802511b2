import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-program';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('war-room serve', () => {
  it('prints its address first, serves the API and stops on a signal', async () => {
    const terminal = sandbox.terminal();
    const running = runCli(['serve', '--port', '0'], terminal.runtime);
    await waitFor(() => terminal.stdout().includes('\n'), 'the first line');

    const line = terminal.stdout().split('\n')[0];
    const match =
      /^War Room is serving at http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]{43})$/.exec(
        line,
      );
    expect(match).not.toBeNull();
    const [, port, token] = match!;
    const response = await fetch(
      `http://127.0.0.1:${port}/api/invoke/incident:list`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    );
    expect(await response.json()).toEqual({ ok: true, value: [] });

    terminal.stop('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(await sandbox.listIncidents()).toEqual([]);
  });

  it('exits 2 before opening anything when the renderer is not built', async () => {
    const terminal = sandbox.terminal();
    terminal.runtime.rendererDir = join(sandbox.root, 'no-renderer');
    const code = await runCli(['serve', '--port', '0'], terminal.runtime);
    expect(code).toBe(2);
    expect(terminal.stderr()).toContain('run npm run build first');
    expect(existsSync(sandbox.dataDir)).toBe(false);
  });

  it('points the console at the admin API given by flag or environment', async () => {
    const terminal = sandbox.terminal('', {
      WAR_ROOM_ADMIN_URL: 'https://ignored.example.com',
    });
    const running = runCli(
      ['serve', '--port', '0', '--admin-url', 'http://127.0.0.1:9/admin/'],
      terminal.runtime,
    );
    await waitFor(() => terminal.stdout().includes('\n'), 'the first line');
    const [, url, token] = /at (\S+)#token=(\S+)/.exec(terminal.stdout())!;

    const response = await fetch(`${url}api/invoke/admin:status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    terminal.stop('SIGTERM');

    expect(await response.json()).toMatchObject({
      ok: true,
      value: {
        baseUrl: 'http://127.0.0.1:9/admin',
        connection: 'not-configured',
        tokenSource: 'none',
      },
    });
    expect(await running).toBe(0);
  });

  it('exits 2 naming the flag for an admin URL that is not http(s)', async () => {
    const bad = await sandbox.run([
      'serve',
      '--port',
      '0',
      '--admin-url',
      'ftp://admin.example.com',
    ]);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--admin-url must be an http(s) URL without a user name or password',
    );
    expect(existsSync(sandbox.dataDir)).toBe(false);
  });

  it('exits 2 for a bad port or one already taken', async () => {
    const bad = await sandbox.run(['serve', '--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be a whole number from 0 to 65535');

    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(0, '127.0.0.1', resolve),
    );
    const { port } = blocker.address() as { port: number };
    const taken = await sandbox.run(['serve', '--port', String(port)]);
    blocker.close();
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(
      `port ${port} on 127.0.0.1 is already in use`,
    );
    expect(taken.stdout).toBe('');
  });
});
