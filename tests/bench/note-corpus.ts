/**
 * Deterministic note texts for the benchmarks. Each note is derived from
 * its index alone, so a 10,000-entry and a 1,000,000-entry journal share
 * the same language and the search index sees a realistic vocabulary:
 * frequent responder words, a long tail of host names, accounts and hash
 * fragments, and two planted terms whose frequency is known exactly.
 */

/** Appears in exactly RARE_TERM_COUNT notes, whatever the journal size. */
export const RARE_TERM = 'kerberoasting';
export const RARE_TERM_COUNT = 50;

/** Appears in every other note. */
export const COMMON_TERM = 'observed';

const SEED = 0x5eed_2026;

const WORDS = `
  alert analyst access account admin agent anomaly archive attacker
  audit backup beacon blocked breach browser callback certificate
  checked cleared cloud command compromised confirmed connection console
  contained credential customer dashboard database deleted denied
  detection device disabled disk dns domain download email endpoint
  escalated evidence executable exported failed file firewall forensic
  gateway hash host identity image imaged indicator isolated kernel
  laptop lateral legal license login logs macro mailbox malware memory
  mfa monitoring movement network notified outbound password patch
  payload persistence phishing policy port powershell privilege process
  proxy quarantined ransomware registry remote reset restored revoked
  rule scan scheduled script server service session share signature
  snapshot spike ssh suspicious task team ticket token traffic tunnel
  upload user vendor verified vpn vulnerability web workstation zone the
  on from to after before by with at and no new again still now all two
  three first
`
  .trim()
  .split(/\s+/);

const SURNAMES = ['smith', 'garcia', 'okafor', 'nguyen', 'larsen', 'haddad'];

/** splitmix32: a well-mixed 32-bit hash, so every index has its own stream. */
function mix(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function randomStream(index: number) {
  let state = mix(SEED ^ mix(index));
  return () => {
    state = mix(state);
    return state / 0x1_0000_0000;
  };
}

/** Skewed towards the front of the list, as word use is. */
function pickWord(random: () => number): string {
  return WORDS[Math.floor(random() * random() * WORDS.length)];
}

function pickToken(random: () => number): string {
  const roll = random();
  if (roll < 0.3) return `ws${Math.floor(random() * 5000)}`;
  if (roll < 0.5) {
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)];
    return `${String.fromCharCode(97 + Math.floor(random() * 26))}.${surname}`;
  }
  if (roll < 0.7) {
    const octet = () => Math.floor(random() * 256);
    return `10.${octet()}.${octet()}.${octet()}`;
  }
  return Math.floor(random() * 0xffff_ffff)
    .toString(16)
    .padStart(8, '0');
}

function hasRareTerm(index: number, notes: number): boolean {
  const spacing = Math.max(1, Math.floor(notes / RARE_TERM_COUNT));
  return (
    index % spacing === Math.floor(spacing / 2) &&
    Math.floor(index / spacing) < RARE_TERM_COUNT
  );
}

/** The text of note `index` (0-based) of a journal of `notes` notes. */
export function noteText(index: number, notes: number): string {
  const random = randomStream(index);
  const words: string[] = [];
  const length = 6 + Math.floor(random() * 18);
  for (let position = 0; position < length; position++) {
    words.push(random() < 0.2 ? pickToken(random) : pickWord(random));
  }
  if (index % 2 === 0) words.splice(1, 0, COMMON_TERM);
  if (hasRareTerm(index, notes)) words.splice(2, 0, RARE_TERM);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

export const BENCH_ACTORS = ['a.okafor', 'j.smith', 'l.nguyen', 'r.haddad'];

export function noteActor(index: number): string {
  return BENCH_ACTORS[index % BENCH_ACTORS.length];
}
