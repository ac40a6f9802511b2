/**
 * Shares one run of a slow task among everyone who asks for the same key
 * while it is in progress. A full chain check of a large journal takes
 * seconds; every window that asks during that time gets the same report
 * instead of starting another pass over the whole file.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, task: () => T | Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;

    const started = Promise.resolve()
      .then(task)
      .finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
