import type { KeyboardEvent } from 'react';
import {
  CUSTODY_ACTION_LABELS,
  type EvidenceItem,
} from '../../../shared/evidence-types';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { CopyHashButton } from './copy-hash-button';
import {
  formatBytes,
  formatExactBytes,
  hasIntegrityProblem,
  typeLabel,
} from './evidence-format';
import { IntegrityBadge } from './integrity-views';

type RowProps = {
  item: EvidenceItem;
  selected: boolean;
  /** The one row whose buttons are in the tab order. */
  tabbable: boolean;
  zoneMode: ZoneMode;
  onSelect: (evidenceId: string) => void;
};

function NameCell(props: RowProps) {
  const { item } = props;
  return (
    <td className="evidence-name-cell">
      <button
        type="button"
        className="link-button evidence-name"
        tabIndex={props.tabbable ? 0 : -1}
        onClick={() => props.onSelect(item.id)}
      >
        {item.name}
      </button>
      <span className="cell-sub">{typeLabel(item.type)}</span>
    </td>
  );
}

function AcquiredCell(props: { item: EvidenceItem; zoneMode: ZoneMode }) {
  const { item } = props;
  return (
    <td>
      <span className="mono cell-time">
        {formatTimestamp(item.acquiredAt, props.zoneMode, {
          precision: 'seconds',
        })}
      </span>
      <span className="cell-sub">by {item.acquiredBy}</span>
    </td>
  );
}

function CustodyCell(props: { item: EvidenceItem }) {
  const { item } = props;
  return (
    <td className="custody-cell">
      {CUSTODY_ACTION_LABELS[item.custodyState]}
      {item.custodian && (
        <span className="cell-sub">held by {item.custodian}</span>
      )}
    </td>
  );
}

function EvidenceRow(props: RowProps) {
  const { item } = props;
  const problem = hasIntegrityProblem(item);
  return (
    <tr
      className={`evidence-row${problem ? ' has-problem' : ''}`}
      data-testid="evidence-row"
      data-evidence-id={item.id}
      aria-current={props.selected ? 'true' : undefined}
      onClick={() => props.onSelect(item.id)}
    >
      <NameCell {...props} />
      <td className="numeric" title={formatExactBytes(item.size)}>
        {formatBytes(item.size)}
      </td>
      <td>
        <CopyHashButton
          hash={item.hashes.sha256}
          algorithm="SHA-256"
          of={item.name}
          short
          tabIndex={props.tabbable ? 0 : -1}
        />
      </td>
      <AcquiredCell item={item} zoneMode={props.zoneMode} />
      <CustodyCell item={item} />
      <td>
        <IntegrityBadge integrity={item.integrity} />
      </td>
    </tr>
  );
}

const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, last) => last,
};

/**
 * The incident's evidence, oldest first. Only the selected row's buttons
 * are in the tab order; ↑/↓, Home and End move the selection. Hundreds of
 * rows render without windowing.
 */
export function EvidenceList(props: {
  items: EvidenceItem[];
  selectedId: string | null;
  zoneMode: ZoneMode;
  onSelect: (evidenceId: string) => void;
}) {
  const { items } = props;
  const selectedIndex = items.findIndex((item) => item.id === props.selectedId);

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const move = MOVES[event.key];
    if (!move || items.length === 0) return;
    event.preventDefault();
    const next = items[move(Math.max(selectedIndex, 0), items.length - 1)];
    props.onSelect(next.id);
    const row = event.currentTarget.querySelector<HTMLElement>(
      `[data-evidence-id="${next.id}"] .evidence-name`,
    );
    row?.focus();
  }

  return (
    <table className="evidence-table" aria-label="Evidence items">
      <thead>
        <tr>
          <th scope="col">Name and type</th>
          <th scope="col" className="numeric">
            Size
          </th>
          <th scope="col">SHA-256</th>
          <th scope="col">Acquired</th>
          <th scope="col">Custody</th>
          <th scope="col">Integrity</th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {items.map((item, index) => (
          <EvidenceRow
            key={item.id}
            item={item}
            selected={index === selectedIndex}
            tabbable={index === Math.max(selectedIndex, 0)}
            zoneMode={props.zoneMode}
            onSelect={props.onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}
