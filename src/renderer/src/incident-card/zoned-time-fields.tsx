import { zonedDetectedAt } from '../incidents/new-incident-form';
import { Field } from '../incidents/select-field';
import { currentLocalOffset } from '../timeline/time-format';

export type ZonedTimeDraft = {
  /** `datetime-local` text, without a zone. */
  local: string;
  zone: string;
};

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** This device's time now, as a draft to edit; entered times keep a zone. */
export function zonedTimeNow(nowMillis = Date.now()): ZonedTimeDraft {
  const now = new Date(nowMillis);
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return {
    local: `${date}T${time}`,
    zone: currentLocalOffset(undefined, nowMillis),
  };
}

/** `2026-12-03T09:15` + `+01:00` → `2026-12-03T09:15:00+01:00`. */
export function zonedTimeText(draft: ZonedTimeDraft): string {
  return zonedDetectedAt(draft.local, draft.zone);
}

/** A time and the UTC offset it was read in, entered as two fields. */
export function ZonedTimeFields(props: {
  label: string;
  value: ZonedTimeDraft;
  onChange: (value: ZonedTimeDraft) => void;
  autoFocus?: boolean;
}) {
  const { value, onChange } = props;
  return (
    <>
      <Field label={props.label}>
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            step={1}
            autoFocus={props.autoFocus}
            value={value.local}
            onChange={(event) =>
              onChange({ ...value, local: event.target.value })
            }
          />
        )}
      </Field>
      <Field label="Zone offset" className="field-zone">
        {(id) => (
          <input
            id={id}
            value={value.zone}
            placeholder="Z or +01:00"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) =>
              onChange({ ...value, zone: event.target.value })
            }
          />
        )}
      </Field>
    </>
  );
}
