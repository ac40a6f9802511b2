import { useState } from 'react';
import type { TimelineRow } from '../../../shared/journal-types';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import { useEntryReveal } from './entry-reveal';
import {
  locateEntryPosition,
  useCachedEntryPosition,
  type ReadRows,
} from './entry-position';

function useReadRows(incidentId: string): ReadRows {
  const bridge = useBridge();
  return async (offset, limit) => {
    const page = await call(bridge, 'timeline:page', {
      incidentId,
      order: 'oldest-first',
      offset,
      limit,
    });
    return page.rows;
  };
}

type Lookup = 'idle' | 'finding' | 'not-found' | 'failed';

/**
 * The number of the entry an amendment corrects, shown in the amendment's
 * row, which goes to that entry when clicked. The number comes from the
 * pages already fetched; when none holds the entry, the reference reads
 * `#?` and a click finds it first.
 */
export function AmendTarget(props: {
  amendment: TimelineRow;
  targetId: string;
  incidentId: string;
}) {
  const { amendment, targetId } = props;
  const cached = useCachedEntryPosition(props.incidentId, targetId);
  const [found, setFound] = useState<number | null>(null);
  const [lookup, setLookup] = useState<Lookup>('idle');
  const readRows = useReadRows(props.incidentId);
  const entryReveal = useEntryReveal();
  const position = cached ?? found;

  async function go() {
    let target = position;
    if (target === null) {
      setLookup('finding');
      try {
        target = await locateEntryPosition(
          readRows,
          targetId,
          amendment.position,
        );
      } catch {
        setLookup('failed');
        return;
      }
      setLookup(target === null ? 'not-found' : 'idle');
      setFound(target);
    }
    if (target !== null && entryReveal.enabled) {
      entryReveal.reveal({ id: targetId, position: target });
    }
  }

  if (position !== null && !entryReveal.enabled) {
    return (
      <span
        className="amend-target"
        data-testid="amend-target"
        title={`Corrects entry ${position}; show all entries to go to it`}
      >
        #{position}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="amend-target"
      data-testid="amend-target"
      aria-label={targetLabel(position, lookup)}
      title={targetLabel(position, lookup)}
      disabled={lookup === 'finding'}
      onClick={() => void go()}
    >
      {position === null ? '#?' : `#${position}`}
    </button>
  );
}

function targetLabel(position: number | null, lookup: Lookup): string {
  if (position !== null) return `Go to entry ${position}, which this corrects`;
  if (lookup === 'finding') return 'Finding the entry this corrects…';
  if (lookup === 'not-found') {
    return 'The entry this corrects was not found; click to look again';
  }
  if (lookup === 'failed') {
    return 'Could not look up the entry this corrects; click to try again';
  }
  return 'Find the entry this corrects and go to it';
}
