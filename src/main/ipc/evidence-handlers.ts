import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { EvidenceUploadInput } from '../../shared/ipc-contract';
import type { EvidenceItem } from '../../shared/evidence-types';
import type { JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import {
  formatEpochMicros,
  parseZonedTimestamp,
} from '../../shared/timestamps';
import type { Clock } from '../clock';
import { writeEvidenceBundle } from '../evidence/bundle/write-bundle';
import {
  isWithin,
  storeContent,
  takeInContent,
  takeInPaths,
  type StoredItem,
  type IntakeContext,
  type IntakeControl,
  type IntakeDetails,
} from '../evidence/evidence-intake';
import {
  linkEvidence,
  listEvidence,
  readEvidenceDetail,
  recordCustody,
  requireEvidence,
} from '../evidence/evidence-store';
import {
  checkVault,
  recordVaultCheck,
} from '../evidence/evidence-verification';
import { requireIncident } from '../incidents/incident-store';
import type { EventBus } from '../events';
import { announceEntry } from '../events';
import type { CommandDependencies } from './command-handlers';
import type { HandlerMap } from './handler-map';
import { SingleFlight } from './single-flight';
import { appendEntry } from '../journal/append-entries';
import { ulid } from 'ulid';
import type { VaultCheck } from '../../shared/evidence-types';

export type EvidenceDependencies = CommandDependencies & {
  clock: Clock;
  intake: IntakeContext;
  dataDir: string;
};

type EvidenceChannel = Extract<keyof HandlerMap, `evidence:${string}`>;

/** Intakes in progress, by the id their caller chose, for cancelling. */
class IntakeRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: EventBus) {}

  start(intakeId: string | undefined): IntakeControl & { done(): void } {
    const id = intakeId ?? ulid();
    if (this.running.has(id)) {
      throw new AppFailure('invalid-input', `intake ${id} is already running`);
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    return {
      intakeId: id,
      signal: controller.signal,
      onProgress: (progress) => this.events.emit('evidence:progress', progress),
      done: () => this.running.delete(id),
    };
  }

  cancel(intakeId: string): boolean {
    const controller = this.running.get(intakeId);
    controller?.abort();
    return controller !== undefined;
  }
}

function detailsOf(
  input: {
    incidentId: string;
    type: IntakeDetails['type'];
    description?: string;
    tags?: string[];
    linkedEntries?: string[];
    actor?: string;
  },
  defaultActor: string,
): IntakeDetails {
  return {
    incidentId: input.incidentId,
    actor: input.actor ?? defaultActor,
    type: input.type,
    description: input.description ?? '',
    tags: [...new Set(input.tags ?? [])],
    linkedEntries: [...new Set(input.linkedEntries ?? [])],
  };
}

