/**
 * Who a bearer token stands for. The platform reads `sub`, `email`, `roles`
 * and the audience (→ `organization_source`) from an HS256 JWT (CONTRACT
 * §3.2); the simulator maps opaque tokens to the same claims instead.
 */
import type { AdminAccount } from './records';
import { timestampMicros } from './sim-time';

export type SimIdentity = {
  /** Clerk user id, the token's `sub`. */
  userId: string;
  email: string;
  roles: readonly string[];
  organizationSource: 'admin' | 'seller';
};

export type TokenGrant = { token: string; identity: SimIdentity };

/** Named identities from the contract's examples. */
export const IDENTITIES = {
  /** The simulator's main token: a super admin (roles admin, super_admin). */
  commander: {
    userId: 'user_2kExampleIncidentCmdr01',
    email: 'ic.oncall@example.com',
    roles: ['admin', 'super_admin'],
    organizationSource: 'admin',
  },
  /** An admin without super_admin (the examples' `not-super-admin`). */
  engineeringLead: {
    userId: 'user_2kExampleEngLead0000003',
    email: 'eng.lead@example.com',
    roles: ['admin'],
    organizationSource: 'admin',
  },
  /** A seller-organisation token with the admin role (`me-seller-admin`). */
  sellerAdmin: {
    userId: 'user_2kExampleSellerAdm00005',
    email: 'store.owner@example.com',
    roles: ['admin', 'seller'],
    organizationSource: 'seller',
  },
  /** A plain seller: no admin role at all. */
  seller: {
    userId: 'user_2kExampleSeller0000010',
    email: 'shop@example.com',
    roles: ['seller'],
    organizationSource: 'seller',
  },
} as const satisfies Record<string, SimIdentity>;

/** The caller of routes outside `/api/admin`, where no token is read. */
export const ANONYMOUS: SimIdentity = {
  userId: 'anonymous',
  email: '',
  roles: [],
  organizationSource: 'admin',
};

export function isAdmin(identity: SimIdentity): boolean {
  return identity.roles.some((r) => r === 'admin' || r === 'super_admin');
}

export function isSuperAdmin(identity: SimIdentity): boolean {
  return identity.roles.includes('super_admin');
}

export function isSeller(identity: SimIdentity): boolean {
  return identity.roles.includes('seller');
}

type AccountSeed = [
  id: string,
  userUuid: string,
  email: string,
  superAdmin: boolean,
  orgRole: string,
  twoFactor: boolean,
];

/**
 * Eight admins, six with 2FA (the metrics examples' `enabled_2fa_users`),
 * so an emergency lockdown by the commander locks seven accounts, as the
 * alerts and metrics examples after a lockdown say.
 */
const ACCOUNT_SEEDS: readonly AccountSeed[] = [
  [
    'user_2kExampleIncidentCmdr01',
    '0ae31b98-03d8-489f-bdb1-35657dfc3239',
    'ic.oncall@example.com',
    true,
    'org:admin',
    true,
  ],
  [
    'user_2kExampleSecLead000002',
    '652bb65e-6c0f-4f2c-9747-0b93dd8eda4a',
    'sec.lead@example.com',
    true,
    'org:admin',
    true,
  ],
  [
    'user_2kExampleEngLead0000003',
    '3ca49a89-df77-4a9f-a06c-4fb3e8d7efdd',
    'eng.lead@example.com',
    false,
    'org:member',
    true,
  ],
  [
    'user_2kExampleCommsLead00004',
    '9b7e2f41-6a3c-4d58-8e1f-2c4a6b8d0e13',
    'comms.lead@example.com',
    false,
    'org:member',
    true,
  ],
  [
    'user_2kExampleOpsAdmin000006',
    '5340d3a0-7d0a-4e4c-b30b-e72a88e0c7c9',
    'ops.admin@example.com',
    false,
    'org:member',
    true,
  ],
  [
    'user_2kExampleFinAdmin000007',
    'e4c1a9d2-3f5b-4c7e-9a0d-1b2c3d4e5f60',
    'finance.admin@example.com',
    false,
    'org:member',
    true,
  ],
  [
    'user_2kExampleSupport000008',
    '7a2d9c1e-8b4f-4e6a-a3c5-d7e9f1a2b3c4',
    'support.admin@example.com',
    false,
    'org:member',
    false,
  ],
  [
    'user_2kExampleLegal00000009',
    'c3e5a7b9-1d2f-4a6c-8e0b-2d4f6a8c0e1a',
    'legal.counsel@example.com',
    false,
    'org:member',
    false,
  ],
];

const JOINED_AT = timestampMicros('2024-09-02T08:00:00Z');

export function seedAdminAccounts(): AdminAccount[] {
  return ACCOUNT_SEEDS.map(
    ([id, userUuid, email, isSuperAdmin, orgRole, twoFactorEnabled]) => ({
      id,
      userUuid,
      email,
      isSuperAdmin,
      orgRole,
      twoFactorEnabled,
      lockedUntil: null,
      lockReason: null,
      inTeam: true,
      joinedAt: JOINED_AT,
    }),
  );
}

/** The `users.id` UUID written as `created_by` for this caller's changes. */
export function userUuidOf(
  accounts: readonly AdminAccount[],
  identity: SimIdentity,
): string {
  const account = accounts.find((a) => a.id === identity.userId);
  return account?.userUuid ?? '00000000-0000-4000-8000-000000000000';
}
