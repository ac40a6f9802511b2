import { useState } from 'react';
import type { EscalationOverview } from '../../../shared/escalation-plan';
import { formatCountdown } from '../../../shared/response-clock';
import { formatEpochMicros } from '../../../shared/timestamps';
import { errorMessage } from '../transport/call';
import { useContactsMutation, useTemplates } from './contacts-queries';

function UpdateReminder(props: { overview: EscalationOverview }) {
  const { nextUpdate, nowMicros } = props.overview;
  return (
    <p
      className={`update-reminder${nextUpdate.overdue ? ' is-overdue' : ''}`}
      data-testid="update-reminder"
    >
      Next internal update due {formatEpochMicros(nextUpdate.dueMicros)} (
      {formatCountdown(nextUpdate.dueMicros - nowMicros)})
      {nextUpdate.overdue && ' — overdue'}
    </p>
  );
}

export function CommsSection(props: {
  incidentId: string;
  overview: EscalationOverview;
}) {
  const templates = useTemplates();
  const draft = useContactsMutation('comms:draft');
  const record = useContactsMutation('comms:record-sent');
  const save = useContactsMutation('comms:save-template');
  const [templateId, setTemplateId] = useState('internal-update');
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState('');
  const template = templates.data?.find((t) => t.id === templateId);

  function makeDraft() {
    draft.mutate(
      { incidentId: props.incidentId, templateId },
      { onSuccess: (d) => setBody(d.body) },
    );
  }
  function recordSent() {
    if (!template) return;
    record.mutate(
      {
        incidentId: props.incidentId,
        templateId,
        audience: template.audience,
        channel,
        body,
      },
      { onSuccess: () => setChannel('') },
    );
  }
  return (
    <section
      className="comms-section"
      aria-labelledby="comms-heading"
      data-testid="communications"
    >
      <h2 id="comms-heading">Communications</h2>
      <UpdateReminder overview={props.overview} />
      <div className="comms-controls">
        <select
          aria-label="Template"
          value={templateId}
          onChange={(e) => setTemplateId(e.target.value)}
        >
          {(templates.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={makeDraft}>
          Draft from incident
        </button>
        <button
          type="button"
          disabled={!body}
          onClick={() => void navigator.clipboard.writeText(body)}
        >
          Copy
        </button>
      </div>
      <textarea
        aria-label="Draft"
        className="comms-draft mono"
        rows={16}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="comms-controls">
        <input
          aria-label="Sent through"
          placeholder="Sent through (e.g. #incident channel)"
          value={channel}
          onChange={(e) => setChannel(e.target.value)}
        />
        <button
          type="button"
          disabled={!body.trim() || !channel.trim() || !template}
          onClick={recordSent}
        >
          Record as sent to {template?.audience ?? '…'}
        </button>
        <button
          type="button"
          disabled={!template}
          onClick={() =>
            template &&
            save.mutate({
              id: template.id,
              label: template.label,
              audience: template.audience,
              body: body || template.body,
            })
          }
        >
          Save as template
        </button>
      </div>
      {(record.isError || draft.isError) && (
        <p role="alert">{errorMessage(record.error ?? draft.error)}</p>
      )}
      <ul className="sent-log" data-testid="sent-log">
        {props.overview.sent.map((s) => (
          <li key={s.entryId}>
            {s.sentAt}: {s.templateId} to {s.audience} through {s.channel} by{' '}
            {s.sentBy}
          </li>
        ))}
      </ul>
    </section>
  );
}
