import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export type TestResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
};

export type TestRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

/**
 * A plain HTTP request to the serve-mode server, for tests. Node's `http`
 * rather than `fetch`, because the tests need to send Host and Origin
 * headers that `fetch` would set itself.
 */
export function send(port: number, req: TestRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        // A fresh connection each time, so a pooled socket the server has
        // closed cannot stand in for the server's own answer.
        agent: false,
        method: req.method ?? 'GET',
        path: req.path,
        headers: { host: `127.0.0.1:${port}`, ...req.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export type OpenStream = {
  status: number;
  headers: IncomingHttpHeaders;
  /** Resolves with everything received once `predicate` holds for it. */
  until(predicate: (received: string) => boolean): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
};

/** Opens a long-lived GET (the event stream) and collects what arrives. */
export function openStream(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent: false,
        path,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (response) => {
        let received = '';
        const waiters = new Set<() => void>();
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          received += chunk;
          waiters.forEach((check) => check());
        });
        const ended = new Promise<void>((done) => response.on('end', done));
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          ended,
          close: () => outgoing.destroy(),
          until: (predicate) =>
            new Promise((done) => {
              const check = () => {
                if (!predicate(received)) return;
                waiters.delete(check);
                done(received);
              };
              waiters.add(check);
              check();
            }),
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
