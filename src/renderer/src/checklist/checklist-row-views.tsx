import type { Ref } from 'react';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import type { ItemRow, PhaseRow, PhaseRelation } from './checklist-rows';

type RowProps<R> = {
  row: R;
  active: boolean;
  rowRef: Ref<HTMLDivElement>;
};

const RELATION_LABELS: Record<PhaseRelation, string> = {
  passed: 'Passed',
  current: 'Current phase',
  upcoming: 'Upcoming',
};

function Twisty(props: { row: PhaseRow | ItemRow }) {
  if (!props.row.hasChildren) return <span className="twisty" />;
  return (
    <span className="twisty" aria-hidden="true">
      {props.row.expanded ? '▾' : '▸'}
    </span>
  );
}

function progressText(row: PhaseRow): string {
  const { done, skipped, total, requiredOpen } = row.progress;
  const parts = [`${done}/${total} done`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  if (requiredOpen > 0) parts.push(`${requiredOpen} required open`);
  return parts.join(' · ');
}

export function PhaseRowView({ row, active, rowRef }: RowProps<PhaseRow>) {
  const { done, skipped, total } = row.progress;
  const finished = total === 0 ? 0 : ((done + skipped) / total) * 100;
  const late = row.timing === 'passed' && row.progress.requiredOpen > 0;
  const descriptionId = `${row.key}-progress`;

  return (
    <div
      ref={rowRef}
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-label={`${row.label} phase`}
      aria-describedby={descriptionId}
      tabIndex={active ? 0 : -1}
      className={`checklist-phase phase-${row.relation}`}
      data-row-key={row.key}
      data-testid="checklist-phase"
    >
      <Twisty row={row} />
      <span className="phase-title">{row.label}</span>
      <span className="phase-window mono">{row.window}</span>
      <span className="phase-relation">
        {RELATION_LABELS[row.relation]}
        {row.timing === 'passed' && (
          <span className={late ? 'window-late' : 'muted'}>
            {' '}
            · {late && <span aria-hidden="true">⚠ </span>}window passed
          </span>
        )}
      </span>
      <span
        id={descriptionId}
        className="phase-progress"
        data-testid="phase-progress"
      >
        {progressText(row)}
      </span>
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${finished}%` }} />
      </span>
    </div>
  );
}

const CHECK_MARKS = { open: '', done: '✓', skipped: '–' } as const;

function ItemMeta(props: { row: ItemRow; zoneMode: ZoneMode; id: string }) {
  const { item, overdue, source } = props.row;
  const when = item.updatedAt
    ? formatTimestamp(item.updatedAt, props.zoneMode, { precision: 'seconds' })
    : null;

  return (
    <span id={props.id} className="item-meta">
      {item.required && <span className="tag tag-required">required</span>}
      {overdue && <span className="tag tag-overdue">overdue</span>}
      {source && <span className="tag">{source}</span>}
      {item.adHoc && <span className="tag">added</span>}
      {item.state === 'skipped' && (
        <span className="skip-reason">skipped: {item.reason}</span>
      )}
      {item.state !== 'open' && item.updatedBy && (
        <span className="muted item-updated">
          {item.state === 'done' ? 'done' : 'by'} {item.updatedBy}
          {when && `, ${when}`}
        </span>
      )}
    </span>
  );
}

export function ItemRowView({
  row,
  active,
  rowRef,
  zoneMode,
  onToggleDone,
}: RowProps<ItemRow> & {
  zoneMode: ZoneMode;
  onToggleDone: (row: ItemRow) => void;
}) {
  const { item } = row;
  const metaId = `${row.key}-meta`;

  return (
    <div
      ref={rowRef}
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-checked={item.state === 'done'}
      aria-label={item.title}
      aria-describedby={metaId}
      tabIndex={active ? 0 : -1}
      className={`checklist-item state-${item.state}${row.overdue ? ' is-overdue' : ''}`}
      style={{ paddingLeft: `${(row.level - 1) * 22}px` }}
      data-row-key={row.key}
      data-state={item.state}
      data-testid="checklist-item"
    >
      <Twisty row={row} />
      {/* The keyboard ticks with Space; this is the same for the mouse. */}
      <span
        className="check-box"
        aria-hidden="true"
        onClick={() => onToggleDone(row)}
      >
        {CHECK_MARKS[item.state]}
      </span>
      <span className="item-title">{item.title}</span>
      <ItemMeta row={row} zoneMode={zoneMode} id={metaId} />
    </div>
  );
}
