import { useState, type FormEvent } from 'react';
import type { CapabilityView } from '../../../shared/admin-api-types';
import { useAuditPull } from '../data/admin-queries';
import {
  zonedTimeNow,
  zonedTimeText,
  type ZonedTimeDraft,
} from '../incident-card/zoned-time-fields';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { usePinTarget } from './pin-target';

export type AuditWindow = { start: string; end: string };

/** A stored UTC time as a draft to edit, kept in UTC. */
export function utcDraft(utc: string): ZonedTimeDraft {
  return { local: utc.slice(0, 19), zone: 'Z' };
}

/** The window to offer: the suspected gap, or else the last hour. */
export function initialWindow(gap: AuditWindow | null, nowMillis: number) {
  if (gap) return { start: utcDraft(gap.start), end: utcDraft(gap.end) };
  return {
    start: zonedTimeNow(nowMillis - 3_600_000),
    end: zonedTimeNow(nowMillis),
  };
}

function WindowEnd(props: {
  label: string;
  value: ZonedTimeDraft;
  onChange: (value: ZonedTimeDraft) => void;
}) {
  const { value, onChange } = props;
  return (
    <>
      <Field label={props.label}>
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            step={1}
            value={value.local}
            onChange={(event) =>
              onChange({ ...value, local: event.target.value })
            }
          />
        )}
      </Field>
      <Field label={`${props.label}: zone`} className="field-zone">
        {(id) => (
          <input
            id={id}
            value={value.zone}
            placeholder="Z or +01:00"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) =>
              onChange({ ...value, zone: event.target.value })
            }
          />
        )}
      </Field>
    </>
  );
}

function PullResult(props: { pull: ReturnType<typeof useAuditPull> }) {
  const { pull } = props;
  if (pull.error) {
    return (
      <p className="form-error field-wide" role="alert">
        Not pulled: {errorMessage(pull.error)}
      </p>
    );
  }
  if (!pull.data) return null;
  return (
    <p
      className="audit-pull-result field-wide"
      role="status"
      data-testid="audit-pull-result"
    >
      Kept as evidence: <strong>{pull.data.name}</strong> · SHA-256{' '}
      <span className="mono hash">{pull.data.hashes.sha256}</span>
    </p>
  );
}

/**
 * Pulls the platform's audit log for a window and keeps it as evidence
 * of the open incident (its hashes taken as it is stored), to show what
 * happened where the events may be missing.
 */
export function AuditPullForm(props: {
  gap: AuditWindow | null;
  capability: CapabilityView | undefined;
  onClose: () => void;
}) {
  const target = usePinTarget();
  const pull = useAuditPull();
  const [range, setRange] = useState(() =>
    initialWindow(props.gap, Date.now()),
  );
  const unavailable = props.capability && !props.capability.available;
  const blocker = unavailable
    ? `The platform does not offer its audit log: ${props.capability?.reason}`
    : target.incidentId === null
      ? 'Open an incident first: the pulled log is kept as its evidence.'
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (target.incidentId === null) return;
    pull.mutate({
      incidentId: target.incidentId,
      start: zonedTimeText(range.start),
      end: zonedTimeText(range.end),
    });
  }

  return (
    <form
      className="inline-form audit-pull-form"
      aria-label="Pull the audit log"
      data-testid="audit-pull-form"
      onSubmit={submit}
    >
      <WindowEnd
        label="From"
        value={range.start}
        onChange={(start) => setRange((current) => ({ ...current, start }))}
      />
      <WindowEnd
        label="To"
        value={range.end}
        onChange={(end) => setRange((current) => ({ ...current, end }))}
      />
      <button
        type="submit"
        className="button-primary"
        disabled={blocker !== null || pull.isPending}
      >
        {pull.isPending ? 'Pulling…' : 'Pull and keep as evidence'}
      </button>
      <button type="button" className="button-quiet" onClick={props.onClose}>
        Close
      </button>
      {blocker && <p className="muted hint field-wide">{blocker}</p>}
      <PullResult pull={pull} />
    </form>
  );
}
