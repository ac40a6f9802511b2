import type { ChecklistItem } from '../../../shared/incident-command-types';
import type { ResponseRules } from '../../../shared/response-rules';
import { phaseRule } from '../../../shared/response-rules';
import { ReasonDialog } from './reason-dialog';

function BlockingItems(props: {
  items: readonly ChecklistItem[];
  rules: ResponseRules;
}) {
  return (
    <ul className="blocking-items" data-testid="blocking-items">
      {props.items.map((item) => (
        <li key={item.id}>
          <span className="muted">
            {phaseRule(props.rules, item.phase).label}:
          </span>{' '}
          {item.title}
        </li>
      ))}
    </ul>
  );
}

/**
 * Main refused because required checklist items are open. Shows them and
 * lets the commander go on anyway with a reason, which is journaled with
 * the items that were still open.
 */
export function BlockedDialog(props: {
  open: boolean;
  /** What was refused, e.g. `Advance to Containment`. */
  action: string;
  /** Main's message: the authority if the list below is out of date. */
  message: string;
  items: readonly ChecklistItem[];
  rules: ResponseRules;
  pending: boolean;
  error: string | null;
  onOverride: (reason: string) => void;
  onCancel: () => void;
}) {
  return (
    <ReasonDialog
      open={props.open}
      title="Required items are still open"
      label="Reason to go on anyway"
      confirmLabel={`${props.action} anyway`}
      pending={props.pending}
      error={props.error}
      testId="blocked-dialog"
      onConfirm={props.onOverride}
      onCancel={props.onCancel}
    >
      <p>
        {props.action} is blocked until these required items are done or skipped
        with a reason:
      </p>
      {props.items.length > 0 ? (
        <BlockingItems items={props.items} rules={props.rules} />
      ) : (
        <p className="muted">{props.message}</p>
      )}
      <p className="muted hint">
        Going on records your reason and the open items in the journal.
      </p>
    </ReasonDialog>
  );
}
