import {
  CUSTODY_ACTION_LABELS,
  type CustodyEvent,
  type CustodyPerson,
} from '../../../shared/evidence-types';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';

function personText(person: CustodyPerson): string {
  const role = person.role ? ` (${person.role})` : '';
  const contact = person.contact ? ` · ${person.contact}` : '';
  return `${person.name}${role}${contact}`;
}

/** The facts of one event that were given; empty ones are left out. */
function eventFacts(event: CustodyEvent): [string, string][] {
  const facts: [string, string][] = [
    ['Handler', personText(event.handler)],
    ['Recipient', event.recipient ? personText(event.recipient) : ''],
    ['Location', event.location],
    ['Stored in', event.storageLocation],
    ['Tool', event.tool],
    ['Purpose', event.purpose],
    ['Notes', event.notes],
    ['Recorded by', event.recordedBy],
  ];
  return facts.filter(([, value]) => value.trim() !== '');
}

function EventTime(props: { event: CustodyEvent; zoneMode: ZoneMode }) {
  const { event } = props;
  const shown = formatTimestamp(event.occurredAt, props.zoneMode, {
    precision: 'seconds',
  });
  const givenElsewhere =
    props.zoneMode === 'utc' && event.occurredOffset !== '+00:00';
  return (
    <span className="custody-time">
      <time className="mono" dateTime={event.occurredAt}>
        {shown}
      </time>
      {givenElsewhere && (
        <span className="muted"> (given in {event.occurredOffset})</span>
      )}
    </span>
  );
}

/** Every custody event of an item, oldest first, as the journal holds it. */
export function CustodyHistory(props: {
  events: CustodyEvent[];
  zoneMode: ZoneMode;
}) {
  return (
    <ol className="custody-history" data-testid="custody-history">
      {props.events.map((event) => (
        <li
          key={event.entryId}
          className={`custody-event custody-${event.action}`}
          data-testid="custody-event"
          data-action={event.action}
        >
          <div className="custody-event-head">
            <span className="custody-action">
              {CUSTODY_ACTION_LABELS[event.action]}
            </span>
            <EventTime event={event} zoneMode={props.zoneMode} />
          </div>
          <dl className="custody-facts">
            {eventFacts(event).map(([label, value]) => (
              <div key={label} className="custody-fact">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
