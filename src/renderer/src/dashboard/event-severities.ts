import type { EventSeverity } from '../../../shared/admin-api-types';

/** The platform's event scale, most severe first (not the alerts' scale). */
export const EVENT_SEVERITIES: { value: EventSeverity; label: string }[] = [
  { value: 'critical', label: 'Critical' },
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];
