import { useId, type ReactNode } from 'react';
import type { CapabilityView } from '../../../shared/admin-api-types';

/** One titled block of the dashboard, its age on the right. */
export function DashboardSection(props: {
  title: string;
  className?: string;
  testId?: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={`dashboard-section ${props.className ?? ''}`}
      aria-labelledby={headingId}
      data-testid={props.testId}
    >
      <div className="dashboard-section-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}

/**
 * Why a part shows nothing, or may not change: the platform does not
 * offer it (with the reason discovery gave), or nothing was fetched yet.
 */
export function PartNotice(props: {
  capability: CapabilityView | undefined;
  fetched: boolean;
}) {
  const { capability } = props;
  if (capability && !capability.available) {
    return (
      <p className="unavailable" data-testid="unavailable">
        Not available: {capability.reason}
      </p>
    );
  }
  if (props.fetched) return null;
  return <p className="muted">Nothing fetched yet.</p>;
}
