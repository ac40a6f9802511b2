import type { JournalEntry } from '../../../shared/journal-types';
import { describeEntry } from '../../../shared/journal-types';
import { useEntryHistory } from '../data/journal-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { formatTimestamp } from './time-format';

function payloadText(entry: JournalEntry, key: string): string {
  const value = entry.payload[key];
  return typeof value === 'string' ? value : '';
}

function HistoryItem(props: {
  entry: JournalEntry;
  label: string;
  text: string;
  reason?: string;
}) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  return (
    <li>
      <div className="history-meta">
        <strong>{props.label}</strong>{' '}
        <span className="mono">
          {formatTimestamp(props.entry.recordedAt, zoneMode)}
        </span>{' '}
        by {props.entry.actor}
      </div>
      <div className="history-text">{props.text}</div>
      {props.reason && (
        <div className="history-reason">Reason: {props.reason}</div>
      )}
    </li>
  );
}

/** The original entry and every correction of it, oldest first. */
export function EntryHistory(props: { incidentId: string; entryId: string }) {
  const history = useEntryHistory(props.incidentId, props.entryId, true);

  if (history.isPending) return <p className="muted">Loading history…</p>;
  if (history.error) {
    return (
      <p className="error-message" role="alert">
        Could not load the history: {errorMessage(history.error)}
      </p>
    );
  }
  const { original, amendments } = history.data;
  return (
    <ol className="entry-history" data-testid="entry-history">
      <HistoryItem
        entry={original}
        label="Original"
        text={describeEntry(original.kind, original.payload)}
      />
      {amendments.map((amendment, index) => (
        <HistoryItem
          key={amendment.id}
          entry={amendment}
          label={`Amendment ${index + 1}`}
          text={payloadText(amendment, 'text')}
          reason={payloadText(amendment, 'reason') || undefined}
        />
      ))}
    </ol>
  );
}
