/**
 * Severity levels and incident categories exactly as the incident-response
 * plan names them. Category and subtype ids are slugs of the plan's headings
 * and bullet points, so they stay stable in files and on the command line.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

type CategoryDefinition = {
  label: string;
  subtypes: Record<string, string>;
};

export const INCIDENT_CATEGORIES = {
  'authentication-access-control': {
    label: 'Authentication & Access Control',
    subtypes: {
      'unauthorized-admin-access-attempts':
        'Unauthorized admin access attempts',
      'compromised-superadmin-accounts': 'Compromised SuperAdmin accounts',
      'suspicious-login-patterns': 'Suspicious login patterns',
      '2fa-bypass-attempts': '2FA bypass attempts',
    },
  },
  'network-security': {
    label: 'Network Security',
    subtypes: {
      'ip-allowlist-violations': 'IP allowlist violations',
      'suspicious-traffic-patterns': 'Suspicious traffic patterns',
      'ddos-attacks': 'DDoS attacks',
      'network-intrusion-attempts': 'Network intrusion attempts',
    },
  },
  'data-security': {
    label: 'Data Security',
    subtypes: {
      'data-exfiltration-attempts': 'Data exfiltration attempts',
      'unauthorized-data-access': 'Unauthorized data access',
      'data-corruption-incidents': 'Data corruption incidents',
      'backup-system-compromises': 'Backup system compromises',
    },
  },
  'application-security': {
    label: 'Application Security',
    subtypes: {
      'code-injection-attempts': 'Code injection attempts',
      'cors-violations': 'CORS violations',
      'session-hijacking': 'Session hijacking',
      'api-abuse': 'API abuse',
    },
  },
  'infrastructure-security': {
    label: 'Infrastructure Security',
    subtypes: {
      'server-compromises': 'Server compromises',
      'database-security-incidents': 'Database security incidents',
      'cloud-service-breaches': 'Cloud service breaches',
      'certificate-ssl-issues': 'Certificate/SSL issues',
    },
  },
} as const satisfies Record<string, CategoryDefinition>;

export type IncidentCategory = keyof typeof INCIDENT_CATEGORIES;

export const CATEGORY_IDS = Object.keys(
  INCIDENT_CATEGORIES,
) as IncidentCategory[];

export function isSubtypeOf(category: IncidentCategory, subtype: string) {
  return Object.hasOwn(INCIDENT_CATEGORIES[category].subtypes, subtype);
}

/** How the incident was first noticed, as the plan's first step asks. */
export const DETECTION_METHODS = [
  'alert',
  'monitoring',
  'person-report',
  'external-notification',
  'other',
] as const;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];

export const DETECTION_METHOD_LABELS: Record<DetectionMethod, string> = {
  alert: 'Alert',
  monitoring: 'Monitoring',
  'person-report': 'Report from a person',
  'external-notification': 'External notification',
  other: 'Other',
};
