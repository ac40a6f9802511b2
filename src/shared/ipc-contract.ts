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
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  type TimelineExportSummary,
  type TimelineImportProgress,
  type TimelineImportReport,
} from './timeline-exchange-types';
import { parseZonedTimestamp } from './timestamps';
import {
  MILESTONE_KINDS,
  PHASE_IDS,
  RESOLUTIONS,
  ROLES,
} from './incident-lifecycle';
import {
  CHECKLIST_STATES,
  type ChecklistItem,
  type ConfigurationProblem,
  type IncidentCommandState,
  type PlaybookSummary,
} from './incident-command-types';
import type { ResponseRules } from './response-rules';
import { EVENT_NAMES, type ChannelName, type EventName } from './channel-names';
import type {
  AdminStatus,
  DashboardSnapshot,
  EventPage,
  FailedLoginAnalysis,
} from './admin-api-types';
import {
  FOLLOW_UP_STATUSES,
  REPORT_EXPORT_FORMATS,
  REPORT_FORMATS,
  REVIEW_SECTIONS,
  type FollowUpListItem,
  type ReportExportSummary,
  type ReportFormat,
  type ReviewState,
} from './review-types';
import {
  SUMMARY_PERIODS,
  type MetricsOverview,
  type PeriodSummary,
} from './metrics-types';
import {
  controlsInputs,
  type AddressCheck,
  type ControlsOverview,
  type ControlsSettings,
  type ManualRecord,
  type PlatformState,
  type QueuedAction,
} from './controls-types';
import type { OutboxAction } from './outbox-types';
import {
  contactsInputs,
  type CommTemplate,
  type Contact,
  type ImportReport,
  type NotificationRecord,
  type RegulatoryRegime,
  type Resource,
  type SentCommunication,
} from './contacts-types';
import type { EscalationOverview } from './escalation-plan';
import {
  EVIDENCE_TYPES,
  RECORDABLE_CUSTODY_ACTIONS,
  type EvidenceDetail,
  type EvidenceItem,
  type IntakeOutcome,
  type IntakeProgress,
  type VaultCheck,
} from './evidence-types';

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

/** Text of bounded length; errors read after the field's name. */
function text(min: number, max: number) {
  return z
    .string()
    .min(min, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), {
      message: 'must not contain control characters',
    });
}

const actorSchema = text(1, 120).optional();

export const zonedTimestampSchema = z
  .string()
  .max(64)
  .refine((value) => parseZonedTimestamp(value) !== null, {
    message:
      'must be an ISO 8601 date-time with a zone, e.g. 2026-12-03T16:25:00Z',
  });

export const incidentCreateInput = z
  .object({
    title: text(1, 200),
    severity: z.enum(SEVERITIES),
    category: z.enum(CATEGORY_IDS as [IncidentCategory, ...IncidentCategory[]]),
    subtype: z.string().max(100).optional(),
    description: text(0, 10_000).optional(),
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
  /** Whether reports can be written as PDF (the desktop app only). */
  printsPdf: boolean;
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

export type RulesView = {
  rules: ResponseRules;
  /** Where each part came from: the shipped file and any override. */
  sources: string[];
  /** Problems with an override file, which was then ignored. */
  problems: ConfigurationProblem[];
};

export type PlaybookCatalogue = {
  playbooks: PlaybookSummary[];
  /** Files that could not be loaded; the others were. */
  problems: ConfigurationProblem[];
};

const incidentRef = z.object({ incidentId: ulidSchema });

/** A calendar date, `YYYY-MM-DD`, that exists (no 30 February). */
const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return (
        !Number.isNaN(date.getTime()) &&
        date.toISOString().slice(0, 10) === value
      );
    },
    { message: 'must be a date that exists' },
  );
const reasonSchema = text(1, 500);
const impactLevel = z.enum(['none', 'low', 'medium', 'high', 'critical']);

export type EntryHistory = {
  original: JournalEntry;
  amendments: JournalEntry[];
};

