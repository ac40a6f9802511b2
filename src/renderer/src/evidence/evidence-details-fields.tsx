import {
  EVIDENCE_TYPES,
  EVIDENCE_TYPE_LABELS,
  type EvidenceType,
} from '../../../shared/evidence-types';
import { Field } from '../incidents/select-field';
import { parseTags } from './evidence-format';

/** What is said about a batch of evidence, as typed into a dialog. */
export type DetailsDraft = {
  type: EvidenceType;
  description: string;
  /** Comma-separated, as typed. */
  tags: string;
};

export function detailsDraft(type: EvidenceType): DetailsDraft {
  return { type, description: '', tags: '' };
}

/** The draft as channel input; empty fields are left out. */
export function detailsInput(draft: DetailsDraft) {
  const description = draft.description.trim();
  const tags = parseTags(draft.tags);
  return {
    type: draft.type,
    ...(description && { description }),
    ...(tags.length > 0 && { tags }),
  };
}

/** Type, description and tags: the same three fields in every add dialog. */
export function EvidenceDetailsFields(props: {
  draft: DetailsDraft;
  onChange: (changes: Partial<DetailsDraft>) => void;
}) {
  const { draft, onChange } = props;
  return (
    <>
      <Field label="Type">
        {(id) => (
          <select
            id={id}
            value={draft.type}
            onChange={(event) =>
              onChange({ type: event.target.value as EvidenceType })
            }
          >
            {EVIDENCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {EVIDENCE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Tags (comma-separated)" className="field-span-2">
        {(id) => (
          <input
            id={id}
            value={draft.tags}
            autoComplete="off"
            placeholder="e.g. bastion, ssh"
            onChange={(event) => onChange({ tags: event.target.value })}
          />
        )}
      </Field>
      <Field label="Description" className="field-wide">
        {(id) => (
          <textarea
            id={id}
            rows={2}
            value={draft.description}
            maxLength={2_000}
            placeholder="What it is, where it came from, why it matters"
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
