import {
  canQueue,
  type ActionAvailability,
} from '../../../shared/outbox-types';
import type { DialogMode } from './action-dialog';

const BLOCK_NOTE =
  'No block capability: the platform only has an IP allowlist, which ' +
  'grants access. Block the address at the firewall or WAF instead.';

function stateText(item: ActionAvailability): string {
  if (item.available) return 'Available';
  return canQueue(item) ? 'Not known yet' : 'Unavailable';
}

function ActionRow(props: {
  item: ActionAvailability;
  onOpen: (kind: ActionAvailability['kind'], mode: DialogMode) => void;
}) {
  const { item } = props;
  const note =
    item.kind === 'address-block' && !item.available ? BLOCK_NOTE : item.reason;
  return (
    <tr
      data-testid="control-action"
      data-kind={item.kind}
      className={item.available ? 'is-available' : 'is-unavailable'}
    >
      <th scope="row">
        {item.label}
        {item.destructive && (
          <span className="controls-tag" title="Reason and typed name needed">
            destructive
          </span>
        )}
      </th>
      <td className="capability-state">{stateText(item)}</td>
      <td>
        {note}
        {item.route && <div className="mono muted">{item.route}</div>}
      </td>
      <td className="controls-buttons">
        {canQueue(item) && (
          <button
            type="button"
            className={item.destructive ? 'button-danger' : undefined}
            onClick={() => props.onOpen(item.kind, 'queue')}
          >
            {`${item.label}…`}
          </button>
        )}
        {!item.available && (
          <button
            type="button"
            onClick={() => props.onOpen(item.kind, 'manual')}
            aria-label={`Record ${item.label} as a manual action`}
          >
            Record as manual action…
          </button>
        )}
      </td>
    </tr>
  );
}

/** Each action, whether the platform offers it, and how to ask for it. */
export function ActionList(props: {
  availability: ActionAvailability[];
  onOpen: (kind: ActionAvailability['kind'], mode: DialogMode) => void;
}) {
  return (
    <table className="card-table controls-actions">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">State</th>
          <th scope="col">Why</th>
          <th scope="col">
            <span className="visually-hidden">Ask</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.availability.map((item) => (
          <ActionRow key={item.kind} item={item} onOpen={props.onOpen} />
        ))}
      </tbody>
    </table>
  );
}
