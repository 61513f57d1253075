/**
 * A widget whose code loads only when it is about to scroll into view: the page ships a tiny
 * custom-element definition, and Plot and the widget's own module arrive as a separate chunk the
 * first time a reader gets near the figure. `data-state` says where it is: loading, live, error;
 * a widget's own job state (running, done…) lives in another attribute (`data-job`).
 */
import { LazyWidget, startFailure } from '../lazy-widget';

/** What mount may hand back: called each time the element leaves the document (a timer stopped, a worker ended). */
export type Teardown = () => void;

export interface WidgetModule {
  /** Build the controls and figures inside `host` and draw the first state. */
  mount(host: HTMLElement): void | Teardown | Promise<void> | Promise<Teardown>;
}

export function defineModuleWidget(tag: string, load: () => Promise<WidgetModule>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends LazyWidget {
      private teardown: Teardown | undefined;

      /** Settles once the widget is drawn or has failed, so choices made while it loads are kept (LazyWidget). */
      protected init(): Promise<void> {
        this.dataset['state'] = 'loading';
        return load()
          .then((module) => module.mount(this))
          .then(
            (teardown) => {
              if (typeof teardown === 'function') this.teardown = teardown;
              this.querySelector(':scope > .widget-placeholder')?.remove();
              this.dataset['state'] = 'live';
            },
            (error: unknown) => this.fail(error),
          );
      }

      override disconnectedCallback(): void {
        super.disconnectedCallback();
        this.teardown?.();
      }

      private fail(error: unknown): void {
        this.dataset['state'] = 'error';
        this.replaceChildren(startFailure(error));
        console.error(error);
      }
    },
  );
}
