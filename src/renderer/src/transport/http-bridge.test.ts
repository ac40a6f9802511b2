import { describe, expect, it, vi } from 'vitest';
import { createHttpBridge, type EventSourceLike } from './http-bridge';

type Call = { url: string; init: RequestInit };

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  push(type: string, data: string) {
    const event = new MessageEvent(type, { data });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function bridgeWith(
  answer: () => Response | Promise<Response>,
  token: string | null = 'tok',
) {
  const { fetch, calls } = fakeFetch(answer);
  const onStreamOpen = vi.fn();
  FakeEventSource.opened = [];
  const bridge = createHttpBridge({
    token,
    fetch,
    createEventSource: (url) => new FakeEventSource(url),
    onStreamOpen,
  });
  return { bridge, calls, onStreamOpen };
}

describe('createHttpBridge invoke', () => {
  it('posts the input as JSON with the bearer token', async () => {
    const { bridge, calls } = bridgeWith(() =>
      jsonResponse(200, { ok: true, value: [] }),
    );

    const result = await bridge.invoke('incident:list', {});

    expect(result).toEqual({ ok: true, value: [] });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/invoke/incident:list');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe('{}');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['content-type']).toBe('application/json');
  });

  it('passes a handler refusal through unchanged', async () => {
    const refusal = {
      ok: false,
      error: { kind: 'search-syntax', message: 'unterminated string' },
    };
    const { bridge } = bridgeWith(() => jsonResponse(200, refusal));

    const result = await bridge.invoke('timeline:page', {
      incidentId: '01KBHQ2ZP4TS1BA5K3V3WDG2GF',
      order: 'oldest-first',
      search: '"open',
      offset: 0,
      limit: 50,
    });

    expect(result).toEqual(refusal);
  });

  it('reads the envelope of an HTTP error too', async () => {
    const { bridge } = bridgeWith(() =>
      jsonResponse(400, {
        ok: false,
        error: { kind: 'invalid-input', message: 'title: must not be empty' },
      }),
    );

    const result = await bridge.invoke('incident:list', {});

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'title: must not be empty' },
    });
  });

  it('explains a refused token when the body is not an envelope', async () => {
    const { bridge } = bridgeWith(() => new Response('nope', { status: 401 }));

    const result = await bridge.invoke('incident:list', {});

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('forbidden');
    expect(result.error.message).toMatch(/access token/);
  });

  it('names the HTTP status of any other unexpected answer', async () => {
    const { bridge } = bridgeWith(
      () => new Response('<html>', { status: 502 }),
    );

    const result = await bridge.invoke('incident:list', {});

    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    if (!result.ok) expect(result.error.message).toContain('HTTP 502');
  });

  it('turns a network failure into a result instead of throwing', async () => {
    const { bridge } = bridgeWith(() => {
      throw new TypeError('Failed to fetch');
    });

    const result = await bridge.invoke('incident:list', {});

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('internal');
      expect(result.error.message).toContain('Failed to fetch');
    }
  });

  it('refuses to call without a token, without touching the network', async () => {
    const { bridge, calls } = bridgeWith(
      () => jsonResponse(200, { ok: true, value: [] }),
      null,
    );

    const result = await bridge.invoke('incident:list', {});

    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toHaveLength(0);
  });
});

describe('createHttpBridge events', () => {
  it('opens one stream with the token and delivers parsed payloads', () => {
    const { bridge } = bridgeWith(() => jsonResponse(200, {}), 'a b');
    const appended = vi.fn();
    const changed = vi.fn();

    bridge.on('journal:appended', appended);
    bridge.on('incident:changed', changed);
    const [source] = FakeEventSource.opened;
    source.push(
      'journal:appended',
      '{"scope":"S","entryId":"E","kind":"note"}',
    );
    source.push('incident:changed', '{"incidentId":"S"}');

    expect(FakeEventSource.opened).toHaveLength(1);
    expect(source.url).toBe('/api/events?token=a+b');
    expect(appended).toHaveBeenCalledWith({
      scope: 'S',
      entryId: 'E',
      kind: 'note',
    });
    expect(changed).toHaveBeenCalledWith({ incidentId: 'S' });
  });

  it('drops a garbled push without disturbing later ones', () => {
    const { bridge } = bridgeWith(() => jsonResponse(200, {}));
    const listener = vi.fn();
    bridge.on('incident:changed', listener);
    const [source] = FakeEventSource.opened;

    source.push('incident:changed', '{not json');
    source.push('incident:changed', '{"incidentId":"X"}');

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ incidentId: 'X' });
  });

  it('closes the stream when the last listener leaves', () => {
    const { bridge } = bridgeWith(() => jsonResponse(200, {}));
    const offFirst = bridge.on('incident:changed', vi.fn());
    const offSecond = bridge.on('journal:appended', vi.fn());
    const [source] = FakeEventSource.opened;

    offFirst();
    expect(source.closed).toBe(false);
    offSecond();
    expect(source.closed).toBe(true);

    bridge.on('incident:changed', vi.fn());
    expect(FakeEventSource.opened).toHaveLength(2);
  });

  it('reports every (re)connection so missed pushes can be caught up', () => {
    const { bridge, onStreamOpen } = bridgeWith(() => jsonResponse(200, {}));
    bridge.on('incident:changed', vi.fn());
    const [source] = FakeEventSource.opened;
    expect(onStreamOpen).not.toHaveBeenCalled();

    source.push('open', '');
    source.push('open', '');

    expect(onStreamOpen).toHaveBeenCalledTimes(2);
  });

  it('opens no stream without a token', () => {
    const { bridge } = bridgeWith(() => jsonResponse(200, {}), null);

    bridge.on('incident:changed', vi.fn());

    expect(FakeEventSource.opened).toHaveLength(0);
  });
});

