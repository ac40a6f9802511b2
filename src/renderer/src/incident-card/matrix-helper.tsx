import { useState } from 'react';
import {
  CIA_DIMENSIONS,
  CIA_DIMENSION_LABELS,
  impactOptions,
  proposeSeverity,
  type CiaDimension,
  type CiaRatings,
  type ImpactLevel,
} from '../../../shared/classification-matrix';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import { SEVERITY_LABELS } from '../../../shared/incident-taxonomy';
import type { ResponseRules } from '../../../shared/response-rules';
import { useCommandChange } from '../data/command-queries';
import { Field } from '../incidents/select-field';
import { SeverityBadge } from '../incidents/severity-badge';
import { errorMessage } from '../transport/call';
import { MatrixOverride } from './matrix-override';

const NO_RATINGS: CiaRatings = {
  confidentiality: 'none',
  integrity: 'none',
  availability: 'none',
};

function RatingSelect(props: {
  dimension: CiaDimension;
  rules: ResponseRules;
  value: ImpactLevel;
  onChange: (level: ImpactLevel) => void;
}) {
  const options = impactOptions(props.rules, props.dimension);
  return (
    <Field label={CIA_DIMENSION_LABELS[props.dimension]}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          onChange={(event) =>
            props.onChange(event.target.value as ImpactLevel)
          }
        >
          {options.map((option) => (
            <option key={option.level} value={option.level}>
              {option.level === 'none'
                ? option.wording
                : `${SEVERITY_LABELS[option.level]}: ${option.wording}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The plan's classification matrix: rate the impact on confidentiality,
 * integrity and availability in the plan's words, and the highest rating
 * proposes the severity. The commander accepts it, or overrides it with a
 * reason; either way the ratings go into the journal with the change.
 */
export function MatrixHelper(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
}) {
  const { state, rules } = props;
  const [ratings, setRatings] = useState<CiaRatings>(NO_RATINGS);
  const change = useCommandChange('command:change-severity');
  const proposal = proposeSeverity(rules, ratings);

  function accept() {
    if (!proposal) return;
    change.mutate({
      incidentId: state.incidentId,
      severity: proposal.severity,
      reason: `Classification matrix proposal accepted. ${proposal.explanation}`,
      impact: ratings,
    });
  }

  return (
    <fieldset className="matrix-helper" data-testid="matrix-helper">
      <legend>Classification matrix</legend>
      <div className="matrix-ratings">
        {CIA_DIMENSIONS.map((dimension) => (
          <RatingSelect
            key={dimension}
            dimension={dimension}
            rules={rules}
            value={ratings[dimension]}
            onChange={(level) =>
              setRatings((current) => ({ ...current, [dimension]: level }))
            }
          />
        ))}
      </div>
      {proposal ? (
        <div className="matrix-proposal" data-testid="matrix-proposal">
          <p>
            Proposed <SeverityBadge severity={proposal.severity} />{' '}
            <span className="muted">{proposal.explanation}</span>
          </p>
          {proposal.severity === state.severity ? (
            <p className="muted">The incident is already at this severity.</p>
          ) : (
            <button
              type="button"
              className="button-primary"
              disabled={change.isPending}
              onClick={accept}
            >
              Accept: make it {SEVERITY_LABELS[proposal.severity]}
            </button>
          )}
          {change.error && (
            <p className="form-error" role="alert">
              Not changed: {errorMessage(change.error)}
            </p>
          )}
          <MatrixOverride state={state} proposal={proposal} ratings={ratings} />
        </div>
      ) : (
        <p className="muted">
          Rate at least one impact to get a proposed severity.
        </p>
      )}
    </fieldset>
  );
}
