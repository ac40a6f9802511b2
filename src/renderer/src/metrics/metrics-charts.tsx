import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SEVERITIES, SEVERITY_LABELS } from '../../../shared/incident-taxonomy';
import {
  FALSE_POSITIVE_TARGET_PERCENT,
  type FalsePositiveMonth,
  type MonthVolume,
} from '../../../shared/metrics-types';
import { falsePositiveRows, volumeBySeverity } from './metric-views';

/** Fixed size: the pane's column is fixed, and jsdom cannot measure. */
const WIDTH = 560;
const HEIGHT = 240;

const SEVERITY_COLOURS: Record<(typeof SEVERITIES)[number], string> = {
  critical: '#d92d20',
  high: '#f79009',
  medium: '#eaaa08',
  low: '#2e90fa',
};

/** Incidents opened per month, stacked by severity. */
export function VolumeChart(props: { volume: MonthVolume[] }) {
  const rows = volumeBySeverity(props.volume);
  const total = props.volume.reduce((sum, month) => sum + month.total, 0);
  return (
    <figure
      className="metrics-chart"
      data-testid="volume-chart"
      aria-label={`${total} incidents over ${rows.length} month(s)`}
    >
      <BarChart width={WIDTH} height={HEIGHT} data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        {/* In severity order, not sorted by name. */}
        <Legend itemSorter={null} />
        {SEVERITIES.map((severity) => (
          <Bar
            key={severity}
            dataKey={severity}
            name={SEVERITY_LABELS[severity]}
            stackId="severity"
            fill={SEVERITY_COLOURS[severity]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      <figcaption className="muted hint">
        Incidents opened per month (UTC), by current severity.
      </figcaption>
    </figure>
  );
}

/** The monthly false-positive rate against the plan's 5 % target. */
export function FalsePositiveChart(props: { months: FalsePositiveMonth[] }) {
  const rows = falsePositiveRows(props.months);
  return (
    <figure className="metrics-chart" data-testid="false-positive-chart">
      <BarChart width={WIDTH} height={HEIGHT} data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis unit=" %" domain={[0, 100]} />
        <Tooltip />
        <ReferenceLine
          y={FALSE_POSITIVE_TARGET_PERCENT}
          stroke="#12b76a"
          strokeDasharray="6 3"
          label={`target < ${FALSE_POSITIVE_TARGET_PERCENT} %`}
        />
        <Bar
          dataKey="rate"
          name="False-positive rate"
          fill="#9e77ed"
          isAnimationActive={false}
        />
      </BarChart>
      <figcaption className="muted hint">
        False positives among incidents closed each month.
      </figcaption>
      <ul className="metrics-chart-values">
        {rows.map((row) => (
          <li key={row.month}>
            {row.month}: {row.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
