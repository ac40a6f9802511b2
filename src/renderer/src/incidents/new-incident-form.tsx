import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChannelInput, Incident } from '../../../shared/ipc-contract';
import { useCreateIncident } from '../data/incident-queries';
import { errorMessage } from '../transport/call';
import {
  NewIncidentFields,
  emptyIncidentDraft,
  type IncidentDraft,
} from './new-incident-fields';
import { DialogActions } from '../app/dialog-actions';

/** `2026-12-03T09:15` + `+01:00` → `2026-12-03T09:15:00+01:00`. */
export function zonedDetectedAt(local: string, zone: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${zone.trim()}`;
}

/**
 * Severity and category have no safe default, so they are asked for here;
 * everything else is checked by the server, whose message is shown as is.
 */
function toInput(
  draft: IncidentDraft,
): ChannelInput<'incident:create'> | string {
  if (!draft.severity) return 'Choose a severity.';
  if (!draft.category) return 'Choose a category.';
  const description = draft.description.trim();
  return {
    title: draft.title.trim(),
    severity: draft.severity,
    category: draft.category,
    ...(draft.subtype && { subtype: draft.subtype }),
    ...(description && { description }),
    ...(draft.detectedAt && {
      detectedAt: zonedDetectedAt(draft.detectedAt, draft.detectedZone),
    }),
    ...(draft.detectionMethod && { detectionMethod: draft.detectionMethod }),
  };
}

/** Main names the channel first; a person filling the form needs not. */
function withoutChannel(error: unknown): string {
  return errorMessage(error).replace(/^incident:create: /, '');
}

function submitOnControlEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

export function NewIncidentForm(props: {
  onCreated: (incident: Incident) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(emptyIncidentDraft);
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useCreateIncident();
  const errorId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const input = toInput(draft);
    setLocalError(typeof input === 'string' ? input : null);
    if (typeof input !== 'string') {
      create.mutate(input, { onSuccess: props.onCreated });
    }
  }

  const error =
    localError ?? (create.error ? withoutChannel(create.error) : null);

  return (
    <form
      className="dialog-form"
      noValidate
      aria-describedby={error ? errorId : undefined}
      onSubmit={submit}
      onKeyDown={submitOnControlEnter}
    >
      <NewIncidentFields
        draft={draft}
        update={(changes) =>
          setDraft((current) => ({ ...current, ...changes }))
        }
      />
      {error && (
        <p className="form-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <DialogActions
        hint="Enter or Ctrl+Enter opens the incident; Esc cancels."
        onCancel={props.onCancel}
        submitLabel="Open incident"
        pendingLabel="Opening…"
        pending={create.isPending}
      />
    </form>
  );
}