/** Handlers for the evidence log, plus the serve-mode upload. */
export function createEvidenceHandlers(deps: EvidenceDependencies) {
  const { db, writer, events, clock, intake } = deps;
  const intakes = new IntakeRegistry(events);
  const checks = new SingleFlight<VaultCheck>();

  async function withIntake<T>(
    intakeId: string | undefined,
    run: (control: IntakeControl) => Promise<T>,
  ): Promise<T> {
    const control = intakes.start(intakeId);
    try {
      return await run(control);
    } finally {
      control.done();
    }
  }

  function announceItems(items: EvidenceItem[]): void {
    for (const item of items) {
      events.emit('journal:appended', {
        scope: item.incidentId,
        entryId: item.entryId,
        kind: 'evidence.added',
      });
    }
    if (items.length > 0) {
      events.emit('incident:changed', { incidentId: items[0].incidentId });
    }
  }

  function announce(entry: JournalEntry | null): void {
    if (entry) announceEntry(events, entry);
  }

  const handlers: Pick<HandlerMap, EvidenceChannel> = {
    'evidence:add-paths': (input, context) =>
      withIntake(input.intakeId, async (control) => {
        const outcomes = await takeInPaths(
          intake,
          input.paths,
          detailsOf(input, context.defaultActor),
          control,
        );
        announceItems(outcomes.flatMap((o) => (o.ok ? [o.item] : [])));
        return outcomes;
      }),

    'evidence:add-text': (input, context) =>
      withIntake(input.intakeId, async (control) => {
        const item = await takeInContent(
          intake,
          Buffer.from(input.text, 'utf8'),
          {
            name: input.name,
            source: 'text',
            originalPath: `text:${input.name}`,
            sourceHost: hostname(),
            originalModifiedAt: null,
          },
          detailsOf(input, context.defaultActor),
          control,
        );
        announceItems([item]);
        return item;
      }),

    'evidence:cancel-intake': ({ intakeId }) => ({
      cancelled: intakes.cancel(intakeId),
    }),

    'evidence:list': ({ incidentId }) => {
      requireIncident(db, incidentId);
      return listEvidence(db, incidentId);
    },

    'evidence:get': ({ evidenceId }) => readEvidenceDetail(db, evidenceId),

    'evidence:record-custody': (input, context) => {
      const person = (p: {
        name: string;
        role?: string;
        contact?: string;
      }) => ({
        name: p.name,
        role: p.role ?? '',
        contact: p.contact ?? '',
      });
      const entry = recordCustody(db, writer, {
        evidenceId: input.evidenceId,
        action: input.action,
        actor: input.actor ?? context.defaultActor,
        handler: person(input.handler),
        recipient: input.recipient ? person(input.recipient) : undefined,
        occurredAt: input.occurredAt
          ? (parseZonedTimestamp(input.occurredAt) ?? undefined)
          : undefined,
        location: input.location ?? '',
        storageLocation: input.storageLocation ?? '',
        tool: input.tool ?? '',
        purpose: input.purpose ?? '',
        notes: input.notes ?? '',
      });
      announceEntry(events, entry);
      return readEvidenceDetail(db, input.evidenceId);
    },

    'evidence:link': (input, context) => {
      const entry = linkEvidence(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announceEntry(events, entry);
      return requireEvidence(db, input.evidenceId);
    },

    'evidence:verify': (input, context) => {
      requireIncident(db, input.incidentId);
      const trigger = input.trigger ?? 'on-demand';
      return checks.run(`${input.incidentId}:${trigger}`, async () => {
        const check = await checkVault(
          db,
          intake.vault,
          clock,
          input.incidentId,
        );
        // Announced only when journaled; the caller refreshes the list.
        announce(
          recordVaultCheck(db, writer, {
            incidentId: input.incidentId,
            check,
            trigger,
            actor: input.actor ?? context.defaultActor,
          }),
        );
        return check;
      });
    },

    'evidence:export-bundle': async (input, context) => {
      requireIncident(db, input.incidentId);
      if (isWithin(deps.dataDir, resolve(input.outDir))) {
        throw new AppFailure(
          'invalid-input',
          `outDir: ${input.outDir} is inside War Room's own data directory; ` +
            'write the bundle somewhere else',
        );
      }
      const actor = input.actor ?? context.defaultActor;
      const summary = await writeEvidenceBundle(db, intake.vault, {
        incidentId: input.incidentId,
        outDir: input.outDir,
        zip: input.zip ?? false,
        organisation:
          input.organisation ??
          process.env.WAR_ROOM_ORGANISATION ??
          'not stated',
        contact: input.contact ?? actor,
        baggedAt: formatEpochMicros(clock.nowMicros()),
      });
      announceEntry(
        events,
        appendEntry(db, writer, {
          scope: input.incidentId,
          kind: 'evidence.bundle-exported',
          actor,
          payload: {
            dir: summary.dir,
            evidenceFiles: summary.evidenceFiles,
            payloadBytes: summary.payloadBytes,
            zipPath: summary.zipPath,
          },
        }),
      );
      return summary;
    },
  };

  /** A browser upload in serve mode: the body streams into the vault. */
  async function takeInUpload(
    input: EvidenceUploadInput,
    body: AsyncIterable<Uint8Array>,
    defaultActor: string,
  ): Promise<StoredItem> {
    return withIntake(input.intakeId, async (control) => {
      const stored = await storeContent(
        intake,
        body,
        {
          name: input.name,
          source: 'upload',
          originalPath: `upload:${input.name}`,
          sourceHost: `browser upload to ${hostname()}`,
          originalModifiedAt:
            input.lastModified !== undefined
              ? formatEpochMicros(input.lastModified * 1000)
              : null,
        },
        detailsOf({ ...input, linkedEntries: [] }, defaultActor),
        { ...control, bytesExpected: input.bytes },
      );
      announceItems([stored.item]);
      return stored;
    });
  }

  return { handlers, takeInUpload };
}
