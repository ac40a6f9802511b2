import { EVENT_SEVERITIES } from './event-severities';
import type { SecurityEventFilter } from '../data/query-keys';
import { Field } from '../incidents/select-field';
import { useUiStore } from '../state/ui-store';

const TEXT_FILTERS: {
  key: 'eventType' | 'user' | 'ip';
  label: string;
  placeholder: string;
}[] = [
  { key: 'eventType', label: 'Type', placeholder: 'e.g. failed_login' },
  { key: 'user', label: 'User', placeholder: 'user id' },
  { key: 'ip', label: 'IP address', placeholder: 'e.g. 203.0.113.7' },
];

export function isFiltered(filter: SecurityEventFilter): boolean {
  return Object.values(filter).some((value) => value.trim() !== '');
}

/** Type, severity, user and IP; the type matches as a part of the name. */
export function EventFilters() {
  const filter = useUiStore((state) => state.eventFilter);
  const setFilter = useUiStore((state) => state.setEventFilter);
  return (
    <div className="event-filters" role="group" aria-label="Filter events">
      {TEXT_FILTERS.map((item) => (
        <Field key={item.key} label={item.label}>
          {(id) => (
            <input
              id={id}
              type="search"
              value={filter[item.key]}
              placeholder={item.placeholder}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) =>
                setFilter({ [item.key]: event.target.value })
              }
            />
          )}
        </Field>
      ))}
      <Field label="Severity">
        {(id) => (
          <select
            id={id}
            value={filter.severity}
            onChange={(event) =>
              setFilter({
                severity: event.target.value as SecurityEventFilter['severity'],
              })
            }
          >
            <option value="">Any</option>
            {EVENT_SEVERITIES.map((severity) => (
              <option key={severity.value} value={severity.value}>
                {severity.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isFiltered(filter) && (
        <button
          type="button"
          className="button-quiet"
          onClick={() =>
            setFilter({ eventType: '', severity: '', user: '', ip: '' })
          }
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
