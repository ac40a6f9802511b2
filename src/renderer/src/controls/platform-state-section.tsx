import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type {
  AdminSession,
  AllowlistEntry,
  EmergencyLockout,
} from '../../../shared/admin-api-types';
import type {
  PlatformPart,
  PlatformState,
} from '../../../shared/controls-types';
import {
  canQueue,
  type ActionAvailability,
  type ActionKind,
} from '../../../shared/outbox-types';
import { CardSection } from '../incident-card/card-section';
import { formatTimestamp } from '../timeline/time-format';
import { useBridge } from '../transport/bridge-context';
import { call, errorMessage } from '../transport/call';
import type { FieldValues } from './action-fields';

export type PickAction = (kind: ActionKind, values: FieldValues) => void;

/**
 * A read on demand, not a cached query: what the platform holds changes
 * under the commander's feet, so it is shown with the time it was read
 * and read again only when asked.
 */
function usePlatformStateRead(incidentId: string) {
  const bridge = useBridge();
  return useMutation({
    mutationFn: () => call(bridge, 'controls:platform-state', { incidentId }),
  });
}

function timeText(utc: string | null): string {
  return utc === null
    ? 'never'
    : formatTimestamp(utc, 'utc', {
        precision: 'seconds',
      });
}

/** The latest time any list was read, for the section's header. */
function readTimeOf(state: PlatformState): string | null {
  const times = [state.allowlist, state.sessions, state.lockouts]
    .flatMap((part) => (part.available ? [part.readAt] : []))
    .sort();
  return times.at(-1) ?? null;
}

