import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../events';
import { SECURITY_HEADERS } from '../security-policy';

/** How often an idle stream gets a comment, so proxies and browsers keep it. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

export type EventStreams = {
  /** Streams the event bus to one client until it disconnects. */
  open(request: FastifyRequest, reply: FastifyReply): void;
  /** Ends every open stream, so the server can close. */
  closeAll(): void;
};

function frame(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * Server-sent events for the serve-mode renderer: each committed change on
 * the bus becomes `event: <name>` with the payload as JSON on one `data:`
 * line. The response is written by hand (Fastify lets go of it), so it
 * sets the security headers itself.
 */
export function createEventStreams(
  events: EventBus,
  heartbeatMs = DEFAULT_HEARTBEAT_MS,
): EventStreams {
  const open = new Set<() => void>();

  function start(request: FastifyRequest, reply: FastifyReply) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    raw.write(': connected\n\n');

    const unsubscribe = events.subscribe((name, payload) => {
      raw.write(frame(name, payload));
    });
    const heartbeat = setInterval(
      () => raw.write(': heartbeat\n\n'),
      heartbeatMs,
    );
    const end = () => {
      if (!open.delete(end)) return;
      clearInterval(heartbeat);
      unsubscribe();
      raw.end();
    };
    open.add(end);
    request.raw.on('close', end);
  }

  return {
    open: start,
    closeAll: () => [...open].forEach((end) => end()),
  };
}
