import type {
  IntakeOutcome,
  IntakeProgress,
} from '../../../shared/evidence-types';
import {
  useCancelIntake,
  useDismissIntake,
  useIntakeProgress,
  useIntakes,
  type IntakeRequest,
  type IntakeState,
} from '../data/evidence-queries';
import { errorMessage } from '../transport/call';
import {
  formatBytes,
  formatRate,
  formatSecondsLeft,
  shortHash,
} from './evidence-format';

/** `auth.log, syslog and 3 more`: what an intake is taking in. */
export function intakeLabel(request: IntakeRequest): string {
  const names =
    request.kind === 'files'
      ? request.files.map((file) => file.name)
      : request.kind === 'paths'
        ? request.input.paths
        : [request.input.name];
  const shown = names.slice(0, 2).join(', ');
  const more = names.length - 2;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function ProgressLine(props: { progress: IntakeProgress | undefined }) {
  const { progress } = props;
  if (!progress || progress.bytesTotal === 0) {
    return <span className="muted">Copying and hashing…</span>;
  }
  const { bytesDone, bytesTotal } = progress;
  return (
    <>
      <progress
        max={bytesTotal}
        value={bytesDone}
        aria-label={`Progress of ${progress.name}`}
      />
      <span className="intake-figures" data-testid="intake-progress">
        {progress.name}: {formatBytes(bytesDone)} of {formatBytes(bytesTotal)} ·{' '}
        {formatRate(progress.bytesPerSecond)} ·{' '}
        {formatSecondsLeft(progress.secondsLeft)}
      </span>
    </>
  );
}

function RunningIntake(props: {
  intake: IntakeState;
  progress: IntakeProgress | undefined;
}) {
  const cancel = useCancelIntake();
  const { request } = props.intake;
  return (
    <li className="intake running" data-testid="intake-running" aria-busy>
      <span className="intake-title">Adding {intakeLabel(request)}</span>
      <ProgressLine progress={props.progress} />
      <button
        type="button"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate(request.intakeId)}
      >
        {cancel.isPending ? 'Cancelling…' : 'Cancel'}
      </button>
    </li>
  );
}

function OutcomeText(props: { outcome: IntakeOutcome }) {
  const { outcome } = props;
  if (!outcome.ok) {
    return (
      <>
        <span className="outcome-mark" aria-hidden="true">
          ✗
        </span>{' '}
        Not added: <span className="mono">{outcome.path}</span>:{' '}
        {outcome.message}
      </>
    );
  }
  const { item } = outcome;
  return (
    <>
      <span className="outcome-mark" aria-hidden="true">
        ✓
      </span>{' '}
      Added {item.name}{' '}
      <span className="muted">
        · {formatBytes(item.size)} · SHA-256{' '}
        <span className="mono">{shortHash(item.hashes.sha256)}</span>
        {outcome.deduplicated && ' · same content as an item already held'}
      </span>
    </>
  );
}

function summaryOf(outcomes: IntakeOutcome[]): string {
  const added = outcomes.filter((outcome) => outcome.ok).length;
  const failed = outcomes.length - added;
  const noun = (count: number) => (count === 1 ? 'item' : 'items');
  if (failed === 0) return `Added ${added} ${noun(added)}.`;
  return `Added ${added} ${noun(added)}; ${failed} not added.`;
}

/** One line for a single file; a summary and a line per file otherwise. */
function FinishedText(props: { intake: IntakeState }) {
  const { outcomes, error } = props.intake;
  if (!outcomes) return <>Not added: {errorMessage(error)}</>;
  if (outcomes.length === 1) return <OutcomeText outcome={outcomes[0]} />;
  return (
    <>
      <strong>{summaryOf(outcomes)}</strong>
      <ul className="outcomes">
        {outcomes.map((outcome, index) => (
          <li
            key={index}
            className={outcome.ok ? 'outcome added' : 'outcome failed'}
          >
            <OutcomeText outcome={outcome} />
          </li>
        ))}
      </ul>
    </>
  );
}

function FinishedIntake(props: { intake: IntakeState }) {
  const dismiss = useDismissIntake();
  const { intake } = props;
  const failed =
    intake.status === 'error' ||
    (intake.outcomes ?? []).some((outcome) => !outcome.ok);
  return (
    <li
      className={`intake finished${failed ? ' has-failures' : ''}`}
      data-testid="intake-finished"
      role={failed ? 'alert' : 'status'}
    >
      <div className="intake-text">
        <FinishedText intake={intake} />
      </div>
      <button
        type="button"
        className="button-quiet"
        aria-label={`Dismiss the outcome of adding ${intakeLabel(intake.request)}`}
        onClick={() => dismiss(intake.mutationId)}
      >
        Dismiss
      </button>
    </li>
  );
}

/**
 * Intakes of this incident: those running, with progress and a Cancel
 * button, and the outcome of each finished one, file by file, until
 * dismissed.
 */
export function IntakePanel(props: { incidentId: string }) {
  const intakes = useIntakes(props.incidentId);
  const progress = useIntakeProgress(props.incidentId);
  if (intakes.length === 0) return null;

  return (
    <ul className="intake-panel" aria-label="Evidence being added">
      {intakes.map((intake) =>
        intake.status === 'pending' ? (
          <RunningIntake
            key={intake.mutationId}
            intake={intake}
            progress={progress.get(intake.request.intakeId)}
          />
        ) : (
          <FinishedIntake key={intake.mutationId} intake={intake} />
        ),
      )}
    </ul>
  );
}
