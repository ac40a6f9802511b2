import {
  CATEGORY_IDS,
  DETECTION_METHODS,
  DETECTION_METHOD_LABELS,
  INCIDENT_CATEGORIES,
  SEVERITIES,
  SEVERITY_LABELS,
  type DetectionMethod,
  type IncidentCategory,
  type Severity,
} from '../../../shared/incident-taxonomy';
import { currentLocalOffset } from '../timeline/time-format';
import { Field, SelectField } from './select-field';

export type IncidentDraft = {
  title: string;
  severity: Severity | '';
  category: IncidentCategory | '';
  subtype: string;
  description: string;
  /** `datetime-local` text, without a zone. */
  detectedAt: string;
  detectedZone: string;
  detectionMethod: DetectionMethod | '';
};

export function emptyIncidentDraft(): IncidentDraft {
  return {
    title: '',
    severity: '',
    category: '',
    subtype: '',
    description: '',
    detectedAt: '',
    detectedZone: currentLocalOffset(),
    detectionMethod: '',
  };
}

const severityOptions = SEVERITIES.map((value) => ({
  value,
  label: SEVERITY_LABELS[value],
}));
const categoryOptions = CATEGORY_IDS.map((value) => ({
  value,
  label: INCIDENT_CATEGORIES[value].label,
}));
const methodOptions = DETECTION_METHODS.map((value) => ({
  value,
  label: DETECTION_METHOD_LABELS[value],
}));

function subtypeOptions(category: IncidentCategory | '') {
  if (!category) return [];
  const subtypes = INCIDENT_CATEGORIES[category].subtypes;
  return Object.entries(subtypes).map(([value, label]) => ({ value, label }));
}

type FieldsProps = {
  draft: IncidentDraft;
  update: (changes: Partial<IncidentDraft>) => void;
};

function ClassificationFields({ draft, update }: FieldsProps) {
  return (
    <>
      <SelectField
        label="Severity"
        value={draft.severity}
        options={severityOptions}
        emptyLabel="Choose…"
        emptySelectable={false}
        onChange={(value) => update({ severity: value as Severity })}
      />
      <SelectField
        label="Category"
        value={draft.category}
        options={categoryOptions}
        emptyLabel="Choose…"
        emptySelectable={false}
        onChange={(value) =>
          update({ category: value as IncidentCategory, subtype: '' })
        }
      />
      <SelectField
        label="Subtype"
        value={draft.subtype}
        options={subtypeOptions(draft.category)}
        emptyLabel={draft.category ? 'Not set' : 'Choose a category first'}
        emptySelectable
        disabled={!draft.category}
        onChange={(value) => update({ subtype: value })}
      />
    </>
  );
}

function DetectionFields({ draft, update }: FieldsProps) {
  return (
    <>
      <SelectField
        label="Detection method"
        value={draft.detectionMethod}
        options={methodOptions}
        emptyLabel="Not recorded"
        emptySelectable
        onChange={(value) =>
          update({ detectionMethod: value as DetectionMethod })
        }
      />
      <Field label="Detected at (optional)">
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            step={1}
            value={draft.detectedAt}
            onChange={(event) => update({ detectedAt: event.target.value })}
          />
        )}
      </Field>
      <Field label="Zone offset">
        {(id) => (
          <input
            id={id}
            value={draft.detectedZone}
            placeholder="Z or +01:00"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => update({ detectedZone: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

export function NewIncidentFields({ draft, update }: FieldsProps) {
  return (
    <div className="form-grid">
      <div className="field field-wide">
        <label className="field-label" htmlFor="new-incident-title">
          Title
        </label>
        <input
          id="new-incident-title"
          value={draft.title}
          autoComplete="off"
          onChange={(event) => update({ title: event.target.value })}
        />
      </div>
      <ClassificationFields draft={draft} update={update} />
      <DetectionFields draft={draft} update={update} />
      <Field label="Description" className="field-wide">
        {(id) => (
          <textarea
            id={id}
            rows={3}
            value={draft.description}
            onChange={(event) => update({ description: event.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
