import {
  INCIDENT_CATEGORIES,
  type IncidentCategory,
} from '../../../shared/incident-taxonomy';

export function categoryLabel(category: IncidentCategory): string {
  return INCIDENT_CATEGORIES[category]?.label ?? category;
}

export function subtypeLabel(
  category: IncidentCategory,
  subtype: string | null,
): string | null {
  if (!subtype) return null;
  const subtypes: Record<string, string> =
    INCIDENT_CATEGORIES[category]?.subtypes ?? {};
  return subtypes[subtype] ?? subtype;
}
