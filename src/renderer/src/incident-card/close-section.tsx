import { useState } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  RESOLUTIONS,
  RESOLUTION_LABELS,
  type Resolution,
} from '../../../shared/incident-lifecycle';
import type { ResponseRules } from '../../../shared/response-rules';
import { BlockedDialog } from '../command/blocked-dialog';
import { useBlockableCommand } from '../command/use-blockable-command';
import { openRequiredItems } from '../checklist/checklist-rows';
import { Field } from '../incidents/select-field';
import type { ZoneMode } from '../timeline/time-format';
import { cardTime } from './card-format';
import { CardSection } from './card-section';

function CloseForm(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
}) {
  const { state } = props;
  const close = useBlockableCommand('command:close');
  const [resolution, setResolution] = useState<Resolution | ''>('');

  return (
    <div className="inline-form">
      <Field label="Resolution">
        {(id) => (
          <select
            id={id}
            value={resolution}
            onChange={(event) =>
              setResolution(event.target.value as Resolution)
            }
          >
            <option value="" disabled>
              Choose…
            </option>
            {RESOLUTIONS.map((value) => (
              <option key={value} value={value}>
                {RESOLUTION_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        disabled={!resolution || close.pending}
        onClick={() =>
          resolution && close.send({ incidentId: state.incidentId, resolution })
        }
      >
        Close incident
      </button>
      {close.error && !close.blocked && (
        <p className="form-error field-wide" role="alert">
          Not closed: {close.error}
        </p>
      )}
      <BlockedDialog
        open={close.blocked !== null}
        action="Close incident"
        message={close.blocked?.message ?? ''}
        items={openRequiredItems(state.checklist, null)}
        rules={props.rules}
        pending={close.pending}
        error={close.error}
        onOverride={close.override}
        onCancel={close.cancel}
      />
    </div>
  );
}

/** How the incident ended; closing is blocked by open required items. */
export function CloseSection(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
  zoneMode: ZoneMode;
}) {
  const { state } = props;
  return (
    <CardSection title="Closing" testId="resolution-section">
      {state.status === 'closed' ? (
        <p data-testid="resolution">
          Closed
          {state.closedAt && ` ${cardTime(state.closedAt, props.zoneMode)}`}
          {state.resolution && ` as ${RESOLUTION_LABELS[state.resolution]}`}.
        </p>
      ) : (
        <>
          <p className="muted">
            Open. Closing needs a resolution; required checklist items still
            open block it unless you give a reason.
          </p>
          <CloseForm state={state} rules={props.rules} />
        </>
      )}
    </CardSection>
  );
}
