import type { VerifyReport } from '../../../shared/journal-types';
import { useChainVerification } from '../data/journal-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { formatTimestamp, toStoredUtc, type ZoneMode } from './time-format';

type ChainState = 'pending' | 'verified' | 'tampered' | 'error';

function verifiedAtText(report: VerifyReport, zoneMode: ZoneMode): string {
  const utc = toStoredUtc(report.verifiedAt);
  if (!utc) return report.verifiedAt;
  return formatTimestamp(utc, zoneMode, { precision: 'seconds' });
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString()} ${word}${count === 1 ? '' : 's'}`;
}

function describe(
  state: ChainState,
  report: VerifyReport | undefined,
  zoneMode: ZoneMode,
) {
  if (state === 'pending' || !report) return { label: 'Verifying chain…' };
  const at = verifiedAtText(report, zoneMode);
  const checked = `${plural(report.entries, 'entry')} checked at ${at}`;
  if (state === 'tampered') {
    return {
      label: `Chain broken: ${plural(report.problems.length, 'problem')}`,
      detail: `${checked}. Click to verify again.`,
    };
  }
  return {
    label: `Chain verified ${at}`,
    detail: `${checked}. Click to verify again.`,
  };
}

/**
 * Whether the incident's journal still hashes end to end, and when that was
 * last checked. Re-checked after every append (by invalidation) and on
 * click.
 */
export function ChainStatus(props: { incidentId: string }) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  const verification = useChainVerification(props.incidentId);
  const report = verification.data;

  let state: ChainState = 'pending';
  if (verification.error) state = 'error';
  else if (report) state = report.ok ? 'verified' : 'tampered';

  const { label, detail } =
    state === 'error'
      ? {
          label: 'Chain not verified',
          detail: errorMessage(verification.error),
        }
      : describe(state, report, zoneMode);

  return (
    <button
      type="button"
      className={`chain-status chain-${state}`}
      data-testid="chain-status"
      data-state={state}
      aria-busy={verification.isFetching}
      title={detail}
      onClick={() => void verification.refetch()}
    >
      <span className="chain-icon" aria-hidden="true">
        {state === 'verified' ? '✓' : state === 'pending' ? '…' : '!'}
      </span>
      <span aria-live="polite">{label}</span>
    </button>
  );
}
