import type {
  PickedFile,
  PickedFileDetails,
  WarRoomBridge,
} from '../../../shared/bridge';
import {
  EVENT_NAMES,
  type ChannelName,
  type EventName,
} from '../../../shared/channel-names';
import type {
  EvidenceItem,
  IntakeOutcome,
} from '../../../shared/evidence-types';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc-contract';
import type { AppError, Result } from '../../../shared/result';

export type EventSourceLike = {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
};

export type HttpBridgeOptions = {
  /** Null when the page was opened without the token serve mode printed. */
  token: string | null;
  fetch: typeof fetch;
  createEventSource: (url: string) => EventSourceLike;
  /**
   * Called whenever the event stream (re)connects. Pushes sent while it was
   * not connected, including before the first connection, are lost, so the
   * caller refreshes what it holds.
   */
  onStreamOpen?: () => void;
};

const NO_TOKEN: AppError = {
  kind: 'forbidden',
  message:
    'This page has no access token. Open the address that `war-room serve` ' +
    'printed when it started (it ends in #token=…).',
};

function failure<T>(error: AppError): Result<T> {
  return { ok: false, error };
}

function isResultEnvelope(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  if (candidate.ok !== false) return false;
  const error = candidate.error as { kind?: unknown; message?: unknown };
  return typeof error?.kind === 'string' && typeof error.message === 'string';
}

async function readBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Turns whatever the server answered into a result the UI can branch on. */
async function readEnvelope(response: Response): Promise<Result<unknown>> {
  const body = await readBody(response);
  if (isResultEnvelope(body)) return body;

  if (response.status === 401 || response.status === 403) {
    return failure({
      kind: 'forbidden',
      message:
        'The server refused this page’s access token. It changes every ' +
        'time `war-room serve` starts: open the address it printed.',
    });
  }
  return failure({
    kind: 'internal',
    message: `Unexpected answer from the War Room server (HTTP ${response.status}).`,
  });
}

function unreachable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    kind: 'internal',
    message:
      `The War Room server did not answer (${reason}). ` +
      'Is `war-room serve` still running?',
  };
}

type Listener = (payload: unknown) => void;

/** Query parameters of one upload; the file's bytes are the body. */
export function uploadAddress(
  file: PickedFile,
  details: PickedFileDetails,
): string {
  const query = new URLSearchParams({
    incidentId: details.incidentId,
    name: file.name,
    type: details.type,
    bytes: String(file.size),
    lastModified: String(Math.max(0, Math.floor(file.lastModified))),
  });
  if (details.description) query.set('description', details.description);
  if (details.tags?.length) query.set('tags', details.tags.join(','));
  if (details.intakeId) query.set('intakeId', details.intakeId);
  if (details.actor) query.set('actor', details.actor);
  return `/api/evidence/upload?${query}`;
}

function keptNote(outcomes: IntakeOutcome[]): string {
  const kept = outcomes.filter((outcome) => outcome.ok).length;
  return kept > 0
    ? `; the ${kept} file(s) added before it stay registered`
    : '';
}

/** A refusal that stops the batch, worded like a stopped path intake. */
function batchStopped(
  file: PickedFile,
  error: AppError,
  outcomes: IntakeOutcome[],
): AppError {
  if (error.kind === 'cancelled') {
    return {
      kind: 'cancelled',
      message:
        `the intake was cancelled while uploading ${file.name}, which was ` +
        `not registered${keptNote(outcomes)}`,
    };
  }
  return { kind: error.kind, message: `${error.message}${keptNote(outcomes)}` };
}

/**
 * The bridge for a browser talking to `war-room serve`: every channel is a
 * POST with the bearer token, and pushed events arrive over one shared
 * server-sent-events stream, opened on the first subscription and closed
 * when the last listener leaves.
 */
