import { useState } from 'react';
import type {
  IncidentCommandState,
  RoleAssignment,
} from '../../../shared/incident-command-types';
import {
  CORE_ROLES,
  EXTENDED_ROLES,
  ROLE_DEFINITIONS,
  type Role,
} from '../../../shared/incident-lifecycle';
import { currentHolder, earlierHolders } from '../command/role-holders';
import type { ZoneMode } from '../timeline/time-format';
import { cardTime } from './card-format';
import { CardSection } from './card-section';
import { RoleForm } from './role-form';

function Holder(props: { holder: RoleAssignment | null; zoneMode: ZoneMode }) {
  const { holder } = props;
  if (!holder) return <span className="muted">Unassigned</span>;
  return (
    <>
      <strong data-testid="role-holder">{holder.person}</strong>
      {holder.contact && <span className="muted"> · {holder.contact}</span>}
      <span className="muted role-since">
        assumed {cardTime(holder.assumedAt, props.zoneMode)}
      </span>
    </>
  );
}

function EarlierHolders(props: {
  holders: RoleAssignment[];
  zoneMode: ZoneMode;
}) {
  if (props.holders.length === 0) return null;
  return (
    <ul className="earlier-holders" data-testid="earlier-holders">
      {props.holders.map((holder) => (
        <li key={holder.entryId}>
          {holder.person}: {cardTime(holder.assumedAt, props.zoneMode)} –{' '}
          {cardTime(holder.handedOverAt ?? '', props.zoneMode)}, handed over
        </li>
      ))}
    </ul>
  );
}

function RoleRow(props: {
  state: IncidentCommandState;
  role: Role;
  zoneMode: ZoneMode;
  editing: boolean;
  onEdit: (role: Role | null) => void;
}) {
  const { state, role } = props;
  const definition = ROLE_DEFINITIONS[role];
  const holder = currentHolder(state.roles, role);
  const warn = role === 'incident-commander' && !holder;

  return (
    <li
      className={`role-row${warn ? ' is-missing' : ''}`}
      data-testid="role-row"
      data-role={role}
    >
      <div className="role-name">
        <strong>{definition.label}</strong>
        <span className="muted">{definition.duty}</span>
      </div>
      <div className="role-holder">
        {warn && <span aria-hidden="true">⚠ </span>}
        <Holder holder={holder} zoneMode={props.zoneMode} />
        <EarlierHolders
          holders={earlierHolders(state.roles, role)}
          zoneMode={props.zoneMode}
        />
      </div>
      {state.status === 'open' && !props.editing && (
        <button
          type="button"
          className="row-action"
          aria-label={`${holder ? 'Hand over' : 'Assign'} ${definition.label}`}
          onClick={() => props.onEdit(role)}
        >
          {holder ? 'Hand over…' : 'Assign…'}
        </button>
      )}
      {props.editing && (
        <RoleForm
          incidentId={state.incidentId}
          role={role}
          handover={holder !== null}
          onDone={() => props.onEdit(null)}
        />
      )}
    </li>
  );
}

/** The plan's response team: who holds each role now, and who did before. */
export function RolesSection(props: {
  state: IncidentCommandState;
  zoneMode: ZoneMode;
}) {
  const [editing, setEditing] = useState<Role | null>(null);
  const team = (title: string, roles: readonly Role[]) => (
    <>
      <h3 className="subheading">{title}</h3>
      <ul className="role-list">
        {roles.map((role) => (
          <RoleRow
            key={role}
            {...props}
            role={role}
            editing={editing === role}
            onEdit={setEditing}
          />
        ))}
      </ul>
    </>
  );

  return (
    <CardSection title="Roles" testId="roles-section">
      {team('Core team', CORE_ROLES)}
      {team('Extended team, as needed', EXTENDED_ROLES)}
    </CardSection>
  );
}
