import { useId, useState, type FormEvent } from 'react';
import type { Resource } from '../../../shared/contacts-types';
import { errorMessage } from '../transport/call';
import { CopyText, ExternalLink } from './copy-text';
import { useContactsMutation, useResources } from './contacts-queries';
import { useInPlaceForm } from './in-place-form';
import { fieldProblems, type FieldLabeller } from './input-errors';
import { closeOnEscape, FormProblems } from './form-problems';

const RESOURCE_FIELD_LABELS: Record<string, string> = {
  id: 'Identifier',
  label: 'Name',
  target: 'Address',
  group: 'Group',
  notes: 'Notes',
};

const resourceFieldLabel: FieldLabeller = ([field]) =>
  RESOURCE_FIELD_LABELS[field] ?? null;

/**
 * A new resource's id is its name as a slug; saving under an id that is
 * taken would overwrite that resource, so a number is added instead.
 */
export function resourceIdFor(label: string, taken: readonly string[]) {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || 'resource';
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

function ResourceForm(props: {
  resource?: Resource;
  takenIds: string[];
  groups: string[];
  onClose: () => void;
}) {
  const save = useContactsMutation('resources:save');
  const [draft, setDraft] = useState<Omit<Resource, 'id'>>({
    label: props.resource?.label ?? '',
    target: props.resource?.target ?? '',
    group: props.resource?.group ?? '',
    notes: props.resource?.notes ?? '',
  });
  const id = useId();
  const title = props.resource
    ? `Edit ${props.resource.label}`
    : 'Add a resource';
  const problems = save.isError
    ? fieldProblems(errorMessage(save.error), resourceFieldLabel)
    : [];
  const invalid = (field: string) => problems.some((p) => p.path === field);
  const set = (change: Partial<Resource>) => {
    save.reset();
    setDraft((current) => ({ ...current, ...change }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const resourceId =
      props.resource?.id ?? resourceIdFor(draft.label, props.takenIds);
    save.mutate({ id: resourceId, ...draft }, { onSuccess: props.onClose });
  }
  return (
    <form
      className="resource-form"
      aria-label={title}
      onSubmit={submit}
      onKeyDown={closeOnEscape(props.onClose)}
    >
      <div className="contact-form-grid">
        <label htmlFor={`${id}-label`}>Name</label>
        <input
          id={`${id}-label`}
          autoFocus
          aria-required="true"
          aria-invalid={invalid('label')}
          value={draft.label}
          onChange={(e) => set({ label: e.target.value })}
        />
        <label htmlFor={`${id}-target`}>Address</label>
        <input
          id={`${id}-target`}
          aria-required="true"
          aria-invalid={invalid('target')}
          placeholder="https://… or /api/admin/…"
          value={draft.target}
          onChange={(e) => set({ target: e.target.value })}
        />
        <label htmlFor={`${id}-group`}>Group</label>
        <input
          id={`${id}-group`}
          list={`${id}-groups`}
          value={draft.group}
          onChange={(e) => set({ group: e.target.value })}
        />
        <datalist id={`${id}-groups`}>
          {props.groups.map((group) => (
            <option key={group} value={group} />
          ))}
        </datalist>
        <label htmlFor={`${id}-notes`}>Notes</label>
        <input
          id={`${id}-notes`}
          value={draft.notes}
          onChange={(e) => set({ notes: e.target.value })}
        />
      </div>
      <FormProblems problems={problems} />
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {props.resource ? 'Save resource' : 'Add resource'}
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ResourceRow(props: {
  resource: Resource;
  focusEdit: boolean;
  onEdit: () => void;
}) {
  const { resource } = props;
  const remove = useContactsMutation('resources:remove');
  return (
    <tr data-testid="resource-row">
      <td className="muted">{resource.group}</td>
      <td>{resource.label}</td>
      <td>
        <CopyText value={resource.target} label={resource.label} />{' '}
        <ExternalLink href={resource.target}>open</ExternalLink>
      </td>
      <td className="contact-notes">{resource.notes}</td>
      <td>
        <button
          type="button"
          aria-label={`Edit ${resource.label}`}
          autoFocus={props.focusEdit}
          onClick={props.onEdit}
        >
          Edit
        </button>{' '}
        <button
          type="button"
          aria-label={`Remove ${resource.label}`}
          disabled={remove.isPending}
          onClick={() => remove.mutate({ id: resource.id })}
        >
          Remove
        </button>
        {remove.isError && (
          <span role="alert">{errorMessage(remove.error)}</span>
        )}
      </td>
    </tr>
  );
}

/**
 * The organisation's tools and links: added, edited and removed here,
 * each change an entry in the organisation's journal.
 */
export function ResourcesSection() {
  const resources = useResources().data ?? [];
  const openForm = useInPlaceForm();
  const takenIds = resources.map((r) => r.id);
  const groups = [...new Set(resources.map((r) => r.group))].filter(Boolean);
  const form = (resource?: Resource) => (
    <ResourceForm
      resource={resource}
      takenIds={takenIds}
      groups={groups}
      onClose={openForm.close}
    />
  );
  return (
    <section
      className="resource-list"
      aria-labelledby="resources-heading"
      data-testid="resources"
    >
      <h3 id="resources-heading">Tools and resources</h3>
      <table>
        <thead>
          <tr>
            <th>Group</th>
            <th>Name</th>
            <th>Address</th>
            <th>Notes</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {resources.map((resource) =>
            openForm.isOpen(resource.id) ? (
              <tr key={resource.id}>
                <td colSpan={5}>{form(resource)}</td>
              </tr>
            ) : (
              <ResourceRow
                key={resource.id}
                resource={resource}
                focusEdit={openForm.takesFocusBack(resource.id)}
                onEdit={() => openForm.open(resource.id)}
              />
            ),
          )}
        </tbody>
      </table>
      {openForm.isOpen(null) ? (
        form()
      ) : (
        <button
          type="button"
          autoFocus={openForm.takesFocusBack(null)}
          onClick={() => openForm.open(null)}
        >
          Add resource
        </button>
      )}
    </section>
  );
}
