/**
 * Widget state in the URL, so a teacher's link opens the same numbers. Each widget owns the
 * query keys under its own prefix (`bn.gamma0=1.5`), and writes with replaceState: moving a
 * slider does not flood the back button.
 */
export class UrlState {
  private pending: Record<string, string | null> = {};
  private scheduled = false;

  constructor(private readonly prefix: string) {}

  private key(name: string): string {
    return `${this.prefix}.${name}`;
  }

  get(name: string): string | null {
    return new URLSearchParams(location.search).get(this.key(name));
  }

  /** A finite number within [min, max], or the fallback when absent or invalid. */
  number(name: string, fallback: number, min = -Infinity, max = Infinity): number {
    const raw = this.get(name);
    if (raw === null || raw.trim() === '') return fallback;
    const value = Number(raw);
    return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
  }

  /** One of the allowed values, or the fallback. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.get(name);
    return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
  }

  flag(name: string, fallback = false): boolean {
    const raw = this.get(name);
    return raw === null ? fallback : raw === '1' || raw === 'true';
  }

  /** Writes values (null or undefined removes a key); batched into one history entry per frame. */
  set(values: Record<string, string | number | boolean | null | undefined>): void {
    for (const [name, value] of Object.entries(values)) {
      this.pending[this.key(name)] = value === null || value === undefined ? null : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    }
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const url = new URL(location.href);
    for (const [key, value] of Object.entries(this.pending)) {
      if (value === null) url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    this.pending = {};
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }
}
