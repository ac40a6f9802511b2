import { useNow } from '../command/use-now';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp } from '../timeline/time-format';
import { ageOf } from './format-age';

/**
 * When a part of the dashboard was fetched from the platform. While the
 * console is not in contact, it is marked as the last known state, so
 * nobody reads an old count as the present one.
 */
export function FetchedAge(props: {
  fetchedAt: string | null;
  live: boolean;
  /** What the time is of; default "fetched". */
  verb?: string;
}) {
  const now = useNow();
  const zoneMode = useUiStore((state) => state.zoneMode);
  const verb = props.verb ?? 'fetched';
  if (props.fetchedAt === null) {
    return (
      <span className="fetched-age" data-testid="fetched-age">
        never {verb}
      </span>
    );
  }
  const exact = formatTimestamp(props.fetchedAt, zoneMode, {
    precision: 'seconds',
  });
  const age = `${verb} ${ageOf(props.fetchedAt, now)}`;
  return (
    <span
      className={`fetched-age${props.live ? '' : ' is-stale'}`}
      data-testid="fetched-age"
      title={`${verb} at ${exact}`}
    >
      {props.live ? age : `Last known state, not live · ${age}`}
    </span>
  );
}
