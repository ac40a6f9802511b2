import { useId } from 'react';

export type Segment<T extends string> = { value: T; label: string };

/** A row of radio buttons that looks like a switch and acts like radios. */
export function SegmentedControl<T extends string>(props: {
  legend: string;
  value: T;
  segments: Segment<T>[];
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{props.legend}</legend>
      {props.segments.map((segment) => (
        <label key={segment.value} className="segment">
          <input
            type="radio"
            name={name}
            value={segment.value}
            checked={props.value === segment.value}
            onChange={() => props.onChange(segment.value)}
          />
          <span>{segment.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
