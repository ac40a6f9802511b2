import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { SecurityEvent } from '../../../shared/admin-api-types';
import {
  useEventRows,
  useEventTotal,
  type EventRows,
} from '../data/admin-queries';
import type { SecurityEventFilter } from '../data/query-keys';
import { SeverityBadge } from '../incidents/severity-badge';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { errorMessage } from '../transport/call';
import { PinButton } from './pin-button';

/** Every row is one line high; the full description is in its title. */
export const EVENT_ROW_HEIGHT = 32;

const COLUMNS = ['Time', 'Severity', 'Type', 'User', 'IP', 'Description', ''];

function EventRow(props: { event: SecurityEvent; zoneMode: ZoneMode }) {
  const { event } = props;
  const time = formatTimestamp(event.occurredAt, props.zoneMode, {
    precision: 'seconds',
  });
  return (
    <>
      <span role="cell" className="mono">
        {time}
      </span>
      <span role="cell">
        <SeverityBadge severity={event.severity} />
      </span>
      <span role="cell" className="mono" title={event.eventType}>
        {event.eventType}
      </span>
      <span role="cell" className="mono" title={event.userId ?? undefined}>
        {event.userId ?? '—'}
      </span>
      <span role="cell" className="mono">
        {event.ipAddress ?? '—'}
      </span>
      <span role="cell" title={event.description}>
        {event.description}
      </span>
      <span role="cell" className="row-end">
        <PinButton
          source="event"
          id={event.id}
          what={`${event.eventType} at ${time}`}
        />
      </span>
    </>
  );
}

function Rows(props: { items: VirtualItem[]; rows: EventRows }) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  return props.items.map((item) => {
    const event = props.rows.rowAt(item.index);
    return (
      <div
        key={item.key}
        role="row"
        aria-rowindex={item.index + 2}
        className="event-row"
        data-testid={event ? 'event-row' : undefined}
        style={{ transform: `translateY(${item.start}px)` }}
      >
        {event ? (
          <EventRow event={event} zoneMode={zoneMode} />
        ) : props.rows.error ? (
          <span role="cell" className="error-message">
            Not loaded: {errorMessage(props.rows.error)}
          </span>
        ) : (
          <span role="cell" className="muted" aria-busy="true">
            Loading…
          </span>
        )}
      </div>
    );
  });
}

/**
 * The cached events the filter selects, newest first. Only the rows near
 * the viewport are rendered, and only their pages read, so the table
 * costs the same with a hundred cached events or a million.
 */
export function EventsTable(props: { filter: SecurityEventFilter }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { total } = useEventTotal(props.filter);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable instance; nothing here is memoized by the compiler
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => EVENT_ROW_HEIGHT,
    overscan: 10,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const rows = useEventRows(props.filter, {
    first: items[0]?.index ?? 0,
    last: items.at(-1)?.index ?? -1,
  });

  return (
    <div
      className="events-table"
      role="table"
      aria-label="Security events"
      aria-rowcount={(total ?? 0) + 1}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="event-row event-heads">
          {COLUMNS.map((column, index) => (
            <span role="columnheader" key={index}>
              {column || <span className="visually-hidden">Pin</span>}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="events-scroll"
        role="rowgroup"
        tabIndex={0}
        aria-label="Security events, scrollable"
        data-testid="events-scroll"
      >
        <div
          className="events-sizer"
          style={{ height: virtualizer.getTotalSize() }}
        >
          <Rows items={items} rows={rows} />
        </div>
      </div>
    </div>
  );
}
