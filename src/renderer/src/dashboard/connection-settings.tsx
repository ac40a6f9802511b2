import { useId, useState, type FormEvent } from 'react';
import type { AdminStatus } from '../../../shared/admin-api-types';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { useConfigureAdmin } from '../data/admin-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { CONNECTION_LABELS } from './dashboard-labels';

const TOKEN_HINTS: Record<AdminStatus['tokenSource'], string> = {
  environment:
    'A token is set in War Room’s environment. Leave this empty to keep it.',
  keychain:
    'A token is kept in the system keychain. Leave this empty to keep it.',
  session: 'A token is set for this session. Leave this empty to keep it.',
  none: 'War Room keeps the token (the system keychain on the desktop, memory in serve mode) and never shows it again.',
};

type Draft = { baseUrl: string; token: string; budget: string };

/** The channel's input, or what is wrong with the draft. */
export function configureInput(
  draft: Draft,
  tokenSource: AdminStatus['tokenSource'],
): ChannelInput<'admin:configure'> | string {
  const baseUrl = draft.baseUrl.trim();
  const budget = Number(draft.budget);
  if (!baseUrl) return 'Enter the platform’s address.';
  if (!draft.token && tokenSource === 'none') {
    return 'Enter a token: the platform refuses requests without one.';
  }
  if (!Number.isInteger(budget) || budget < 1 || budget > 600) {
    return 'Requests per minute must be a whole number from 1 to 600.';
  }
  return {
    baseUrl,
    ...(draft.token && { token: draft.token }),
    pollBudgetPerMinute: budget,
  };
}

function SettingsFields(props: {
  draft: Draft;
  tokenSource: AdminStatus['tokenSource'];
  hintId: string;
  onChange: (changes: Partial<Draft>) => void;
}) {
  const { draft, onChange } = props;
  return (
    <>
      <Field label="Platform address" className="field-grow">
        {(id) => (
          <input
            id={id}
            type="url"
            value={draft.baseUrl}
            placeholder="https://admin.example.com"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChange({ baseUrl: event.target.value })}
          />
        )}
      </Field>
      <Field label="Admin token" className="field-grow">
        {(id) => (
          <input
            id={id}
            type="password"
            value={draft.token}
            placeholder={props.tokenSource === 'none' ? '' : 'unchanged'}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={props.hintId}
            onChange={(event) => onChange({ token: event.target.value })}
          />
        )}
      </Field>
      <Field label="Requests per minute" className="field-budget">
        {(id) => (
          <input
            id={id}
            type="number"
            min={1}
            max={600}
            value={draft.budget}
            onChange={(event) => onChange({ budget: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

/** What became of the last attempt: refused here, by main, or saved. */
function SettingsOutcome(props: {
  problem: string | null;
  configure: ReturnType<typeof useConfigureAdmin>;
}) {
  const { configure } = props;
  if (props.problem) {
    return (
      <p className="form-error field-wide" role="alert">
        {props.problem}
      </p>
    );
  }
  if (configure.error) {
    return (
      <p className="form-error field-wide" role="alert">
        Not saved: {errorMessage(configure.error)}
      </p>
    );
  }
  if (!configure.data || configure.isPending) return null;
  const state = CONNECTION_LABELS[configure.data.connection];
  return (
    <p className="field-wide" role="status">
      {`Saved. The admin API is ${state}.`}
    </p>
  );
}

/**
 * Where the platform's admin API is and the token to use. The token
 * field starts empty every time and is emptied once sent: main keeps the
 * token and never sends it back.
 */
export function ConnectionSettings(props: { status: AdminStatus }) {
  const { status } = props;
  const configure = useConfigureAdmin();
  const [draft, setDraft] = useState<Draft>({
    baseUrl: status.baseUrl ?? '',
    token: '',
    budget: String(status.pollBudgetPerMinute),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const hintId = useId();
  const change = (changes: Partial<Draft>) =>
    setDraft((current) => ({ ...current, ...changes }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = configureInput(draft, status.tokenSource);
    setProblem(typeof input === 'string' ? input : null);
    if (typeof input === 'string') return;
    configure.mutate(input, { onSuccess: () => change({ token: '' }) });
  }

  return (
    <form
      className="connection-settings"
      aria-label="Admin API connection"
      data-testid="connection-settings"
      onSubmit={submit}
    >
      <SettingsFields
        draft={draft}
        tokenSource={status.tokenSource}
        hintId={hintId}
        onChange={change}
      />
      <button
        type="submit"
        className="button-primary"
        disabled={configure.isPending}
      >
        {configure.isPending ? 'Connecting…' : 'Save and connect'}
      </button>
      <p id={hintId} className="muted hint field-wide" data-testid="token-hint">
        {TOKEN_HINTS[status.tokenSource]} The platform allows 60 requests a
        minute per address, shared by everyone behind the same NAT.
      </p>
      <SettingsOutcome problem={problem} configure={configure} />
    </form>
  );
}
