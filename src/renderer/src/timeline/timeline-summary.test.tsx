import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineFilter } from '../data/query-keys';
import type { TimelineView } from '../data/timeline-view';
import { BridgeError } from '../transport/call';
import { TimelineSummary } from './timeline-summary';

const filter: TimelineFilter = {
  order: 'oldest-first',
  kinds: [],
  actors: [],
  search: '',
};

function view(changes: Partial<TimelineView>): TimelineView {
  return {
    total: null,
    totalCap: null,
    rowAt: () => undefined,
    error: null,
    isFetching: false,
    ...changes,
  };
}

describe('TimelineSummary', () => {
  it('explains a search syntax error instead of failing', () => {
    const error = new BridgeError({
      kind: 'search-syntax',
      message: 'the search "\\"open" is not valid search syntax',
    });
    render(<TimelineSummary view={view({ error })} filter={filter} />);

    expect(screen.getByTestId('search-error')).toHaveTextContent(
      'The search could not be read: the search "\\"open" is not valid',
    );
  });

  it('reports other failures as a load error', () => {
    const error = new BridgeError({ kind: 'storage', message: 'disk gone' });
    render(<TimelineSummary view={view({ error })} filter={filter} />);

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the timeline: disk gone',
    );
  });

  it('counts entries, and matches when searching, with the cap shown', () => {
    const { rerender } = render(
      <TimelineSummary view={view({ total: 1_234_567 })} filter={filter} />,
    );
    expect(screen.getByTestId('timeline-count')).toHaveTextContent(
      '1,234,567 entries',
    );

    rerender(
      <TimelineSummary
        view={view({ total: 10_000, totalCap: 10_000 })}
        filter={{ ...filter, search: 'root' }}
      />,
    );
    expect(screen.getByTestId('timeline-count')).toHaveTextContent(
      '10,000+ matches',
    );
  });
});
