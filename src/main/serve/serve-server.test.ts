import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceItem, IntakeProgress } from '../../shared/evidence-types';
import type { StoredItem } from '../evidence/evidence-intake';
import type { Incident } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import type { Result } from '../../shared/result';
import { VAULT_CHUNK_BYTES } from '../evidence/evidence-vault';
import { createLogger } from '../logger';
import { CONTENT_SECURITY_POLICY } from '../security-policy';
import { openWarRoom, type WarRoom } from '../war-room';
import { openStream, send, type TestRequest } from './http-test-client';
import {
  startServeServer,
  uploadChunks,
  type ServeServer,
} from './serve-server';

const INDEX_HTML = '<!doctype html><title>War Room</title>';

let root: string;
let rendererDir: string;
let warRoom: WarRoom;
let server: ServeServer;
/** What every upload the server handed to the War Room came to. */
let uploads: Promise<Result<StoredItem>>[];

async function start(
  extra: { heartbeatMs?: number; uploadLimitBytes?: number } = {},
) {
  return startServeServer({
    warRoom: {
      ...warRoom,
      takeInUpload: (...args) => {
        const upload = warRoom.takeInUpload(...args);
        uploads.push(upload);
        return upload;
      },
    },
    rendererDir,
    port: 0,
    defaultActor: 'tester',
    ...extra,
  });
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'war-room-serve-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'void 0;');
  writeFileSync(join(rendererDir, '.env'), 'SECRET=1');
  warRoom = openWarRoom({
    dataDir: join(root, 'data'),
    logger: createLogger(),
  });
  uploads = [];
  server = await start();
});

afterEach(async () => {
  await server.close();
  warRoom.close();
  rmSync(root, { recursive: true, force: true });
});

function api(channel: string, body: unknown, headers = {}): TestRequest {
  return {
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

const NEW_INCIDENT = {
  title: 'Admin login from unknown network',
  severity: 'high',
  category: 'authentication-access-control',
};

async function createIncident(): Promise<Incident> {
  const response = await send(
    server.port,
    api('incident:create', NEW_INCIDENT),
  );
  return response.json<{ value: Incident }>().value;
}

describe('serve mode: address and token', () => {
  it('listens on 127.0.0.1 with a fresh 32-byte base64url token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await start();
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('refuses a port that is already in use with a clear message', async () => {
    await expect(
      startServeServer({
        warRoom,
        rendererDir,
        port: server.port,
        defaultActor: 'tester',
      }),
    ).rejects.toThrow(`port ${server.port} on 127.0.0.1 is already in use`);
  });

  it('refuses to start without a built renderer', async () => {
    await expect(
      startServeServer({
        warRoom,
        rendererDir: join(root, 'missing'),
        port: 0,
        defaultActor: 'tester',
      }),
    ).rejects.toThrow('run npm run build first');
  });

  it('refuses an out-of-range port', async () => {
    await expect(
      startServeServer({
        warRoom,
        rendererDir,
        port: 70_000,
        defaultActor: 'x',
      }),
    ).rejects.toThrow('port must be 0-65535, not 70000');
  });
});

describe('serve mode: static files', () => {
  it('serves the renderer without a token, with strict headers', async () => {
    const response = await send(server.port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX_HTML);
    expect(response.headers['content-security-policy']).toBe(
      CONTENT_SECURITY_POLICY,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets and refuses dotfiles', async () => {
    const asset = await send(server.port, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('void 0;');
    const dotfile = await send(server.port, { path: '/.env' });
    expect(dotfile.status).not.toBe(200);
    expect(dotfile.text).not.toContain('SECRET');
  });

  it('puts the security headers on a 404 too', async () => {
    const response = await send(server.port, { path: '/nothing-here.js' });
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });
});

describe('serve mode: Host and Origin', () => {
  it('refuses a Host that is not this loopback address and port', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
    ]) {
      const response = await send(server.port, {
        path: '/',
        headers: { host },
      });
      expect(response.status, host).toBe(403);
      expect(response.headers['content-security-policy']).toBeDefined();
    }
  });

  it('accepts localhost:PORT as the Host', async () => {
    const headers = { host: `localhost:${server.port}` };
    const response = await send(server.port, { path: '/', headers });
    expect(response.status).toBe(200);
  });

  it('refuses a foreign or null Origin, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', 'https://127.0.0.1']) {
      const response = await send(
        server.port,
        api('incident:list', {}, { origin }),
      );
      expect(response.status, origin).toBe(403);
      expect(response.json()).toEqual({
        ok: false,
        error: { kind: 'forbidden', message: 'Origin is not this server' },
      });
    }
  });

  it('refuses a fetch from another site that sends no Origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await send(
        server.port,
        api('incident:list', {}, { 'sec-fetch-site': site }),
      );
      expect(response.status, site).toBe(403);
      expect(response.json()).toEqual({
        ok: false,
        error: {
          kind: 'forbidden',
          message: 'cross-site requests are refused',
        },
      });
    }
    const own = await send(
      server.port,
      api('incident:list', {}, { 'sec-fetch-site': 'same-origin' }),
    );
    expect(own.status).toBe(200);
  });

  it('accepts this server as the Origin', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const origin = `http://${host}:${server.port}`;
      const response = await send(
        server.port,
        api('incident:list', {}, { origin }),
      );
      expect(response.status, origin).toBe(200);
    }
  });
});