function PickButton(props: {
  availability: ActionAvailability | undefined;
  text: string;
  name: string;
  onClick: () => void;
}) {
  const offered = props.availability && canQueue(props.availability);
  if (!offered) return null;
  return (
    <button
      type="button"
      className={props.availability?.destructive ? 'button-danger' : undefined}
      aria-label={props.name}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/** One list: its table, or why the platform could not give it. */
function PartView<T>(props: {
  title: string;
  testId: string;
  part: PlatformPart<T>;
  empty: string;
  head: string[];
  row: (item: T) => ReactNode;
}) {
  const { part } = props;
  return (
    <div className="platform-part" data-testid={props.testId}>
      <h3>
        {props.title}
        {part.available && (
          <span className="muted"> ({part.items.length})</span>
        )}
      </h3>
      {!part.available && (
        <p className="platform-unavailable" data-testid="platform-reason">
          Not available: {part.reason}
        </p>
      )}
      {part.available && part.items.length === 0 && (
        <p className="muted">{props.empty}</p>
      )}
      {part.available && part.items.length > 0 && (
        <table className="card-table platform-table">
          <thead>
            <tr>
              {props.head.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Act</span>
              </th>
            </tr>
          </thead>
          <tbody>{part.items.map(props.row)}</tbody>
        </table>
      )}
    </div>
  );
}

type RowProps<T> = {
  item: T;
  availability: ActionAvailability | undefined;
  onPick: PickAction;
};

function AllowlistRow(props: RowProps<AllowlistEntry>) {
  const { item } = props;
  return (
    <tr data-testid="platform-allowlist-row" data-id={item.id}>
      <th scope="row" className="mono">
        {item.ipRange}
      </th>
      <td>{item.description ?? '—'}</td>
      <td>{item.active ? 'Active' : 'Inactive'}</td>
      <td>{item.expiresAt ? timeText(item.expiresAt) : 'No expiry'}</td>
      <td>
        <PickButton
          availability={props.availability}
          text="Remove…"
          name={`Remove allowlist entry ${item.ipRange}…`}
          onClick={() =>
            props.onPick('allowlist-remove', {
              entryId: item.id,
              address: item.ipRange,
            })
          }
        />
      </td>
    </tr>
  );
}

function SessionRow(props: RowProps<AdminSession>) {
  const { item } = props;
  return (
    <tr data-testid="platform-session-row" data-id={item.sessionId}>
      <th scope="row" className="mono">
        {item.userId}
      </th>
      <td>{item.organizationRole}</td>
      <td className="mono">{item.ipAddress}</td>
      <td className="platform-agent" title={item.userAgent}>
        {item.userAgent}
      </td>
      <td>{timeText(item.lastActivityAt)}</td>
      <td>
        <PickButton
          availability={props.availability}
          text="Revoke…"
          name={`Revoke session of ${item.userId} from ${item.ipAddress}…`}
          onClick={() =>
            props.onPick('session-revoke', { sessionId: item.sessionId })
          }
        />
      </td>
    </tr>
  );
}

function LockoutRow(props: RowProps<EmergencyLockout>) {
  const { item } = props;
  return (
    <tr data-testid="platform-lockout-row" data-id={item.id}>
      <th scope="row">
        {item.reason}
        <div className="muted">{item.message}</div>
      </th>
      <td>{timeText(item.createdAt)}</td>
      <td>{item.expiresAt ? timeText(item.expiresAt) : 'No expiry'}</td>
      <td>
        <PickButton
          availability={props.availability}
          text="Lift…"
          name={`Lift lockout ${item.reason}…`}
          onClick={() => props.onPick('lockout-lift', { lockoutId: item.id })}
        />
      </td>
    </tr>
  );
}

function PlatformLists(props: {
  state: PlatformState;
  availability: ActionAvailability[];
  onPick: PickAction;
}) {
  const { state, onPick } = props;
  const find = (kind: ActionKind) =>
    props.availability.find((item) => item.kind === kind);
  return (
    <>
      <PartView
        title="IP allowlist (addresses ALLOWED in)"
        testId="platform-allowlist"
        part={state.allowlist}
        empty="No allowlist entries."
        head={['Range', 'Description', 'Active', 'Expires']}
        row={(item) => (
          <AllowlistRow
            key={item.id}
            item={item}
            availability={find('allowlist-remove')}
            onPick={onPick}
          />
        )}
      />
      <PartView
        title="Sessions"
        testId="platform-sessions"
        part={state.sessions}
        empty="No active sessions."
        head={[
          'User',
          'Organisation role',
          'IP',
          'User agent',
          'Last activity',
        ]}
        row={(item) => (
          <SessionRow
            key={item.sessionId}
            item={item}
            availability={find('session-revoke')}
            onPick={onPick}
          />
        )}
      />
      <PartView
        title="Lockouts"
        testId="platform-lockouts"
        part={state.lockouts}
        empty="No active lockouts."
        head={['Reason / message', 'Created', 'Expires']}
        row={(item) => (
          <LockoutRow
            key={item.id}
            item={item}
            availability={find('lockout-lift')}
            onPick={onPick}
          />
        )}
      />
    </>
  );
}

/**
 * The platform's allowlist entries, sessions and lockouts as read just
 * now, each row with the action that undoes it. Picking one opens the
 * same guarded dialog as the action list, with the target filled in.
 */
export function PlatformStateSection(props: {
  incidentId: string;
  availability: ActionAvailability[];
  onPick: PickAction;
}) {
  const read = usePlatformStateRead(props.incidentId);
  const state = read.data;
  const readButton = (
    <div className="platform-read">
      {state && (
        <span className="muted" data-testid="platform-read-at">
          Read {timeText(readTimeOf(state))}
        </span>
      )}
      <button
        type="button"
        disabled={read.isPending}
        onClick={() => read.mutate()}
      >
        {read.isPending ? 'Reading…' : 'Read from platform'}
      </button>
    </div>
  );

  return (
    <CardSection
      title="On the platform now"
      testId="controls-platform-state"
      actions={readButton}
    >
      {read.error && (
        <p className="error-message" role="alert">
          Could not read the platform: {errorMessage(read.error)}
        </p>
      )}
      {!state && !read.error && (
        <p className="muted">
          Not read yet. Reading asks the platform for its allowlist, sessions
          and lockouts now; nothing is stored.
        </p>
      )}
      {state && (
        <PlatformLists
          state={state}
          availability={props.availability}
          onPick={props.onPick}
        />
      )}
    </CardSection>
  );
}
