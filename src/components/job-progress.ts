/**
 * A worker job's progress on the page: a <progress> bar, the current step in words, and a polite
 * live region that announces each step once (not every layer or tensor). Shared by the chapter 7
 * runner and the checkpoint page.
 */
export interface ProgressElements {
  /** Shown on the first update. */
  readonly box: HTMLElement;
  readonly bar: HTMLProgressElement;
  readonly text: HTMLElement;
  readonly announce: HTMLElement;
}

export class ProgressView {
  private pending: [string, number] | undefined;
  private frame: number | undefined;

  constructor(private readonly els: ProgressElements) {}

  /** Progress can arrive once per layer or tensor: drawn at most once per frame, so the main thread stays idle. */
  update(text: string, fraction: number): void {
    this.pending = [text, fraction];
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      if (this.pending) this.set(...this.pending);
    });
  }

  /** Drawn at once; a queued update is dropped, so a final message is never overwritten. */
  set(text: string, fraction: number): void {
    this.pending = undefined;
    this.els.box.hidden = false;
    this.els.bar.value = fraction;
    this.els.text.textContent = text;
    // Screen readers hear each step once, without its running count.
    const headline = text.replace(/ \([^()]* of [^()]*\)…$/, '…');
    if (this.els.announce.textContent !== headline) this.els.announce.textContent = headline;
  }
}
