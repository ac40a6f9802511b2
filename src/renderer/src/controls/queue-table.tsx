import { useState } from 'react';
import type { OutboxAction, OutboxState } from '../../../shared/outbox-types';
import { ReasonDialog } from '../command/reason-dialog';
import { useNow } from '../command/use-now';
import { ageOf } from '../dashboard/format-age';
import { useOutboxMove, type OutboxMove } from '../data/controls-queries';
import { errorMessage } from '../transport/call';

const STATE_LABELS: Record<OutboxState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  confirmed: 'Confirmed',
  failed: 'Failed',
  unknown: 'Unknown: sent, no answer',
  'needs-reconfirmation': 'Needs reconfirmation',
  cancelled: 'Cancelled',
};

const CANCELLABLE: OutboxState[] = [
  'queued',
  'needs-reconfirmation',
  'unknown',
  'failed',
];

function targetOf(action: OutboxAction): string {
  const request = action.request as Record<string, unknown>;
  for (const key of [
    'address',
    'userId',
    'sessionId',
    'lockoutId',
    'entryId',
  ]) {
    if (typeof request[key] === 'string' && request[key]) {
      return ` ${request[key] as string}`;
    }
  }
  return '';
}

function answerText(action: OutboxAction): string {
  if (action.lastAnswer) {
    const status = action.lastAnswer.status ?? 'no answer';
    return `${status}: ${action.lastAnswer.summary}`;
  }
  return action.lastError ?? '—';
}

function MoveButton(props: {
  text: string;
  name: string;
  pending: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      disabled={props.pending}
      aria-label={props.name}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/** Only the moves the action's state allows (the outbox checks again). */
function MoveButtons(props: {
  action: OutboxAction;
  label: string;
  onMove: (move: OutboxMove) => void;
  onCancel: () => void;
  pending: boolean;
}) {
  const { action, pending } = props;
  const name = `${props.label}${targetOf(action)}`;
  const actionId = action.id;
  const resolve = (outcome: 'took-effect' | 'did-not-take-effect') =>
    props.onMove({ move: 'resolve-unknown', actionId, outcome });
  const shared = { pending };
  return (
    <span className="controls-buttons">
      {action.state === 'needs-reconfirmation' && (
        <MoveButton
          {...shared}
          text="Reconfirm"
          name={`Reconfirm ${name}`}
          onClick={() => props.onMove({ move: 'reconfirm', actionId })}
        />
      )}
      {(action.state === 'failed' || action.state === 'unknown') && (
        <MoveButton
          {...shared}
          text="Retry"
          name={`Retry ${name}`}
          onClick={() => props.onMove({ move: 'retry', actionId })}
        />
      )}
      {action.state === 'unknown' && (
        <>
          <MoveButton
            {...shared}
            text="Took effect"
            name={`Mark ${name} as took effect`}
            onClick={() => resolve('took-effect')}
          />
          <MoveButton
            {...shared}
            text="Did not take effect"
            name={`Mark ${name} as did not take effect`}
            onClick={() => resolve('did-not-take-effect')}
          />
        </>
      )}
      {CANCELLABLE.includes(action.state) && (
        <MoveButton
          {...shared}
          text="Cancel…"
          name={`Cancel ${name}`}
          onClick={props.onCancel}
        />
      )}
    </span>
  );
}

function QueueRow(props: {
  action: OutboxAction;
  label: string;
  now: number;
  pending: boolean;
  onMove: (move: OutboxMove) => void;
  onCancel: () => void;
}) {
  const { action } = props;
  const people = action.secondPerson
    ? `${action.queuedBy} + ${action.secondPerson}`
    : action.queuedBy;
  return (
    <tr data-testid="outbox-row" data-state={action.state}>
      <th scope="row">
        {props.label}
        <span className="mono">{targetOf(action)}</span>
        <div className="muted">by {people}</div>
      </th>
      <td data-testid="outbox-state" className={`outbox-state-${action.state}`}>
        {STATE_LABELS[action.state]}
        <div className="muted">{action.stateReason}</div>
      </td>
      <td>{ageOf(action.createdAt, props.now)}</td>
      <td>{action.attempts}</td>
      <td className="controls-answer">{answerText(action)}</td>
      <td>
        <MoveButtons
          action={action}
          label={props.label}
          pending={props.pending}
          onMove={props.onMove}
          onCancel={props.onCancel}
        />
      </td>
    </tr>
  );
}

function QueueHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Action</th>
        <th scope="col">State</th>
        <th scope="col">Age</th>
        <th scope="col">Attempts</th>
        <th scope="col">Last answer</th>
        <th scope="col">
          <span className="visually-hidden">Moves</span>
        </th>
      </tr>
    </thead>
  );
}

/** The outbox for this incident: each action's state, age and answer. */
export function QueueTable(props: {
  incidentId: string;
  actions: OutboxAction[];
  /** Each kind's name as the platform's capabilities call it. */
  labels: ReadonlyMap<string, string>;
}) {
  const now = useNow();
  const moves = useOutboxMove(props.incidentId);
  const [cancelling, setCancelling] = useState<OutboxAction | null>(null);
  if (props.actions.length === 0) {
    return <p className="muted">No actions asked for yet.</p>;
  }
  return (
    <>
      {moves.error && (
        <p className="form-error" role="alert">
          {errorMessage(moves.error)}
        </p>
      )}
      <table className="card-table controls-queue">
        <QueueHead />
        <tbody>
          {props.actions.map((action) => (
            <QueueRow
              key={action.id}
              action={action}
              label={props.labels.get(action.kind) ?? action.kind}
              now={now}
              pending={moves.isPending}
              onMove={(move) => moves.mutate(move)}
              onCancel={() => setCancelling(action)}
            />
          ))}
        </tbody>
      </table>
      <ReasonDialog
        open={cancelling !== null}
        title={`Cancel ${cancelling ? (props.labels.get(cancelling.kind) ?? cancelling.kind) : ''}`}
        label="Why cancel it"
        confirmLabel="Cancel the action"
        pending={moves.isPending}
        onCancel={() => setCancelling(null)}
        onConfirm={(reason) =>
          moves.mutate(
            { move: 'cancel', actionId: cancelling!.id, reason },
            { onSuccess: () => setCancelling(null) },
          )
        }
      />
    </>
  );
}
