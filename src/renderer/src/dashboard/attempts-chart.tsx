import { useState } from 'react';
import type { FailedLoginAnalysis } from '../../../shared/admin-api-types';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';

type Hour = FailedLoginAnalysis['overTime'][number];

/** Pixels: the plot's height, and room for the labels above and below. */
const HEIGHT = 160;
const TOP = 16;
const BOTTOM = 22;
/** Hour labels under the bars, at most this many so they never overlap. */
const MAX_LABELS = 8;

/** The y-axis top: a round number at or above the highest bar. */
export function niceCeiling(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value)!;
  return step * magnitude;
}

/** Indexes of the bars that get an hour label, evenly spread. */
export function labelledIndexes(count: number): number[] {
  if (count === 0) return [];
  const every = Math.ceil(count / MAX_LABELS);
  const indexes: number[] = [];
  for (let index = 0; index < count; index += every) indexes.push(index);
  return indexes;
}

function hourLabel(hourStart: string, zoneMode: ZoneMode): string {
  const text = formatTimestamp(hourStart, zoneMode, { precision: 'seconds' });
  return text.slice(5, 16);
}

/** What the bars show, for whoever cannot see them. */
export function chartSummary(hours: Hour[], zoneMode: ZoneMode) {
  const total = hours.reduce((sum, hour) => sum + hour.attempts, 0);
  const peak = hours.reduce<Hour | null>(
    (best, hour) => (best && best.attempts >= hour.attempts ? best : hour),
    null,
  );
  const span = `${hours.length} ${hours.length === 1 ? 'hour' : 'hours'}`;
  if (!peak || total === 0) return `No failed logins in ${span}`;
  return (
    `${total} failed logins in ${span}; most in the hour from ` +
    `${hourLabel(peak.hourStart, zoneMode)} (${peak.attempts})`
  );
}

/**
 * Bars placed in percent of the width and pixels of the height, so the
 * chart fills its column at any width while its text keeps its size.
 */
function Bars(props: { hours: Hour[]; top: number; zoneMode: ZoneMode }) {
  const { hours } = props;
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = hours.length > 0 ? 100 / hours.length : 100;
  const labelled = new Set(labelledIndexes(hours.length));
  return hours.map((hour, index) => {
    const height = (hour.attempts / props.top) * plot;
    const label = hourLabel(hour.hourStart, props.zoneMode);
    return (
      <g key={hour.hourStart}>
        <rect
          className="chart-bar"
          x={`${index * slot + slot * 0.15}%`}
          y={HEIGHT - BOTTOM - height}
          width={`${slot * 0.7}%`}
          height={height}
        >
          <title>{`${label}: ${hour.attempts}`}</title>
        </rect>
        {labelled.has(index) && (
          <text
            className="chart-label"
            x={index === 0 ? 0 : `${index * slot + slot / 2}%`}
            y={HEIGHT - 6}
            textAnchor={index === 0 ? 'start' : 'middle'}
          >
            {label}
          </text>
        )}
      </g>
    );
  });
}

/** Every hour's number, rendered only once asked for. */
function HourTable(props: { hours: Hour[]; zoneMode: ZoneMode }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="chart-table"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Attempts per hour as a table</summary>
      {open && (
        <table className="card-table">
          <thead>
            <tr>
              <th scope="col">Hour starting</th>
              <th scope="col" className="numeric">
                Attempts
              </th>
            </tr>
          </thead>
          <tbody>
            {props.hours.map((hour) => (
              <tr key={hour.hourStart}>
                <td className="mono">
                  {formatTimestamp(hour.hourStart, props.zoneMode, {
                    precision: 'seconds',
                  })}
                </td>
                <td className="numeric">{hour.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * Failed logins per hour as bars, drawn as SVG (no chart library is among
 * the console's dependencies). Screen readers get a summary, and every
 * hour's number is in the table under it.
 */
export function AttemptsChart(props: { hours: Hour[] }) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  const { hours } = props;
  const top = niceCeiling(Math.max(0, ...hours.map((hour) => hour.attempts)));
  const base = HEIGHT - BOTTOM;
  return (
    <figure className="attempts-chart" data-testid="attempts-chart">
      <svg
        role="img"
        aria-label={chartSummary(hours, zoneMode)}
        className="attempts-svg"
      >
        <line className="chart-grid" x1="0" x2="100%" y1={TOP} y2={TOP} />
        <text className="chart-label" x={2} y={TOP - 4}>
          {top} per hour
        </text>
        <line className="chart-axis" x1="0" x2="100%" y1={base} y2={base} />
        <Bars hours={hours} top={top} zoneMode={zoneMode} />
      </svg>
      <figcaption className="muted hint">
        Failed logins per hour ({zoneMode === 'utc' ? 'UTC' : 'local time'}).
      </figcaption>
      <HourTable hours={hours} zoneMode={zoneMode} />
    </figure>
  );
}