describe('createHttpBridge addEvidenceFiles', () => {
  const INCIDENT = '01KBHQ2ZP4TS1BA5K3V3WDG2GF';
  const INTAKE = '01KBHQ3A0000000000000000IN';
  const details = {
    incidentId: INCIDENT,
    type: 'log-export' as const,
    description: 'From the bastion',
    tags: ['ssh', 'bastion'],
    intakeId: INTAKE,
  };

  function file(name: string, text: string) {
    return new File([text], name, { lastModified: 1_796_313_600_000 });
  }

  const stored = (name: string) => ({
    ok: true,
    value: { item: { id: name, name }, deduplicated: false },
  });

  it('uploads each file as the raw body with its details in the query', async () => {
    const { bridge, calls } = bridgeWith(() => jsonResponse(200, stored('x')));
    const files = [file('auth.log', 'abc'), file('syslog', 'defg')];

    const result = await bridge.addEvidenceFiles(files, details);

    expect(result.ok && result.value.map((outcome) => outcome.ok)).toEqual([
      true,
      true,
    ]);
    expect(calls).toHaveLength(2);
    const url = new URL(calls[1].url, 'http://127.0.0.1');
    expect(url.pathname).toBe('/api/evidence/upload');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      incidentId: INCIDENT,
      name: 'syslog',
      type: 'log-export',
      bytes: '4',
      lastModified: '1796313600000',
      description: 'From the bastion',
      tags: 'ssh,bastion',
      intakeId: INTAKE,
    });
    const headers = calls[1].init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers.authorization).toBe('Bearer tok');
    expect(calls[1].init.body).toBe(files[1]);
  });

  it('reports a refused file and goes on with the others', async () => {
    const answers = [
      jsonResponse(200, {
        ok: false,
        error: { kind: 'invalid-input', message: 'name: bad' },
      }),
      jsonResponse(200, stored('b')),
    ];
    const { bridge } = bridgeWith(() => answers.shift()!);

    const result = await bridge.addEvidenceFiles(
      [file('a', '1'), file('b', '2')],
      details,
    );

    expect(result).toEqual({
      ok: true,
      value: [
        { ok: false, path: 'a', message: 'name: bad' },
        { ok: true, item: { id: 'b', name: 'b' }, deduplicated: false },
      ],
    });
  });

  it('stops the batch on a full disk, saying what stays registered', async () => {
    const answers = [
      jsonResponse(200, stored('a')),
      jsonResponse(200, {
        ok: false,
        error: { kind: 'storage', message: 'the disk is full' },
      }),
    ];
    const { bridge, calls } = bridgeWith(() => answers.shift()!);

    const result = await bridge.addEvidenceFiles(
      [file('a', '1'), file('b', '2'), file('c', '3')],
      details,
    );

    expect(calls).toHaveLength(2);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'storage',
        message:
          'the disk is full; the 1 file(s) added before it stay registered',
      },
    });
  });

  it('cancels by aborting the upload in flight and sending no more', async () => {
    const uploadCalls: Call[] = [];
    const fetch = vi.fn(
      (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        uploadCalls.push({ url: String(url), init: init ?? {} });
        if (String(url).startsWith('/api/invoke/')) {
          return Promise.resolve(
            jsonResponse(200, { ok: true, value: { cancelled: false } }),
          );
        }
        return new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        );
      },
    );
    const cancellable = createHttpBridge({
      token: 'tok',
      fetch: fetch as unknown as typeof globalThis.fetch,
      createEventSource: (url) => new FakeEventSource(url),
    });

    const adding = cancellable.addEvidenceFiles(
      [file('a', '1'), file('b', '2')],
      details,
    );
    const cancelled = await cancellable.invoke('evidence:cancel-intake', {
      intakeId: INTAKE,
    });
    const result = await adding;

    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'cancelled',
        message:
          'the intake was cancelled while uploading a, which was not ' +
          'registered',
      },
    });
    expect(uploadCalls.map((call) => call.url.split('?')[0])).toEqual([
      '/api/evidence/upload',
      '/api/invoke/evidence:cancel-intake',
    ]);
  });

  it('uploads nothing without a token', async () => {
    const { bridge, calls } = bridgeWith(() => jsonResponse(200, {}), null);

    const result = await bridge.addEvidenceFiles([file('a', '1')], details);

    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toHaveLength(0);
  });
});
