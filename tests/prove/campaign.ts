/**
 * The shape every trust campaign has, so `npm run prove` can run them in
 * turn, give each the same seed and time budget, and print their figures
 * in one table. A campaign reports what it saw; deciding pass or fail is
 * its own `failures` list (empty means every promise held).
 */
export type CampaignOptions = {
  /** Seed for every random choice; printed so a failure can be replayed. */
  seed: number;
  /** Wall-clock budget in milliseconds; a campaign stops starting work after it. */
  budgetMs: number;
  /** The shortened form run by `npm test`. */
  short: boolean;
  /** A fresh directory the campaign may use and leave behind. */
  workDir: string;
  /** One line of progress (the runner prefixes the campaign's name). */
  log: (line: string) => void;
};

export type CampaignResult = {
  /** Named figures, e.g. `{ kills: 212, 'entries checked': 40311, losses: 0 }`. */
  figures: Record<string, number | string>;
  /** Each broken promise in a sentence; empty when all held. */
  failures: string[];
};

export type Campaign = {
  name: string;
  /** One sentence: what the campaign proves. */
  promise: string;
  /**
   * Its share of the run's time budget relative to the others (default 1);
   * the crash campaign needs several times the others' share for its kills.
   */
  weight?: number;
  run: (options: CampaignOptions) => Promise<CampaignResult>;
};
