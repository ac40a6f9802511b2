/**
 * What a fresh database starts with: the plan's contact section, its
 * tools and resources, the communication templates and the default
 * regulatory regime. The plan's placeholders (the on-call number, the
 * cybersecurity firm, public relations) become "to be determined" notes,
 * never numbers that look real.
 */
import {
  TO_BE_DETERMINED,
  type ContactFields,
  type RegulatoryRegime,
  type Resource,
} from '../../shared/contacts-types';
import { DEFAULT_REGULATORY_HOURS } from '../../shared/escalation-plan';

function person(
  name: string,
  roles: string[],
  email: string | null,
  extra: Partial<ContactFields> = {},
): ContactFields {
  return {
    name,
    organisation: '',
    roles,
    channels: email ? [{ kind: 'email', value: email, label: '' }] : [],
    onCall: false,
    timeZone: '',
    notes: '',
    ...extra,
  };
}

const tbd = (what: string) => `${what}: ${TO_BE_DETERMINED}`;

export const SEED_CONTACTS: ContactFields[] = [
  person('Security Team', ['security-team'], 'security@enwhe.com'),
  person('On-Call Engineer', ['security-team', 'on-call'], null, {
    onCall: true,
    notes: tbd('Phone'),
  }),
  person('Management', ['management'], 'management@enwhe.com'),
  person('C-level executives', ['c-level'], null, {
    notes: tbd('Names and phone numbers'),
  }),
  person('Clerk Support', ['external-support'], 'support@clerk.com', {
    organisation: 'Clerk',
  }),
  person('Railway Support', ['external-support'], 'help@railway.app', {
    organisation: 'Railway',
  }),
  person('Legal Counsel', ['legal'], 'legal@enwhe.com'),
  person('Law Enforcement', ['emergency-services'], null, {
    channels: [{ kind: 'phone', value: '911', label: 'US' }],
    notes: 'Outside the US: the local emergency number',
  }),
  person('Cybersecurity Firm', ['emergency-services'], null, {
    notes: tbd('Firm and contact'),
  }),
  person('Public Relations', ['public-relations'], null, {
    notes: tbd('Contact'),
  }),
];

export const SEED_RESOURCES: Resource[] = [
  {
    id: 'security-dashboard',
    label: 'Security Dashboard',
    target: 'https://admin.enwhe.com/security',
    group: 'Security dashboard',
    notes: 'Real-time security monitoring: metrics, events, alerts',
  },
  ...[
    ['audit-logs', 'Audit Logs', '/api/admin/audit/logs'],
    ['security-events', 'Security Events', '/api/admin/security/events'],
    [
      'failed-logins',
      'Failed Logins',
      '/api/admin/security/events?event_type=failed_login',
    ],
  ].map(([id, label, target]) => ({
    id,
    label,
    target,
    group: 'Log analysis',
    notes: '',
  })),
  ...[
    [
      'emergency-lockdown',
      'Emergency Lockdown',
      '/api/admin/security/emergency-lockdown',
    ],
    ['ip-management', 'IP Management', '/api/admin/security/ip-allowlist'],
    [
      'session-management',
      'Session Management',
      '/api/admin/security/sessions',
    ],
  ].map(([id, label, target]) => ({
    id,
    label,
    target,
    group: 'Emergency controls',
    notes: '',
  })),
  ...[
    ['clerk-support', 'Clerk Support', 'https://clerk.com/support'],
    ['railway-support', 'Railway Support', 'https://railway.app/help'],
    ['vercel-support', 'Vercel Support', 'https://vercel.com/support'],
  ].map(([id, label, target]) => ({
    id,
    label,
    target,
    group: 'External resources',
    notes: '',
  })),
];

export const SEED_REGIMES: RegulatoryRegime[] = [
  { id: 'gdpr', label: 'GDPR', hours: DEFAULT_REGULATORY_HOURS },
];

export type SeedTemplate = {
  id: string;
  label: string;
  audience: string;
  body: string;
};

const HEADER = `**Incident:** {{title}} ({{incident-id}})
**Severity:** {{severity}} · **Phase:** {{phase}}
**Detected:** {{detected-at}} · **As of:** {{now}}`;

export const SEED_TEMPLATES: SeedTemplate[] = [
  {
    id: 'internal-update',
    label: 'Internal status update',
    audience: 'internal',
    body: `# Status update: {{title}}\n\n${HEADER}\n\n## Conditions\n\n- \n\n## Actions\n\n{{actions}}\n\n## Needs\n\n- \n`,
  },
  {
    id: 'executive-summary',
    label: 'Executive summary',
    audience: 'executive',
    body: `# Executive summary: {{title}}\n\n${HEADER}\n\n## What happened\n\n\n## Impact\n\n\n## What we have done\n\n{{actions}}\n\n## Decisions needed\n\n- \n`,
  },
  {
    id: 'customer-notification',
    label: 'Customer notification',
    audience: 'customer',
    body: `# Security notice\n\nOn {{detected-at}} we detected a security incident affecting our service.\n\n## What happened\n\n\n## What we are doing\n\n\n## What you can do\n\n- \n\nWe will update you as we learn more.\n`,
  },
  {
    id: 'regulatory-notification',
    label: 'Regulatory notification',
    audience: 'regulator',
    body: `# Notification of a personal data breach\n\n${HEADER}\n\n## Nature of the breach\n\n\n## Categories and approximate number of people and records\n\n\n## Likely consequences\n\n\n## Measures taken or proposed\n\n{{actions}}\n\n## Contact point\n\n`,
  },
  {
    id: 'public-statement',
    label: 'Public statement',
    audience: 'public',
    body: `# Statement on a security incident\n\nOn {{detected-at}} we identified a security incident. \n\n## What we know\n\n\n## What we are doing\n\n\nWe will publish updates here.\n`,
  },
];
