// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { type WidgetModule, defineModuleWidget } from '../../../src/ui/widgets/module-widget';

/** A module whose arrival the test decides. */
function deferred(): { load: () => Promise<WidgetModule>; arrive: (module: WidgetModule) => void } {
  let arrive!: (module: WidgetModule) => void;
  const promise = new Promise<WidgetModule>((resolve) => (arrive = resolve));
  return { load: () => promise, arrive };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('module widget', () => {
  it('is loading until its module has drawn it, then live (jsdom has no IntersectionObserver: it starts at once)', async () => {
    const { load, arrive } = deferred();
    defineModuleWidget('test-lifecycle', load);
    const host = document.createElement('test-lifecycle');
    host.innerHTML = '<p class="widget-placeholder">Figure</p>';
    document.body.append(host);
    expect(host.dataset['state']).toBe('loading');
    arrive({ mount: (h) => void h.append('drawn') });
    await settled();
    expect(host.dataset['state']).toBe('live');
    expect(host.textContent).toBe('drawn');
    host.remove();
  });

  it('keeps a choice the reader made in the markup’s form while the module loaded, and announces it', async () => {
    const { load, arrive } = deferred();
    defineModuleWidget('test-choices', load);
    const host = document.createElement('test-choices');
    host.innerHTML = '<input type="number" value="10"><input type="checkbox">';
    document.body.append(host);
    const [runs, box] = host.querySelectorAll('input');
    runs!.value = '3';
    runs!.dispatchEvent(new Event('change', { bubbles: true }));
    box!.checked = true;
    box!.dispatchEvent(new Event('change', { bubbles: true }));
    const heard: string[] = [];
    arrive({
      mount: (h) => {
        runs!.value = '10'; // the widget's defaults, set without events
        box!.checked = false;
        h.addEventListener('change', (event) => heard.push((event.target as HTMLInputElement).type));
      },
    });
    await settled();
    expect(host.dataset['state']).toBe('live');
    expect(runs!.value).toBe('3');
    expect(box!.checked).toBe(true);
    expect(heard).toEqual(['number', 'checkbox']);
    // Once drawn, a change is the widget's own business: nothing is put back.
    runs!.value = '5';
    runs!.dispatchEvent(new Event('change', { bubbles: true }));
    expect(runs!.value).toBe('5');
    host.remove();
  });

  it('a form submitted while the module loads is not the browser’s (no reload) and is submitted once, when the widget can act', async () => {
    const { load, arrive } = deferred();
    defineModuleWidget('test-submit', load);
    const host = document.createElement('test-submit');
    host.innerHTML = '<form><button type="submit">Run</button></form>';
    document.body.append(host);
    const form = host.querySelector('form')!;
    const early = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(early);
    expect(early.defaultPrevented).toBe(true);
    const runs: string[] = [];
    arrive({
      mount: () =>
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          runs.push('run');
        }),
    });
    await settled();
    expect(runs).toEqual(['run']);
    form.requestSubmit(); // from now on, the widget's own
    expect(runs).toEqual(['run', 'run']);
    host.remove();
  });

  it('shows why it could not start when its module fails', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    defineModuleWidget('test-failure', () => Promise.reject(new Error('offline')));
    const host = document.createElement('test-failure');
    host.innerHTML = '<input type="checkbox">';
    document.body.append(host);
    await settled();
    expect(host.dataset['state']).toBe('error');
    expect(host.querySelector('[role="alert"]')!.textContent).toContain('This figure could not start: offline.');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
    host.remove();
  });
});
