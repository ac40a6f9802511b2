import type { TimelineFilter } from '../data/query-keys';
import type { TimelineView } from '../data/timeline-view';
import { errorKind, errorMessage } from '../transport/call';
import { formatCount } from './format-count';

function countText(view: TimelineView, filter: TimelineFilter): string {
  if (view.total === null) return 'Loading entries…';
  const capped = view.totalCap !== null && view.total >= view.totalCap;
  const count = `${formatCount(view.total)}${capped ? '+' : ''}`;
  const one = view.total === 1;
  if (filter.search.trim()) return `${count} ${one ? 'match' : 'matches'}`;
  const filtered = filter.kinds.length > 0 || filter.actors.length > 0;
  return `${count} ${one ? 'entry' : 'entries'}${filtered ? ' (filtered)' : ''}`;
}

/** How many entries are shown, or why none are. */
export function TimelineSummary(props: {
  view: TimelineView;
  filter: TimelineFilter;
}) {
  const { view } = props;
  if (view.error) {
    const syntax = errorKind(view.error) === 'search-syntax';
    return (
      <p
        className="timeline-summary error-message"
        role="alert"
        data-testid={syntax ? 'search-error' : 'timeline-error'}
      >
        {syntax
          ? `The search could not be read: ${errorMessage(view.error)}`
          : `Could not load the timeline: ${errorMessage(view.error)}`}
      </p>
    );
  }
  return (
    <p
      className="timeline-summary"
      data-testid="timeline-count"
      aria-live="polite"
    >
      {countText(view, props.filter)}
      {view.isFetching && view.total !== null && (
        <span className="muted"> · updating</span>
      )}
    </p>
  );
}