const evidenceDetails = {
  type: z.enum(EVIDENCE_TYPES),
  description: text(0, 2_000).optional(),
  tags: z.array(text(1, 60)).max(30).optional(),
  /** Timeline entries of the same incident this is evidence for. */
  linkedEntries: z.array(ulidSchema).max(100).optional(),
  /** Chosen by the caller so it can follow progress and cancel. */
  intakeId: ulidSchema.optional(),
  actor: actorSchema,
};

/**
 * A path on the machine War Room runs on; folders are taken in whole. It
 * must be absolute: a relative one would be read against whatever folder
 * War Room happened to start in (the command line resolves its own).
 */
const localPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4_096, 'must be at most 4096 characters')
  .refine((value) => !value.includes('\0'), {
    message: 'must not contain a NUL character',
  })
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), {
    message: 'must be an absolute path',
  });

const custodyPerson = z
  .object({
    name: text(1, 120),
    role: text(0, 120).optional(),
    contact: text(0, 200).optional(),
  })
  .strict();

/**
 * Metadata of a browser upload in serve mode, sent as query parameters with
 * the file as the request body (not a channel: a body is a byte stream).
 */
export const evidenceUploadInput = incidentRef
  .extend({
    name: text(1, 255),
    bytes: z.coerce.number().int().min(0).optional(),
    lastModified: z.coerce.number().int().min(0).optional(),
    ...evidenceDetails,
    tags: z
      .string()
      .max(2_000)
      .transform((value) =>
        value
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      )
      .optional(),
    linkedEntries: z.undefined().optional(),
  })
  .strict();
export type EvidenceUploadInput = z.output<typeof evidenceUploadInput>;

export type BundleSummary = {
  dir: string;
  /** Evidence files in `data/evidence/`. */
  evidenceFiles: number;
  /** Bytes and files under `data/`, as bag-info.txt states them. */
  payloadBytes: number;
  payloadFiles: number;
  zipPath: string | null;
  /**
   * SHA-256 of tagmanifest-sha256.txt, to send the recipient separately:
   * it pins every file of the bag.
   */
  tagManifestSha256: string;
};

