import { useState, type FormEvent } from 'react';
import {
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  type NotificationRecord,
} from '../../../shared/contacts-types';
import type {
  AudienceDue,
  EscalationOverview,
  RegulatoryStatus,
} from '../../../shared/escalation-plan';
import { formatCountdown } from '../../../shared/response-clock';
import { formatEpochMicros } from '../../../shared/timestamps';
import { errorMessage } from '../transport/call';
import { CopyText } from './copy-text';
import { useContactsMutation } from './contacts-queries';

/** `12:00 left` or `5:00 overdue`, never a bare negative number. */
export function timeLeft(remainingMicros: number): string {
  return remainingMicros < 0
    ? `${formatCountdown(-remainingMicros)} overdue`
    : `${formatCountdown(remainingMicros)} left`;
}

function audienceState(a: AudienceDue): string {
  if (a.acknowledged) return 'acknowledged';
  if (a.notified) return 'notified, not acknowledged';
  return a.overdue ? 'OVERDUE' : 'to notify now';
}

function AudienceNode(props: { audience: AudienceDue; now: number }) {
  const { audience } = props;
  return (
    <li
      className={`audience-node${audience.overdue ? ' is-overdue' : ''}`}
      data-testid="audience"
    >
      <strong>{audience.label}</strong>{' '}
      <span className="audience-state">{audienceState(audience)}</span>{' '}
      <span className="muted">
        by {formatEpochMicros(audience.dueMicros)} (
        {timeLeft(audience.dueMicros - props.now)})
      </span>
      <ul>
        {audience.contacts.map((c) => (
          <li key={c.id}>
            {c.name}
            {c.onCall && ' (on call)'}{' '}
            {c.channels.map((ch, i) => (
              <CopyText
                key={i}
                value={ch.value}
                label={`${c.name}'s ${ch.kind}`}
              />
            ))}
            {c.notes && <span className="muted"> {c.notes}</span>}
          </li>
        ))}
        {audience.contacts.length === 0 && (
          <li className="muted">No contact has this role</li>
        )}
      </ul>
    </li>
  );
}

function EscalationTree(props: { overview: EscalationOverview }) {
  const { escalation, nowMicros } = props.overview;
  return (
    <div className="escalation-tree" data-testid="escalation-tree">
      <h3>
        Escalation for {escalation.severity}: {escalation.wording}
      </h3>
      <button type="button" className="no-print" onClick={() => window.print()}>
        Print escalation tree
      </button>
      <ul>
        {escalation.audiences.map((a) => (
          <AudienceNode key={a.audience} audience={a} now={nowMicros} />
        ))}
      </ul>
    </div>
  );
}

export function RegulatoryClockView(props: {
  status: RegulatoryStatus;
  now: number;
}) {
  const { status } = props;
  if (status.clock.notifiedAtMicros !== null) return null;
  return (
    <div
      className={`regulatory-clock${status.clock.overdue ? ' is-overdue' : ''}`}
      data-testid="regulatory-clock"
      role="timer"
    >
      <strong>{status.regimeLabel} regulator notification</strong> due within{' '}
      {status.hours} hours of awareness ({status.awareAt}):{' '}
      <span className="mono">
        {formatCountdown(status.clock.remainingMicros)}
      </span>{' '}
      left, deadline {formatEpochMicros(status.clock.deadlineMicros)}
    </div>
  );
}

function NotifyForm(props: { incidentId: string; audiences: AudienceDue[] }) {
  const notify = useContactsMutation('escalation:notify');
  const [audience, setAudience] = useState(props.audiences[0]?.audience ?? '');
  const [contactName, setContactName] = useState('');
  const [channel, setChannel] = useState<NotificationChannel>('phone');
  const [acknowledged, setAcknowledged] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    notify.mutate(
      {
        incidentId: props.incidentId,
        audience,
        contactName,
        channel,
        acknowledged,
      },
      {
        onSuccess: () => {
          setContactName('');
          setAcknowledged(false);
        },
      },
    );
  }
  return (
    <form
      className="notify-form no-print"
      onSubmit={submit}
      aria-label="Log a notification"
    >
      <select
        aria-label="Audience"
        value={audience}
        onChange={(e) => setAudience(e.target.value)}
      >
        {props.audiences.map((a) => (
          <option key={a.audience} value={a.audience}>
            {a.label}
          </option>
        ))}
      </select>
      <input
        aria-label="Who was notified"
        placeholder="Who was notified"
        value={contactName}
        onChange={(e) => setContactName(e.target.value)}
      />
      <select
        aria-label="Channel"
        value={channel}
        onChange={(e) => setChannel(e.target.value as NotificationChannel)}
      >
        {NOTIFICATION_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.target.checked)}
        />{' '}
        Acknowledged
      </label>
      <button type="submit" disabled={!contactName.trim() || !audience}>
        Log notification
      </button>
      {notify.isError && <span role="alert">{errorMessage(notify.error)}</span>}
    </form>
  );
}

function NotificationLog(props: {
  incidentId: string;
  log: NotificationRecord[];
}) {
  const acknowledge = useContactsMutation('escalation:acknowledge');
  return (
    <table className="notification-log" data-testid="notification-log">
      <thead>
        <tr>
          <th>When</th>
          <th>Audience</th>
          <th>Who</th>
          <th>Channel</th>
          <th>By</th>
          <th>Acknowledged</th>
        </tr>
      </thead>
      <tbody>
        {props.log.map((n) => (
          <tr key={n.entryId}>
            <td className="mono">{n.notifiedAt}</td>
            <td>{n.audience}</td>
            <td>{n.contactName}</td>
            <td>{n.channel}</td>
            <td>{n.notifiedBy}</td>
            <td>
              {n.acknowledgedAt ?? (
                <button
                  type="button"
                  onClick={() =>
                    acknowledge.mutate({
                      incidentId: props.incidentId,
                      notificationId: n.entryId,
                    })
                  }
                >
                  Mark acknowledged
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EscalationSection(props: {
  incidentId: string;
  overview: EscalationOverview;
}) {
  const { overview } = props;
  return (
    <section
      className="escalation-section"
      aria-labelledby="escalation-heading"
      data-testid="escalation"
    >
      <h2 id="escalation-heading">Escalation and notifications</h2>
      {overview.regulatory && (
        <RegulatoryClockView
          status={overview.regulatory}
          now={overview.nowMicros}
        />
      )}
      <EscalationTree overview={overview} />
      <NotifyForm
        incidentId={props.incidentId}
        audiences={overview.escalation.audiences}
      />
      <NotificationLog
        incidentId={props.incidentId}
        log={overview.notifications}
      />
    </section>
  );
}
