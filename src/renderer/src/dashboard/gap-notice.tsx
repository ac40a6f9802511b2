import type { DashboardSnapshot } from '../../../shared/admin-api-types';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp } from '../timeline/time-format';

/**
 * Said plainly when the last pull may have skipped events: the platform
 * answers with at most its 200 newest and cannot be asked for older ones.
 */
export function GapNotice(props: {
  events: DashboardSnapshot['events'];
  onPullAudit: () => void;
}) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  const gap = props.events.lastGap ?? null;
  const at = (utc: string) =>
    formatTimestamp(utc, zoneMode, { precision: 'seconds' });
  return (
    <div className="gap-notice" role="alert" data-testid="gap-notice">
      <p>
        <strong>Events may be missing.</strong> The platform returns at most its
        200 newest events and cannot be asked for older ones. The last pull
        brought only events War Room had not seen, so some that happened between
        pulls may never have reached it
        {gap && (
          <>
            {' '}
            (between {at(gap.start)} and {at(gap.end)})
          </>
        )}
        . The platform's audit log for that window shows what happened there.
      </p>
      <button type="button" onClick={props.onPullAudit}>
        Pull the audit log for a window…
      </button>
    </div>
  );
}
