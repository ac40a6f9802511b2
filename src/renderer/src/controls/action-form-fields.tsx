import { useId } from 'react';
import type {
  AddressCheck,
  SecondPerson,
} from '../../../shared/controls-types';
import { useAddressCheck } from '../data/controls-queries';
import { errorMessage } from '../transport/call';
import type { FieldSpec, FieldValues } from './action-fields';

export function SpecField(props: {
  spec: FieldSpec;
  values: FieldValues;
  onChange: (name: string, value: string | boolean) => void;
}) {
  const id = useId();
  const { spec } = props;
  const value = props.values[spec.name];
  if (spec.type === 'checkbox') {
    return (
      <div className="field field-wide">
        <label>
          <input
            type="checkbox"
            checked={value === true}
            onChange={(event) =>
              props.onChange(spec.name, event.target.checked)
            }
          />{' '}
          {spec.label}
        </label>
      </div>
    );
  }
  const common = {
    id,
    value: typeof value === 'string' ? value : '',
    required: spec.required,
    maxLength: spec.maxLength,
    'aria-describedby': spec.hint ? `${id}-hint` : undefined,
    onChange: (event: { target: { value: string } }) =>
      props.onChange(spec.name, event.target.value),
  };
  return (
    <div className="field field-wide">
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      {spec.type === 'textarea' ? (
        <textarea rows={2} {...common} />
      ) : (
        <input
          type={spec.type === 'number' ? 'number' : 'text'}
          autoComplete="off"
          {...common}
        />
      )}
      {spec.hint && (
        <span id={`${id}-hint`} className="muted hint">
          {spec.hint}
        </span>
      )}
    </div>
  );
}

function WarningList(props: { check: AddressCheck }) {
  if (props.check.warnings.length === 0) {
    return (
      <p className="muted" data-testid="address-ok">
        Reads as {props.check.normalised}.
      </p>
    );
  }
  return (
    <ul className="controls-warnings" data-testid="address-warnings">
      {props.check.warnings.map((warning) => (
        <li key={warning.kind}>
          ⚠ {props.check.normalised}: {warning.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * Main's reading of the typed address: refused outright (a /0, host
 * bits), or with warnings the commander must accept before sending.
 */
export function AddressFeedback(props: {
  address: string;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
}) {
  const check = useAddressCheck(props.address);
  if (!props.address.trim()) return null;
  if (check.error) {
    return (
      <p className="form-error field-wide" data-testid="address-refused">
        {errorMessage(check.error)}
      </p>
    );
  }
  if (!check.data) return null;
  return (
    <div className="field-wide">
      <WarningList check={check.data} />
      {check.data.warnings.length > 0 && (
        <label>
          <input
            type="checkbox"
            checked={props.accepted}
            onChange={(event) => props.onAccept(event.target.checked)}
          />{' '}
          I have read the warnings and go on
        </label>
      )}
    </div>
  );
}

export function ConfirmationField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field field-wide">
      <label className="field-label" htmlFor={id}>
        Type <strong className="mono">{props.label}</strong> to confirm
      </label>
      <input
        id={id}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

export type SecondPersonInput = { name: string; passphrase: string };

export function SecondPersonFields(props: {
  people: SecondPerson[];
  value: SecondPersonInput;
  onChange: (value: SecondPersonInput) => void;
}) {
  const nameId = useId();
  const passId = useId();
  if (props.people.length === 0) {
    return (
      <p className="form-error field-wide">
        The two-person rule is on but no second person is set up; add one under
        Two-person rule first.
      </p>
    );
  }
  return (
    <fieldset className="field-wide controls-second-person">
      <legend>Second person (two-person rule)</legend>
      <div className="field">
        <label className="field-label" htmlFor={nameId}>
          Second person
        </label>
        <select
          id={nameId}
          value={props.value.name}
          onChange={(event) =>
            props.onChange({ ...props.value, name: event.target.value })
          }
        >
          <option value="">Choose…</option>
          {props.people.map((person) => (
            <option key={person.name} value={person.name}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={passId}>
          Their passphrase
        </label>
        <input
          id={passId}
          type="password"
          autoComplete="off"
          value={props.value.passphrase}
          onChange={(event) =>
            props.onChange({ ...props.value, passphrase: event.target.value })
          }
        />
      </div>
    </fieldset>
  );
}
