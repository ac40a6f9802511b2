import { useQueryClient } from '@tanstack/react-query';
import type { VerifyReport } from '../../../shared/journal-types';
import { useChainVerification } from '../data/journal-queries';
import { queryKeys } from '../data/query-keys';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { formatCount } from './format-count';
import { formatTimestamp, toStoredUtc, type ZoneMode } from './time-format';

type ChainState = 'pending' | 'verified' | 'tampered' | 'error';

function verifiedAtText(report: VerifyReport, zoneMode: ZoneMode): string {
  const utc = toStoredUtc(report.verifiedAt);
  if (!utc) return report.verifiedAt;
  return formatTimestamp(utc, zoneMode, { precision: 'seconds' });
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function describe(
  state: ChainState,
  report: VerifyReport | undefined,
  zoneMode: ZoneMode,
) {
  if (state === 'pending' || !report) return { label: 'Verifying chain…' };
  const at = verifiedAtText(report, zoneMode);
  const checked = `${plural(report.entries, 'entry', 'entries')} checked at ${at}`;
  if (state === 'tampered') {
    return {
      label: `Chain broken: ${plural(report.problems.length, 'problem', 'problems')}`,
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
  const queryClient = useQueryClient();

  // Re-reading the timeline too, so that what is shown is what is stored
  // now, not what was fetched before someone changed the file.
  function verifyAgain() {
    void verification.refetch();
    void queryClient.invalidateQueries({
      queryKey: queryKeys.timeline.all(props.incidentId),
    });
  }
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
      onClick={verifyAgain}
    >
      <span className="chain-icon" aria-hidden="true">
        {state === 'verified' ? '✓' : state === 'pending' ? '…' : '!'}
      </span>
      <span aria-live="polite">{label}</span>
    </button>
  );
}