describe('serve mode: the token on /api', () => {
  it('answers 401 without a token, with a wrong one, or in the query', async () => {
    const attempts: TestRequest[] = [
      api('incident:list', {}, { authorization: '' }),
      api('incident:list', {}, { authorization: 'Bearer wrong' }),
      api('incident:list', {}, { authorization: `Basic ${server.token}` }),
      {
        ...api('incident:list', {}, { authorization: '' }),
        path: `/api/invoke/incident:list?token=${server.token}`,
      },
    ];
    for (const attempt of attempts) {
      const response = await send(server.port, attempt);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json()).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
  });

  it('guards unknown /api routes and encoded spellings too', async () => {
    const unknown = await send(server.port, { path: '/api/anything' });
    expect(unknown.status).toBe(401);
    const authorised = await send(server.port, {
      path: '/api/anything',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(authorised.status).toBe(404);
    expect(authorised.json()).toMatchObject({ error: { kind: 'not-found' } });
    const encoded = await send(server.port, {
      ...api('incident:list', {}, { authorization: '' }),
      path: '/%61pi/invoke/incident:list',
    });
    expect(encoded.status).not.toBe(200);
    expect(encoded.text).not.toContain('"ok":true');
  });

  it('marks API answers as not cacheable', async () => {
    const response = await send(server.port, api('incident:list', {}));
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('serve mode: invoking channels', () => {
  it('runs a channel and answers with its Result envelope', async () => {
    const incident = await createIncident();
    expect(incident.title).toBe(NEW_INCIDENT.title);
    expect(incident.openedBy).toBe('tester');

    const response = await send(server.port, api('incident:list', {}));
    expect(response.status).toBe(200);
    const listed = response.json<Result<Incident[]>>();
    expect(listed.ok && listed.value.map((row) => row.id)).toEqual([
      incident.id,
    ]);
  });

  it('treats a request with no body as empty input', async () => {
    const response = await send(server.port, {
      method: 'POST',
      path: '/api/invoke/incident:list',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ok: true, value: [] });
  });

  it('keeps application errors in a 200 envelope', async () => {
    const missing = await send(
      server.port,
      api('incident:get', { incidentId: '01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    );
    expect(missing.status).toBe(200);
    expect(missing.json()).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });

    const invalid = await send(
      server.port,
      api('incident:create', { ...NEW_INCIDENT, severity: 'apocalyptic' }),
    );
    expect(invalid.status).toBe(200);
    const result = invalid.json<Result<unknown>>();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('invalid-input');
    expect(!result.ok && result.error.message).toContain('severity');
  });

  it('answers 404 for a channel that does not exist', async () => {
    const response = await send(server.port, api('incident:delete', {}));
    expect(response.status).toBe(404);
    expect(response.json()).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'unknown channel: incident:delete' },
    });
  });

  it('answers 400 with a clear message for malformed JSON', async () => {
    const response = await send(server.port, {
      ...api('incident:list', {}),
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'request body is not valid JSON',
      },
    });
  });

  it('refuses a body over 1 MB and a body that is not JSON', async () => {
    const large = await send(server.port, {
      ...api('journal:add-note', {}),
      body: JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(large.status).toBe(413);
    expect(large.json()).toMatchObject({
      error: { message: 'request body is larger than 1 MB' },
    });

    const plain = await send(server.port, {
      ...api('incident:list', {}, { 'content-type': 'text/plain' }),
      body: '{}',
    });
    expect(plain.status).toBe(415);
  });
});

describe('serve mode: event stream', () => {
  it('needs the token as a query parameter', async () => {
    const stream = await openStream(server.port, '/api/events');
    expect(stream.status).toBe(401);
    stream.close();
    const wrong = await openStream(server.port, '/api/events?token=nope');
    expect(wrong.status).toBe(401);
    wrong.close();
  });

  it('streams committed changes as named events', async () => {
    const incident = await createIncident();
    const stream = await openStream(
      server.port,
      `/api/events?token=${server.token}`,
    );
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe(
      'text/event-stream; charset=utf-8',
    );
    expect(stream.headers['content-security-policy']).toBe(
      CONTENT_SECURITY_POLICY,
    );

    const note = await send(
      server.port,
      api('journal:add-note', { incidentId: incident.id, text: 'hello' }),
    );
    const entry = note.json<{ value: JournalEntry }>().value;
    const received = await stream.until((text) =>
      text.includes('event: incident:changed'),
    );
    expect(received).toContain(
      'event: journal:appended\ndata: ' +
        JSON.stringify({
          scope: incident.id,
          entryId: entry.id,
          kind: 'note',
        }) +
        '\n\n',
    );
    expect(received).not.toContain('hello');
    stream.close();
  });

  it('sends heartbeat comments and ends streams on close', async () => {
    await server.close();
    server = await start({ heartbeatMs: 20 });
    const stream = await openStream(
      server.port,
      `/api/events?token=${server.token}`,
    );
    await stream.until((text) => text.includes(': heartbeat\n\n'));
    await server.close();
    await stream.ended;
    await expect(send(server.port, { path: '/' })).rejects.toThrow(
      'ECONNREFUSED',
    );
  });
});

describe('serve mode: evidence uploads', () => {
  const OCTET = 'application/octet-stream';

  function uploadPath(query: Record<string, string>): string {
    return `/api/evidence/upload?${new URLSearchParams(query)}`;
  }

  function upload(
    query: Record<string, string>,
    body: Buffer,
    headers: Record<string, string> = {},
  ) {
    return send(server.port, {
      method: 'POST',
      path: uploadPath(query),
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': OCTET,
        ...headers,
      },
      body,
    });
  }

  /** Every file under the vault, temporary ones included. */
  function vaultFiles(): string[] {
    const vault = join(root, 'data', 'vault');
    if (!existsSync(vault)) return [];
    return readdirSync(vault, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  }

  async function listed(incidentId: string): Promise<EvidenceItem[]> {
    const response = await send(
      server.port,
      api('evidence:list', { incidentId }),
    );
    return response.json<{ value: EvidenceItem[] }>().value;
  }

  it('streams the body into the vault and registers it', async () => {
    const incident = await createIncident();
    const content = Buffer.from('sshd[812]: Accepted password for root\n');
    const progress: IntakeProgress[] = [];
    const stop = warRoom.events.subscribe((name, payload) => {
      if (name === 'evidence:progress') {
        progress.push(payload as IntakeProgress);
      }
    });

    const response = await upload(
      {
        incidentId: incident.id,
        name: 'auth.log',
        type: 'log-export',
        description: 'From the bastion host',
        tags: 'ssh, bastion,,',
        bytes: String(content.length),
        lastModified: String(Date.UTC(2026, 11, 3, 15)),
      },
      content,
    );
    stop();

    expect(response.status).toBe(200);
    const { item, deduplicated } = response.json<{
      ok: true;
      value: StoredItem;
    }>().value;
    expect(deduplicated).toBe(false);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(item).toMatchObject({
      name: 'auth.log',
      size: content.length,
      source: 'upload',
      originalPath: 'upload:auth.log',
      originalModifiedAt: '2026-12-03T15:00:00.000000Z',
      type: 'log-export',
      description: 'From the bastion host',
      tags: ['ssh', 'bastion'],
      acquiredBy: 'tester',
      hashes: {
        sha256,
        md5: createHash('md5').update(content).digest('hex'),
      },
    });
    expect(vaultFiles()).toEqual([
      join(root, 'data', 'vault', 'sha256', sha256.slice(0, 2), sha256),
    ]);
    expect(progress.at(-1)).toMatchObject({
      bytesDone: content.length,
      bytesTotal: content.length,
    });
    expect((await listed(incident.id)).map((row) => row.id)).toEqual([item.id]);
  });

  it('names every wrong query parameter and reads nothing', async () => {
    const incident = await createIncident();

    const response = await upload(
      { incidentId: incident.id, name: 'a.log', colour: 'red' },
      Buffer.from('x'),
    );

    expect(response.status).toBe(200);
    const result = response.json<Result<unknown>>();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-input');
    expect(result.error.message).toMatch(/^type: /);
    expect(result.error.message).toContain('colour');
    expect(uploads).toHaveLength(0);
    expect(vaultFiles()).toEqual([]);
  });

  it('refuses a body that is not a raw file, naming the type', async () => {
    const incident = await createIncident();
    const query = { incidentId: incident.id, name: 'a', type: 'other' };

    for (const type of ['application/json', 'text/plain']) {
      const response = await upload(query, Buffer.from('{}'), {
        'content-type': type,
      });
      expect(response.status, type).toBe(415);
      expect(response.json()).toEqual({
        ok: false,
        error: {
          kind: 'invalid-input',
          message:
            'an upload body must be the file itself ' +
            '(Content-Type: application/octet-stream)',
        },
      });
    }
    expect(uploads).toHaveLength(0);
  });

  it('needs the token and this server as the Origin', async () => {
    const incident = await createIncident();
    const query = { incidentId: incident.id, name: 'a', type: 'other' };

    const anonymous = await upload(query, Buffer.from('x'), {
      authorization: '',
    });
    const foreign = await upload(query, Buffer.from('x'), {
      origin: 'http://evil.example',
    });

    expect(anonymous.status).toBe(401);
    expect(foreign.status).toBe(403);
    expect(uploads).toHaveLength(0);
    expect(await listed(incident.id)).toEqual([]);
  });

  it('refuses a body shorter than announced and keeps nothing', async () => {
    const incident = await createIncident();

    const response = await upload(
      { incidentId: incident.id, name: 'a.bin', type: 'other', bytes: '20' },
      Buffer.alloc(10, 1),
    );

    expect(response.json()).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringContaining('held 10 bytes, not the 20'),
      },
    });
    expect(await listed(incident.id)).toEqual([]);
    expect(vaultFiles()).toEqual([]);
  });

  it('refuses a body over the limit and still answers', async () => {
    await server.close();
    server = await start({ uploadLimitBytes: 1000 });
    const incident = await createIncident();

    const response = await upload(
      { incidentId: incident.id, name: 'big.bin', type: 'other' },
      Buffer.alloc(4000, 2),
    );

    expect(response.json()).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('larger than 1000 bytes') },
    });
    expect(response.headers.connection).toBe('close');
    expect(await listed(incident.id)).toEqual([]);
    expect(vaultFiles()).toEqual([]);
  });

  it('registers nothing when the client goes away mid-upload', async () => {
    const incident = await createIncident();
    const firstChunk = new Promise<void>((resolve) => {
      const stop = warRoom.events.subscribe((name) => {
        if (name !== 'evidence:progress') return;
        stop();
        resolve();
      });
    });
    const outgoing = httpRequest({
      host: '127.0.0.1',
      port: server.port,
      agent: false,
      method: 'POST',
      path: uploadPath({
        incidentId: incident.id,
        name: 'capture.pcap',
        type: 'log-export',
      }),
      headers: {
        host: `127.0.0.1:${server.port}`,
        authorization: `Bearer ${server.token}`,
        'content-type': OCTET,
        'content-length': String(4 * VAULT_CHUNK_BYTES),
      },
    });
    outgoing.on('error', () => undefined);

    try {
      // More than one vault chunk, so the intake reports progress mid-body.
      outgoing.write(Buffer.alloc(VAULT_CHUNK_BYTES + 1024, 3));
      await firstChunk;
    } finally {
      outgoing.destroy();
    }

    expect(uploads).toHaveLength(1);
    expect(await uploads[0]).toMatchObject({
      ok: false,
      error: { kind: 'cancelled' },
    });
    expect(await listed(incident.id)).toEqual([]);
    expect(vaultFiles()).toEqual([]);
  });
});

