/**
 * The one IPC contract. Every channel is `domain:verb` with a zod schema for
 * its input and a result type. Main validates inputs against these schemas
 * whichever transport delivered them (Electron IPC, serve-mode HTTP, the
 * command line); the preload and the renderer client are typed from here.
 */
import { z } from 'zod';
import {
  CATEGORY_IDS,
  DETECTION_METHODS,
  SEVERITIES,
  type DetectionMethod,
  type IncidentCategory,
  type Severity,
} from './incident-taxonomy';
import type { JournalEntry, TimelineRow, VerifyReport } from './journal-types';
import { parseZonedTimestamp } from './timestamps';
import { EVENT_NAMES, type ChannelName, type EventName } from './channel-names';

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const ulidSchema = z
  .string()
  .regex(ULID_PATTERN, 'must be a ULID (26 characters, Crockford base 32)');

/** Control characters other than tab and line breaks have no place in text. */
function hasControlCharacters(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    const allowed = code === 0x09 || code === 0x0a || code === 0x0d;
    if ((code < 0x20 && !allowed) || code === 0x7f) {
      return true;
    }
  }
  return false;
}

function text(label: string, min: number, max: number) {
  return z
    .string()
    .min(min, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), {
      message: `${label} must not contain control characters`,
    });
}

const actorSchema = text('actor', 1, 120).optional();

export const zonedTimestampSchema = z
  .string()
  .max(64)
  .refine((value) => parseZonedTimestamp(value) !== null, {
    message:
      'must be an ISO 8601 date-time with a zone, e.g. 2026-12-03T16:25:00Z',
  });

export const incidentCreateInput = z
  .object({
    title: text('title', 1, 200),
    severity: z.enum(SEVERITIES),
    category: z.enum(CATEGORY_IDS as [IncidentCategory, ...IncidentCategory[]]),
    subtype: z.string().max(100).optional(),
    description: text('description', 0, 10_000).optional(),
    detectedAt: zonedTimestampSchema.optional(),
    detectionMethod: z.enum(DETECTION_METHODS).optional(),
    actor: actorSchema,
  })
  .strict();

export const timelineOrders = ['oldest-first', 'newest-first'] as const;
export type TimelineOrder = (typeof timelineOrders)[number];

export const timelinePageInput = z
  .object({
    incidentId: ulidSchema,
    order: z.enum(timelineOrders),
    kinds: z.array(z.string().min(1).max(64)).max(50).optional(),
    actors: z.array(z.string().min(1).max(120)).max(50).optional(),
    search: z.string().max(500).optional(),
    offset: z.number().int().min(0).max(100_000_000),
    limit: z.number().int().min(1).max(500),
  })
  .strict();

export type Incident = {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  category: IncidentCategory;
  subtype: string | null;
  detectedAt: string | null;
  detectionMethod: DetectionMethod | null;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  entryCount: number;
};

export type AppInfo = {
  version: string;
  deviceId: string;
  dataDir: string;
  defaultActor: string;
};

export type TimelinePage = {
  /** Entries matching the filter; for searches capped at `totalCap`. */
  total: number;
  /** Set when `total` stopped counting at this many. */
  totalCap: number | null;
  rows: TimelineRow[];
};

export type TimelineFacets = {
  kinds: { kind: string; count: number }[];
  actors: { actor: string; count: number }[];
};

export type EntryHistory = {
  original: JournalEntry;
  amendments: JournalEntry[];
};

type ChannelDefinition<Input extends z.ZodType, Output> = {
  input: Input;
  /** Never read at run time: carries the result type for inference. */
  output: Output;
};

function channel<Output>() {
  return <Input extends z.ZodType>(
    input: Input,
  ): ChannelDefinition<Input, Output> => ({
    input,
    output: undefined as Output,
  });
}

const empty = z.object({}).strict();

export const ipcContract = {
  'app:info': channel<AppInfo>()(empty),
  'incident:create': channel<Incident>()(incidentCreateInput),
  'incident:list': channel<Incident[]>()(empty),
  'incident:get': channel<Incident>()(
    z.object({ incidentId: ulidSchema }).strict(),
  ),
  'journal:add-note': channel<JournalEntry>()(
    z
      .object({
        incidentId: ulidSchema,
        text: text('note', 1, 20_000),
        occurredAt: zonedTimestampSchema.optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'journal:amend': channel<JournalEntry>()(
    z
      .object({
        incidentId: ulidSchema,
        entryId: ulidSchema,
        text: text('corrected text', 1, 20_000),
        reason: text('reason', 0, 500).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'journal:history': channel<EntryHistory>()(
    z.object({ entryId: ulidSchema }).strict(),
  ),
  'journal:verify': channel<VerifyReport>()(
    z.object({ incidentId: ulidSchema.optional() }).strict(),
  ),
  'timeline:page': channel<TimelinePage>()(timelinePageInput),
  'timeline:facets': channel<TimelineFacets>()(
    z.object({ incidentId: ulidSchema }).strict(),
  ),
  // `satisfies` refuses a channel missing from, or not in, CHANNEL_NAMES.
} as const satisfies Record<ChannelName, ChannelDefinition<z.ZodType, unknown>>;

export type IpcContract = typeof ipcContract;
export type Channel = keyof IpcContract;
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>;
export type ChannelOutput<C extends Channel> = IpcContract[C]['output'];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(ipcContract, name);
}

/** Events main pushes to every renderer after a change has committed. */
type EventPayloads = {
  'journal:appended': { scope: string; entryId: string; kind: string };
  'incident:changed': { incidentId: string };
};
// Indexing by EventName fails to compile if a listed event has no payload.
export type IpcEvents = { [E in EventName]: EventPayloads[E] };

export function isEventName(name: string): name is keyof IpcEvents {
  return (EVENT_NAMES as readonly string[]).includes(name);
}
