import type {
  AdminStatus,
  FailedLoginAnalysis,
  FailedLoginFlag,
} from '../../../shared/admin-api-types';
import { useDashboardSnapshot, useFailedLogins } from '../data/admin-queries';
import { Field } from '../incidents/select-field';
import { useUiStore } from '../state/ui-store';
import { formatCount } from '../timeline/format-count';
import { errorMessage } from '../transport/call';
import { AttemptsChart } from './attempts-chart';
import { isLive } from './dashboard-labels';
import { DashboardSection } from './dashboard-section';
import { FetchedAge } from './fetched-age';

export const WINDOW_OPTIONS: { hours: number; label: string }[] = [
  { hours: 1, label: 'Last hour' },
  { hours: 6, label: 'Last 6 hours' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 72, label: 'Last 3 days' },
  { hours: 168, label: 'Last 7 days' },
  { hours: 720, label: 'Last 30 days' },
  { hours: 2160, label: 'Last 90 days' },
];

const PATTERNS: {
  pattern: FailedLoginFlag['pattern'];
  title: string;
  rule: (threshold: number) => string;
  unit: string;
}[] = [
  {
    pattern: 'credential-stuffing',
    title: 'Credential stuffing',
    rule: (threshold) =>
      `one IP address failing against ${threshold} or more users`,
    unit: 'users',
  },
  {
    pattern: 'distributed-attack',
    title: 'Distributed attack',
    rule: (threshold) =>
      `one user failing from ${threshold} or more IP addresses`,
    unit: 'IP addresses',
  },
];

function thresholdOf(
  analysis: FailedLoginAnalysis,
  pattern: FailedLoginFlag['pattern'],
) {
  return pattern === 'credential-stuffing'
    ? analysis.thresholds.credentialStuffingUsersPerIp
    : analysis.thresholds.distributedAttackIpsPerUser;
}

function PatternFlags(props: { analysis: FailedLoginAnalysis }) {
  const { analysis } = props;
  return (
    <DashboardSection title="Attack patterns" testId="attack-patterns">
      <ul className="pattern-list">
        {PATTERNS.map((item) => {
          const flags = analysis.flags.filter(
            (flag) => flag.pattern === item.pattern,
          );
          const threshold = thresholdOf(analysis, item.pattern);
          return (
            <li
              key={item.pattern}
              className={`pattern${flags.length > 0 ? ' is-flagged' : ''}`}
              data-testid={`pattern-${item.pattern}`}
            >
              <span className="pattern-head">
                <strong>{item.title}</strong>
                <span className="muted">
                  {' '}
                  · flagged at {item.rule(threshold)}
                </span>
              </span>
              {flags.length === 0 ? (
                <span className="muted">Not seen in this window.</span>
              ) : (
                <ul className="flag-list">
                  {flags.map((flag) => (
                    <li key={flag.subject} data-testid="flag">
                      <span aria-hidden="true">⚠ </span>
                      <span className="mono">{flag.subject}</span>:{' '}
                      {formatCount(flag.count)} {item.unit} (threshold{' '}
                      {flag.threshold})
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </DashboardSection>
  );
}

function Breakdown(props: {
  title: string;
  testId: string;
  rows: { subject: string; attempts: number; spread: number }[];
  subjectHead: string;
  spreadHead: string;
  threshold: number;
}) {
  return (
    <DashboardSection title={props.title} testId={props.testId}>
      {props.rows.length === 0 ? (
        <p className="muted">No failed logins in this window.</p>
      ) : (
        <table className="card-table breakdown-table">
          <thead>
            <tr>
              <th scope="col">{props.subjectHead}</th>
              <th scope="col" className="numeric">
                Attempts
              </th>
              <th scope="col" className="numeric">
                {props.spreadHead}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const flagged = row.spread >= props.threshold;
              return (
                <tr
                  key={row.subject}
                  className={flagged ? 'is-flagged' : undefined}
                >
                  <th scope="row" className="mono">
                    {flagged && <span aria-hidden="true">⚠ </span>}
                    {row.subject}
                  </th>
                  <td className="numeric">{formatCount(row.attempts)}</td>
                  <td className="numeric">{formatCount(row.spread)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </DashboardSection>
  );
}

function Analysis(props: { analysis: FailedLoginAnalysis }) {
  const { analysis } = props;
  return (
    <>
      <PatternFlags analysis={analysis} />
      <DashboardSection title="Attempts over time" testId="attempts-over-time">
        <AttemptsChart hours={analysis.overTime} />
      </DashboardSection>
      <div className="breakdowns">
        <Breakdown
          title="By IP address"
          testId="failed-by-ip"
          rows={analysis.byIp.map((row) => ({
            subject: row.ip,
            attempts: row.attempts,
            spread: row.users,
          }))}
          subjectHead="IP address"
          spreadHead="Users tried"
          threshold={analysis.thresholds.credentialStuffingUsersPerIp}
        />
        <Breakdown
          title="By user"
          testId="failed-by-user"
          rows={analysis.byUser.map((row) => ({
            subject: row.user,
            attempts: row.attempts,
            spread: row.ips,
          }))}
          subjectHead="User"
          spreadHead="IP addresses"
          threshold={analysis.thresholds.distributedAttackIpsPerUser}
        />
      </div>
    </>
  );
}

/**
 * Failed logins counted from the cached events: by address, by user and
 * per hour, and the two attack patterns the plan names, with the
 * thresholds at which War Room flags them.
 */
export function FailedLoginsTab(props: { status: AdminStatus }) {
  const hours = useUiStore((state) => state.failedLoginWindowHours);
  const setHours = useUiStore((state) => state.setFailedLoginWindowHours);
  const analysis = useFailedLogins(hours);
  const events = useDashboardSnapshot().data?.events;

  return (
    <div className="failed-logins-tab">
      <div className="events-toolbar">
        <Field label="Window">
          {(id) => (
            <select
              id={id}
              value={hours}
              onChange={(event) => setHours(Number(event.target.value))}
            >
              {WINDOW_OPTIONS.map((option) => (
                <option key={option.hours} value={option.hours}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {analysis.data && (
          <span data-testid="failed-total">
            {formatCount(analysis.data.total)} failed{' '}
            {analysis.data.total === 1 ? 'login' : 'logins'}
          </span>
        )}
        <span className="header-spacer" />
        {events && (
          <FetchedAge
            fetchedAt={events.lastPullAt}
            live={isLive(props.status.connection)}
            verb="counted from events pulled"
          />
        )}
      </div>
      {analysis.error && (
        <p className="form-error" role="alert">
          Could not count the failed logins: {errorMessage(analysis.error)}
        </p>
      )}
      {analysis.data && <Analysis analysis={analysis.data} />}
    </div>
  );
}
