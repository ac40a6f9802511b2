import { useState } from 'react';
import type { ActionKind } from '../../../shared/outbox-types';
import { useCommandState } from '../data/command-queries';
import {
  useControlsOverview,
  useOutboxActions,
} from '../data/controls-queries';
import { CardSection } from '../incident-card/card-section';
import { errorMessage } from '../transport/call';
import { ActionDialog, type DialogMode } from './action-dialog';
import type { FieldValues } from './action-fields';
import { ActionList } from './action-list';
import { PlatformStateSection } from './platform-state-section';
import { QueueTable } from './queue-table';
import { TwoPersonSettings } from './two-person-settings';
import './controls.css';

type OpenDialog = {
  kind: ActionKind;
  mode: DialogMode;
  initialValues?: FieldValues;
} | null;

/**
 * Emergency actions against the platform for one incident: what the
 * server offers, the guard-railed forms, the outbox's queue, and what
 * the platform holds now, to pick a target from.
 */
export function ControlsPane(props: { incidentId: string }) {
  const overview = useControlsOverview(props.incidentId);
  const actions = useOutboxActions(props.incidentId);
  const command = useCommandState(props.incidentId);
  const [open, setOpen] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const availability = overview.data?.availability ?? [];
  const chosen = availability.find((item) => item.kind === open?.kind);
  const failure = overview.error ?? actions.error;
  const labels = new Map(availability.map((item) => [item.kind, item.label]));

  return (
    <section className="pane" aria-labelledby="controls-heading">
      <div className="pane-header">
        <h1 id="controls-heading">
          Controls
          {command.data && (
            <span className="muted">: {command.data.title}</span>
          )}
        </h1>
        {failure && (
          <span className="error-message" role="alert">
            Could not load the controls: {errorMessage(failure)}
          </span>
        )}
      </div>
      <div className="pane-body controls-pane">
        {notice && (
          <p
            className="controls-notice"
            role="status"
            data-testid="controls-notice"
          >
            {notice}
          </p>
        )}
        <CardSection title="Queue" testId="controls-queue">
          <QueueTable
            incidentId={props.incidentId}
            actions={actions.data ?? []}
            labels={labels}
          />
        </CardSection>
        <CardSection title="Actions" testId="controls-actions">
          <ActionList
            availability={availability}
            onOpen={(kind, mode) => {
              setNotice(null);
              setOpen({ kind, mode });
            }}
          />
        </CardSection>
        <PlatformStateSection
          incidentId={props.incidentId}
          availability={availability}
          onPick={(kind, initialValues) => {
            setNotice(null);
            setOpen({ kind, mode: 'queue', initialValues });
          }}
        />
        {overview.data && (
          <CardSection title="Two-person rule">
            <TwoPersonSettings settings={overview.data.settings} />
          </CardSection>
        )}
      </div>
      {chosen && open && overview.data && (
        <ActionDialog
          key={`${open.kind}:${open.mode}:${JSON.stringify(open.initialValues)}`}
          open
          incidentId={props.incidentId}
          availability={chosen}
          settings={overview.data.settings}
          mode={open.mode}
          initialValues={open.initialValues}
          onDone={(message) => {
            setNotice(message);
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
