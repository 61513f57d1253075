/**
 * A widget whose code loads only when it is about to scroll into view: the page ships a tiny
 * custom-element definition, and Plot and the widget's own module arrive as a separate chunk the
 * first time a reader gets near the figure. `data-state` says where it is: loading, live, error;
 * a widget's own job state (running, done…) lives in another attribute (`data-job`).
 */
import { LazyWidget, startFailure } from '../lazy-widget';

export interface WidgetModule {
  /**
   * Build the controls and figures inside `host` and draw the first state. Work that outlives a
   * call (a timer, a worker) checks `host.isConnected` and stops once the element left the document.
   */
  mount(host: HTMLElement): void | Promise<void>;
}

export function defineModuleWidget(tag: string, load: () => Promise<WidgetModule>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends LazyWidget {
      /** Settles (never rejects) once the widget is drawn or has failed: choices made while it loads are kept (LazyWidget). */
      protected init(): Promise<void> {
        this.dataset['state'] = 'loading';
        return load()
          .then((module) => module.mount(this))
          .then(
            () => {
              this.querySelector(':scope > .widget-placeholder')?.remove();
              this.dataset['state'] = 'live';
            },
            (error: unknown) => {
              this.dataset['state'] = 'error';
              this.replaceChildren(startFailure(error));
              console.error(error);
            },
          );
      }
    },
  );
}