/** An http(s) URL without credentials in it; the token travels apart. */
const adminBaseUrl = z
  .string()
  .max(2_000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'https:' || url.protocol === 'http:') &&
          url.username === '' &&
          url.password === ''
        );
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL without a user name or password' },
  );

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
        text: text(1, 20_000),
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
        text: text(1, 20_000),
        reason: text(0, 500).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'journal:history': channel<EntryHistory>()(
    z.object({ entryId: ulidSchema }).strict(),
  ),
  'journal:verify': channel<VerifyReport & { vault: VaultCheck | null }>()(
    z
      .object({
        incidentId: ulidSchema.optional(),
        /**
         * Also re-hash the evidence vault (read only, nothing journaled);
         * `ok` is then false if a vault file is altered or missing.
         */
        vault: z.boolean().optional(),
      })
      .strict(),
  ),
  'timeline:page': channel<TimelinePage>()(timelinePageInput),
  'timeline:facets': channel<TimelineFacets>()(
    z.object({ incidentId: ulidSchema }).strict(),
  ),
  /** Writes the journal as a timeline file; the export is journaled. */
  'timeline:export': channel<TimelineExportSummary>()(
    incidentRef
      .extend({
        format: z.enum(EXPORT_FORMATS),
        /** An absolute path to a new file; nothing is overwritten. */
        outPath: localPath,
        actor: actorSchema,
      })
      .strict(),
  ),
  /** Imports a timeline file, all or nothing unless bad rows may be skipped. */
  'timeline:import': channel<TimelineImportReport>()(
    incidentRef
      .extend({
        /** An absolute path on the machine War Room runs on. */
        path: localPath,
        /** Detected from the file when not given. */
        format: z.enum(IMPORT_FORMATS).optional(),
        /** For zone-less times: an IANA name or ±HH:MM. */
        zone: z.string().min(1).max(64).optional(),
        skipBadRows: z.boolean().optional(),
        /** Chosen by the caller so it can follow progress and cancel. */
        importId: ulidSchema.optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  /** Stops an import that has not started appending; false otherwise. */
  'timeline:cancel-import': channel<{ cancelled: boolean }>()(
    z.object({ importId: ulidSchema }).strict(),
  ),
  'rules:get': channel<RulesView>()(empty),
  'playbooks:list': channel<PlaybookCatalogue>()(empty),
  'command:state': channel<IncidentCommandState>()(incidentRef.strict()),
  'command:change-severity': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        severity: z.enum(SEVERITIES),
        reason: reasonSchema,
        /** The matrix ratings the change was based on, if any. */
        impact: z
          .object({
            confidentiality: impactLevel,
            integrity: impactLevel,
            availability: impactLevel,
          })
          .strict()
          .optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'command:record-detection': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        detectedAt: zonedTimestampSchema,
        detectionMethod: z.enum(DETECTION_METHODS),
        actor: actorSchema,
      })
      .strict(),
  ),
  'command:set-milestone': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        milestone: z.enum(MILESTONE_KINDS),
        at: zonedTimestampSchema,
        note: text(0, 2_000).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'command:advance-phase': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        phase: z.enum(PHASE_IDS),
        overrideReason: reasonSchema.optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'command:assign-role': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        role: z.enum(ROLES),
        person: text(1, 120),
        contact: text(0, 200).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'command:close': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        resolution: z.enum(RESOLUTIONS),
        overrideReason: reasonSchema.optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'checklist:set-item': channel<ChecklistItem>()(
    incidentRef
      .extend({
        itemId: z.string().min(1).max(300),
        state: z.enum(CHECKLIST_STATES),
        reason: reasonSchema.optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'checklist:add-item': channel<ChecklistItem>()(
    incidentRef
      .extend({
        phase: z.enum(PHASE_IDS),
        title: text(1, 300),
        parentId: z.string().min(1).max(300).optional(),
        required: z.boolean().optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'checklist:attach-playbook': channel<IncidentCommandState>()(
    incidentRef
      .extend({
        playbookId: z.string().min(1).max(100),
        actor: actorSchema,
      })
      .strict(),
  ),
  'evidence:add-paths': channel<IntakeOutcome[]>()(
    incidentRef
      .extend({
        paths: z.array(localPath).min(1).max(1_000),
        ...evidenceDetails,
      })
      .strict(),
  ),
  'evidence:add-text': channel<EvidenceItem>()(
    incidentRef
      .extend({
        name: text(1, 255),
        /** Pasted output; tabs, line breaks and any Unicode are kept. */
        text: z.string().min(1, 'must not be empty').max(10_000_000),
        ...evidenceDetails,
      })
      .strict(),
  ),
  'evidence:cancel-intake': channel<{ cancelled: boolean }>()(
    z.object({ intakeId: ulidSchema }).strict(),
  ),
  'evidence:list': channel<EvidenceItem[]>()(incidentRef.strict()),
  'evidence:get': channel<EvidenceDetail>()(
    z.object({ evidenceId: ulidSchema }).strict(),
  ),
  'evidence:record-custody': channel<EvidenceDetail>()(
    z
      .object({
        evidenceId: ulidSchema,
        action: z.enum(
          RECORDABLE_CUSTODY_ACTIONS as [
            (typeof RECORDABLE_CUSTODY_ACTIONS)[number],
            ...(typeof RECORDABLE_CUSTODY_ACTIONS)[number][],
          ],
        ),
        handler: custodyPerson,
        recipient: custodyPerson.optional(),
        occurredAt: zonedTimestampSchema.optional(),
        location: text(0, 300).optional(),
        storageLocation: text(0, 300).optional(),
        tool: text(0, 200).optional(),
        purpose: text(0, 500).optional(),
        notes: text(0, 2_000).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'evidence:link': channel<EvidenceItem>()(
    z
      .object({
        evidenceId: ulidSchema,
        entryIds: z.array(ulidSchema).min(1).max(100),
        actor: actorSchema,
      })
      .strict(),
  ),
  'evidence:verify': channel<VaultCheck>()(
    incidentRef
      .extend({
        trigger: z.enum(['on-demand', 'on-open']).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'evidence:export-bundle': channel<BundleSummary>()(
    incidentRef
      .extend({
        /** Must not exist, or be an empty directory; becomes the bag. */
        outDir: localPath,
        zip: z.boolean().optional(),
        /** For bag-info.txt; defaults to the data directory's settings. */
        organisation: text(1, 200).optional(),
        contact: text(1, 200).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'admin:status': channel<AdminStatus>()(empty),
  /**
   * Points the console at the admin API. The token is kept by main (the
   * OS keychain in the app, memory in serve mode) and never sent back.
   */
  'admin:configure': channel<AdminStatus>()(
    z
      .object({
        baseUrl: adminBaseUrl,
        token: z.string().min(1).max(8_192).optional(),
        pollBudgetPerMinute: z.number().int().min(1).max(600).optional(),
      })
      .strict(),
  ),
  'admin:discover': channel<AdminStatus>()(empty),
  'admin:sync-now': channel<AdminStatus>()(empty),
  'admin:pin-transition': channel<JournalEntry>()(
    incidentRef.extend({ transitionId: z.string().min(1).max(64) }).strict(),
  ),
  /** Pulls the audit log for a window and keeps it as evidence. */
  'admin:audit-pull': channel<EvidenceItem>()(
    incidentRef
      .extend({
        start: zonedTimestampSchema,
        end: zonedTimestampSchema,
        actor: actorSchema,
      })
      .strict(),
  ),
  'dashboard:snapshot': channel<DashboardSnapshot>()(empty),
  'dashboard:events': channel<EventPage>()(
    z
      .object({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(500),
        eventType: z.string().max(100).optional(),
        severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
        user: z.string().max(200).optional(),
        ip: z.string().max(100).optional(),
      })
      .strict(),
  ),
  'dashboard:failed-logins': channel<FailedLoginAnalysis>()(
    z
      .object({
        windowHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90)
          .optional(),
      })
      .strict(),
  ),
  /** Puts an alert or event on an incident's timeline, at its own time. */
  'dashboard:pin': channel<JournalEntry>()(
    incidentRef
      .extend({
        source: z.enum(['alert', 'event']),
        id: z.string().min(1).max(200),
        note: text(0, 2_000).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'review:get': channel<ReviewState>()(incidentRef.strict()),
  /** A new version of a section; the earlier ones stay in the journal. */
  'review:write-section': channel<ReviewState>()(
    incidentRef
      .extend({
        section: z.enum(REVIEW_SECTIONS),
        text: text(0, 20_000),
        reason: text(0, 500).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'review:record-meeting': channel<ReviewState>()(
    incidentRef
      .extend({
        heldAt: zonedTimestampSchema,
        attendees: z.array(text(1, 120)).min(1).max(100),
        reason: text(0, 500).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  'review:add-follow-up': channel<ReviewState>()(
    incidentRef
      .extend({
        title: text(1, 300),
        owner: text(1, 120),
        dueDate: calendarDateSchema,
        actor: actorSchema,
      })
      .strict(),
  ),
  'review:update-follow-up': channel<ReviewState>()(
    incidentRef
      .extend({
        followUpId: ulidSchema,
        title: text(1, 300).optional(),
        owner: text(1, 120).optional(),
        dueDate: calendarDateSchema.optional(),
        status: z.enum(FOLLOW_UP_STATUSES).optional(),
        reason: text(0, 500).optional(),
        actor: actorSchema,
      })
      .strict(),
  ),
  /** Every incident's follow-ups, overdue ones first. */
  'review:follow-ups': channel<FollowUpListItem[]>()(empty),
  /** The report's text, for showing in the app; nothing is journaled. */
  'report:render': channel<{ format: ReportFormat; content: string }>()(
    incidentRef.extend({ format: z.enum(REPORT_FORMATS) }).strict(),
  ),
  /** Writes the report to a new file; the export is journaled. */
  'report:export': channel<ReportExportSummary>()(
    incidentRef
      .extend({
        /** `pdf` only in the desktop app (`app:info` says `printsPdf`). */
        format: z.enum(REPORT_EXPORT_FORMATS),
        /** An absolute path to a new file; nothing is overwritten. */
        outPath: localPath,
        actor: actorSchema,
      })
      .strict(),
  ),
  'metrics:overview': channel<MetricsOverview>()(empty),
  /** The period holding `date` (UTC), today when not given. */
  'metrics:summary': channel<PeriodSummary>()(
    z
      .object({
        period: z.enum(SUMMARY_PERIODS),
        date: calendarDateSchema.optional(),
      })
      .strict(),
  ),
  /** Emergency actions: what the server offers, the guard rails, the queue. */
  'controls:overview': channel<ControlsOverview>()(controlsInputs.overview),
  /** The platform's allowlist, sessions and lockouts, read now; no writes. */
  'controls:platform-state': channel<PlatformState>()(
    controlsInputs.platformState,
  ),
  'controls:check-address': channel<AddressCheck>()(
    controlsInputs.checkAddress,
  ),
  /** Guard rails first (reason, typed name, address, second person). */
  'controls:queue-action': channel<QueuedAction>()(controlsInputs.queueAction),
  'controls:list-actions': channel<OutboxAction[]>()(
    controlsInputs.listActions,
  ),
  'controls:cancel': channel<OutboxAction>()(controlsInputs.cancel),
  'controls:reconfirm': channel<OutboxAction>()(controlsInputs.actionRef),
  'controls:retry': channel<OutboxAction>()(controlsInputs.actionRef),
  'controls:resolve-unknown': channel<OutboxAction>()(
    controlsInputs.resolveUnknown,
  ),
  /** A checklist item and a journal entry for an action done by hand. */
  'controls:record-manual': channel<ManualRecord>()(
    controlsInputs.recordManual,
  ),
  'controls:settings': channel<ControlsSettings>()(empty),
  'controls:set-two-person-rule': channel<ControlsSettings>()(
    controlsInputs.setTwoPersonRule,
  ),
  /** Only a scrypt hash of the passphrase is kept. */
  'controls:add-second-person': channel<ControlsSettings>()(
    controlsInputs.addSecondPerson,
  ),
  'contacts:list': channel<Contact[]>()(contactsInputs.list),
  'contacts:save': channel<Contact>()(contactsInputs.save),
  'contacts:remove': channel<{ id: string }>()(contactsInputs.remove),
  /** Bad records are reported by position; the good ones all go in. */
  'contacts:import': channel<ImportReport>()(contactsInputs.importText),
  'contacts:export': channel<{ fileName: string; text: string }>()(
    contactsInputs.exportText,
  ),
  'escalation:overview': channel<EscalationOverview>()(contactsInputs.incident),
  'escalation:notify': channel<NotificationRecord[]>()(contactsInputs.notify),
  'escalation:acknowledge': channel<NotificationRecord[]>()(
    contactsInputs.acknowledge,
  ),
  'comms:templates': channel<CommTemplate[]>()(empty),
  'comms:save-template': channel<CommTemplate[]>()(contactsInputs.saveTemplate),
  'comms:draft': channel<{ body: string }>()(contactsInputs.draft),
  'comms:record-sent': channel<SentCommunication[]>()(
    contactsInputs.recordSent,
  ),
  'comms:regimes': channel<RegulatoryRegime[]>()(empty),
  'comms:set-regime': channel<RegulatoryRegime[]>()(contactsInputs.setRegime),
  'resources:list': channel<Resource[]>()(empty),
  'resources:save': channel<Resource[]>()(contactsInputs.saveResource),
  'resources:remove': channel<Resource[]>()(contactsInputs.removeResource),
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
  'evidence:progress': IntakeProgress;
  'timeline:import-progress': TimelineImportProgress;
  'admin:status-changed': AdminStatus;
  'dashboard:updated': {
    parts: ('alerts' | 'health' | 'metrics' | 'events')[];
  };
  /** An outbox action changed state (queued, sent, answered, moved). */
  'controls:changed': { incidentId: string; actionId: string; state: string };
  /** Organisation contact data changed (contacts, templates, resources). */
  'contacts:changed': { part: string };
};
// Indexing by EventName fails to compile if a listed event has no payload.
export type IpcEvents = { [E in EventName]: EventPayloads[E] };

export function isEventName(name: string): name is keyof IpcEvents {
  return (EVENT_NAMES as readonly string[]).includes(name);
}
