import type { RoleAssignment } from '../../../shared/incident-command-types';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { currentHolder } from './role-holders';

/** Who runs the response; nobody is a warning, not a blank. */
export function CommanderStatus(props: {
  roles: readonly RoleAssignment[];
  zoneMode: ZoneMode;
}) {
  const commander = currentHolder(props.roles, 'incident-commander');

  return (
    <div
      className={`command-cell commander-status${commander ? '' : ' is-missing'}`}
      data-testid="commander-status"
    >
      <span className="cell-label">Incident commander</span>
      {commander ? (
        <span
          className="cell-value"
          title={`Since ${formatTimestamp(commander.assumedAt, props.zoneMode, { precision: 'seconds' })}`}
        >
          {commander.person}
        </span>
      ) : (
        <span className="cell-value">
          <span aria-hidden="true">⚠ </span>No commander
        </span>
      )}
    </div>
  );
}
