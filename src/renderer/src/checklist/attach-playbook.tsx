import { useId, useState } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  useCommandChange,
  usePlaybookCatalogue,
} from '../data/command-queries';
import { errorMessage } from '../transport/call';

/**
 * Attaches a playbook the incident did not get by its category: the
 * commander knows more than the classification says.
 */
export function AttachPlaybook(props: { state: IncidentCommandState }) {
  const { state } = props;
  const catalogue = usePlaybookCatalogue();
  const attach = useCommandChange('checklist:attach-playbook');
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const attached = new Set(state.playbooks.map((playbook) => playbook.id));
  const available = (catalogue.data?.playbooks ?? []).filter(
    (playbook) => !attached.has(playbook.id),
  );

  function submit() {
    if (!chosen) return;
    attach.mutate(
      { incidentId: state.incidentId, playbookId: chosen },
      { onSuccess: () => setChosen('') },
    );
  }

  return (
    <div className="attach-playbook">
      <label className="field-label" htmlFor={selectId}>
        Attach playbook
      </label>
      <select
        id={selectId}
        value={chosen}
        disabled={available.length === 0 || state.status === 'closed'}
        onChange={(event) => setChosen(event.target.value)}
      >
        <option value="" disabled>
          {available.length === 0 ? 'All attached' : 'Choose…'}
        </option>
        {available.map((playbook) => (
          <option key={playbook.id} value={playbook.id}>
            {playbook.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!chosen || attach.isPending}
        onClick={submit}
      >
        {attach.isPending ? 'Attaching…' : 'Attach'}
      </button>
      {attach.error && (
        <span className="error-message" role="alert">
          Not attached: {errorMessage(attach.error)}
        </span>
      )}
    </div>
  );
}
