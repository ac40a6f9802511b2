import { useId, useState, type FormEvent } from 'react';
import {
  MAX_REGULATORY_HOURS,
  type RegulatoryRegime,
} from '../../../shared/contacts-types';
import { errorMessage } from '../transport/call';
import { useContactsMutation, useRegimes } from './contacts-queries';
import { useInPlaceForm } from './in-place-form';
import { fieldProblems, type FieldLabeller } from './input-errors';
import { closeOnEscape, FormProblems } from './form-problems';

const regimeFieldLabel: FieldLabeller = ([field]) =>
  ({ id: 'Regime', label: 'Name', hours: 'Deadline hours' })[field] ?? null;

const NOT_A_NUMBER = 'hours: must be a whole number of hours';

function RegimeForm(props: { regime: RegulatoryRegime; onClose: () => void }) {
  const save = useContactsMutation('comms:set-regime');
  const [label, setLabel] = useState(props.regime.label);
  const [hours, setHours] = useState(String(props.regime.hours));
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const id = useId();
  const message =
    localProblem ?? (save.isError ? errorMessage(save.error) : null);
  const problems = message ? fieldProblems(message, regimeFieldLabel) : [];
  const invalid = (field: string) => problems.some((p) => p.path === field);

  function submit(event: FormEvent) {
    event.preventDefault();
    // An empty or unreadable number box would reach main as NaN or 0.
    const value = hours.trim() === '' ? Number.NaN : Number(hours);
    if (!Number.isFinite(value)) {
      setLocalProblem(NOT_A_NUMBER);
      return;
    }

    setLocalProblem(null);
    save.mutate(
      { id: props.regime.id, label, hours: value },
      { onSuccess: props.onClose },
    );
  }
  return (
    <form
      className="regime-form"
      aria-label={`Edit ${props.regime.label}`}
      noValidate
      onSubmit={submit}
      onKeyDown={closeOnEscape(props.onClose)}
    >
      <label htmlFor={`${id}-label`}>Name</label>
      <input
        id={`${id}-label`}
        aria-invalid={invalid('label')}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <label htmlFor={`${id}-hours`}>Deadline hours</label>
      <input
        id={`${id}-hours`}
        autoFocus
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_REGULATORY_HOURS}
        step={1}
        aria-invalid={invalid('hours')}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
      />
      <button type="submit" disabled={save.isPending}>
        Save deadline
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
      <FormProblems problems={problems} />
    </form>
  );
}

/**
 * How long after awareness each regulator must hear of a data breach. The
 * incident's regulatory clock counts against the first regime listed.
 */
export function RegimesSection() {
  const regimes = useRegimes().data ?? [];
  const form = useInPlaceForm();
  return (
    <section
      className="regimes-section"
      aria-labelledby="regimes-heading"
      data-testid="regimes"
    >
      <h3 id="regimes-heading">Regulatory deadlines</h3>
      {regimes[0] && (
        <p className="muted">
          The data-breach clock counts against {regimes[0].label}.
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>Regime</th>
            <th>Deadline</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {regimes.map((regime) =>
            form.isOpen(regime.id) ? (
              <tr key={regime.id}>
                <td colSpan={3}>
                  <RegimeForm regime={regime} onClose={form.close} />
                </td>
              </tr>
            ) : (
              <tr key={regime.id} data-testid="regime-row">
                <td>{regime.label}</td>
                <td>{regime.hours} hours</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Edit ${regime.label} deadline`}
                    autoFocus={form.takesFocusBack(regime.id)}
                    onClick={() => form.open(regime.id)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