describe('uploadChunks', () => {
  async function* chunksOf(...parts: string[]): AsyncGenerator<Uint8Array> {
    for (const part of parts) yield Buffer.from(part);
  }

  async function* failingAfter(part: string): AsyncGenerator<Uint8Array> {
    yield Buffer.from(part);
    throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  }

  async function drain(chunks: AsyncIterable<Uint8Array>): Promise<number> {
    let bytes = 0;
    for await (const chunk of chunks) bytes += chunk.byteLength;
    return bytes;
  }

  const limits = { maxBytes: 100 };

  it('passes a complete body through', async () => {
    const chunks = uploadChunks(
      chunksOf('ab', 'cd'),
      { complete: true },
      {
        ...limits,
        expectedBytes: 4,
      },
    );
    expect(await drain(chunks)).toBe(4);
  });

  it('throws instead of ending when the request did not complete', async () => {
    const chunks = uploadChunks(chunksOf('ab'), { complete: false }, limits);
    await expect(drain(chunks)).rejects.toMatchObject({
      kind: 'cancelled',
      message: expect.stringContaining('stopped after 2 bytes'),
    });
  });

  it('turns a broken stream into a cancelled failure', async () => {
    const chunks = uploadChunks(
      failingAfter('abc'),
      { complete: false },
      limits,
    );
    await expect(drain(chunks)).rejects.toMatchObject({
      kind: 'cancelled',
      message: expect.stringContaining('stopped after 3 bytes'),
    });
  });

  it('stops at the limit', async () => {
    const chunks = uploadChunks(
      chunksOf('x'.repeat(60), 'y'.repeat(60)),
      { complete: true },
      limits,
    );
    await expect(drain(chunks)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
  });
});