export function createHttpBridge(options: HttpBridgeOptions): WarRoomBridge {
  const { token } = options;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSourceLike | null = null;

  function dispatch(name: EventName, event: Event) {
    let payload: unknown;
    try {
      payload = JSON.parse(String((event as MessageEvent).data));
    } catch {
      // A garbled push is dropped: pushes only trigger refetches, and the
      // next one (or a window refocus) brings the data up to date anyway.
      return;
    }
    for (const listener of listeners.get(name) ?? []) listener(payload);
  }

  function openStream(activeToken: string) {
    if (source) return;
    const query = new URLSearchParams({ token: activeToken });
    source = options.createEventSource(`/api/events?${query}`);
    source.addEventListener('open', () => options.onStreamOpen?.());
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => dispatch(name, event));
    }
  }

  function closeStreamWhenUnused() {
    const inUse = [...listeners.values()].some((set) => set.size > 0);
    if (inUse || !source) return;
    source.close();
    source = null;
  }

  // Uploads in progress, by intake id, so a cancel also stops the
  // browser sending: the server then sees the body end short.
  const uploads = new Map<string, AbortController>();

  async function post<T>(
    activeToken: string,
    address: string,
    init: { contentType: string; body: BodyInit; signal?: AbortSignal },
  ): Promise<Result<T>> {
    let response: Response;
    try {
      response = await options.fetch(address, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${activeToken}`,
          'content-type': init.contentType,
        },
        body: init.body,
        signal: init.signal,
      });
    } catch (error) {
      if (init.signal?.aborted) {
        return failure({ kind: 'cancelled', message: 'upload cancelled' });
      }
      return failure(unreachable(error));
    }
    // The server types the value by the contract; a browser can only check
    // the envelope's shape.
    return (await readEnvelope(response)) as Result<T>;
  }

  function uploadOne(
    activeToken: string,
    file: PickedFile,
    details: PickedFileDetails,
    signal: AbortSignal,
  ): Promise<Result<{ item: EvidenceItem; deduplicated: boolean }>> {
    if (!(file instanceof Blob)) {
      return Promise.resolve(
        failure({
          kind: 'invalid-input',
          message: `${file.name} is not a file this browser can read`,
        }),
      );
    }
    return post(activeToken, uploadAddress(file, details), {
      contentType: 'application/octet-stream',
      body: file,
      signal,
    });
  }

  /**
   * Uploads one file after another. A file the server refuses for what it
   * is (its name, its size) is reported and the rest go on; anything else
   * (a cancel, a full disk, the server gone) stops the batch.
   */
  async function addEvidenceFiles(
    files: readonly PickedFile[],
    details: PickedFileDetails,
  ): Promise<Result<IntakeOutcome[]>> {
    if (!token) return failure(NO_TOKEN);
    const controller = new AbortController();
    const intakeId = details.intakeId ?? '';
    uploads.set(intakeId, controller);
    const outcomes: IntakeOutcome[] = [];
    try {
      for (const file of files) {
        const result = await uploadOne(token, file, details, controller.signal);
        if (result.ok) {
          outcomes.push({ ok: true, ...result.value });
        } else if (result.error.kind === 'invalid-input') {
          outcomes.push({
            ok: false,
            path: file.name,
            message: result.error.message,
          });
        } else {
          return failure(batchStopped(file, result.error, outcomes));
        }
      }
      return { ok: true, value: outcomes };
    } finally {
      uploads.delete(intakeId);
    }
  }

  /** Stops this page's upload of the intake, if one is running. */
  function abortUpload(input: unknown): boolean {
    const { intakeId } = input as ChannelInput<'evidence:cancel-intake'>;
    const upload = uploads.get(intakeId);
    upload?.abort();
    return upload !== undefined;
  }

  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>> {
    if (!token) return failure(NO_TOKEN);
    if (channel === 'evidence:cancel-intake' && abortUpload(input)) {
      void post(token, `/api/invoke/${channel}`, {
        contentType: 'application/json',
        body: JSON.stringify(input),
      });
      return { ok: true, value: { cancelled: true } as ChannelOutput<C> };
    }

    return post(token, `/api/invoke/${channel}`, {
      contentType: 'application/json',
      body: JSON.stringify(input),
    });
  }

  const bridge: WarRoomBridge = {
    invoke,
    addEvidenceFiles,

    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const untyped = listener as Listener;
      set.add(untyped);
      if (token) openStream(token);
      return () => {
        set.delete(untyped);
        closeStreamWhenUnused();
      };
    },
  };
  return bridge;
}
