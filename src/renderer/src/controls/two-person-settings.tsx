import { useId, useState, type FormEvent } from 'react';
import {
  PASSPHRASE_LIMITS,
  type ControlsSettings,
} from '../../../shared/controls-types';
import {
  useAddSecondPerson,
  useSetTwoPersonRule,
} from '../data/controls-queries';
import { errorMessage } from '../transport/call';
import {
  SecondPersonFields,
  type SecondPersonInput,
} from './action-form-fields';

function AddSecondPersonForm() {
  const add = useAddSecondPerson();
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const nameId = useId();
  const passId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { name: name.trim(), passphrase },
      {
        onSuccess: () => {
          setName('');
          setPassphrase('');
        },
      },
    );
  }

  return (
    <form className="controls-inline-form" onSubmit={submit}>
      <div className="field">
        <label className="field-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          value={name}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={passId}>
          Passphrase (at least {PASSPHRASE_LIMITS.min} characters)
        </label>
        <input
          id={passId}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </div>
      <button type="submit" disabled={add.isPending || !name.trim()}>
        {add.isPending ? 'Adding…' : 'Add second person'}
      </button>
      {add.error && (
        <p className="form-error" role="alert">
          {errorMessage(add.error)}
        </p>
      )}
    </form>
  );
}

/** Turning the rule off needs the second person it protects against. */
function TurnOffForm(props: {
  settings: ControlsSettings;
  onDone: () => void;
}) {
  const setRule = useSetTwoPersonRule();
  const [second, setSecond] = useState<SecondPersonInput>({
    name: '',
    passphrase: '',
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRule.mutate(
      { enabled: false, secondPerson: second },
      { onSuccess: props.onDone },
    );
  }

  return (
    <form className="controls-inline-form" onSubmit={submit}>
      <SecondPersonFields
        people={props.settings.secondPeople}
        value={second}
        onChange={setSecond}
      />
      <button type="submit" disabled={setRule.isPending}>
        Turn the rule off
      </button>
      <button type="button" onClick={props.onDone}>
        Keep it on
      </button>
      {setRule.error && (
        <p className="form-error" role="alert">
          {errorMessage(setRule.error)}
        </p>
      )}
    </form>
  );
}

/**
 * The two-person rule: destructive actions need a second person's
 * passphrase. People are set up in advance; only a hash is kept.
 */
export function TwoPersonSettings(props: { settings: ControlsSettings }) {
  const setRule = useSetTwoPersonRule();
  const [turningOff, setTurningOff] = useState(false);
  const { settings } = props;
  return (
    <div data-testid="two-person-settings">
      <label>
        <input
          type="checkbox"
          checked={settings.twoPersonRule && !turningOff}
          disabled={setRule.isPending}
          onChange={(event) =>
            event.target.checked
              ? setRule.mutate({ enabled: true })
              : setTurningOff(true)
          }
        />{' '}
        Destructive actions need a second person
      </label>
      {setRule.error && (
        <p className="form-error" role="alert">
          {errorMessage(setRule.error)}
        </p>
      )}
      {turningOff && (
        <TurnOffForm settings={settings} onDone={() => setTurningOff(false)} />
      )}
      <p className="muted">
        {settings.secondPeople.length === 0
          ? 'No second person set up.'
          : `Set up: ${settings.secondPeople.map((p) => p.name).join(', ')}`}
      </p>
      <AddSecondPersonForm />
    </div>
  );
}
