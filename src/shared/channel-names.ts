/**
 * Channel and event names as plain data, so the preload can allow-list them
 * without bundling the schemas. `ipc-contract.ts` is checked against these
 * lists at compile time.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'incident:create',
  'incident:list',
  'incident:get',
  'journal:add-note',
  'journal:amend',
  'journal:history',
  'journal:verify',
  'timeline:page',
  'timeline:facets',
  'timeline:export',
  'timeline:import',
  'timeline:cancel-import',
  'rules:get',
  'playbooks:list',
  'command:state',
  'command:change-severity',
  'command:record-detection',
  'command:set-milestone',
  'command:advance-phase',
  'command:assign-role',
  'command:close',
  'checklist:set-item',
  'checklist:add-item',
  'checklist:attach-playbook',
  'evidence:add-paths',
  'evidence:add-text',
  'evidence:cancel-intake',
  'evidence:list',
  'evidence:get',
  'evidence:record-custody',
  'evidence:link',
  'evidence:verify',
  'evidence:export-bundle',
  'admin:status',
  'admin:configure',
  'admin:discover',
  'admin:sync-now',
  'admin:pin-transition',
  'admin:audit-pull',
  'dashboard:snapshot',
  'dashboard:events',
  'dashboard:failed-logins',
  'dashboard:pin',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'journal:appended',
  'incident:changed',
  'evidence:progress',
  'timeline:import-progress',
  'admin:status-changed',
  'dashboard:updated',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The Electron IPC channel that carries every main-to-renderer event. */
export const EVENT_CHANNEL = 'war-room:event';
