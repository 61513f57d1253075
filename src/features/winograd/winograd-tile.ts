/**
 * <winograd-tile>: one tile through Winograd, step by step, with a running multiplication count
 * and the result checked against direct convolution. The tile and the kernel are editable.
 * Keyboard: the step buttons, or ←/→/Home/End on the stepper. URL: tile.alg, tile.d, tile.g,
 * tile.step. "Play" steps on a timer, except for readers who ask for reduced motion.
 */
import { createRng } from '../../core/random';
import { WINOGRAD_ALGORITHMS as ALGORITHMS, type WinogradAlgorithm, tileMultiplications } from '../../core/winograd/matrices';
import { LazyWidget, prefersReducedMotion } from '../../ui/lazy-widget';
import { UrlState } from '../../ui/url-state';
import { formatError } from '../../ui/viz/format';
import { matrixGrid } from '../../ui/viz/matrix-grid';
import { symmetricExtent } from '../../ui/viz/scales';
import { radioGroup } from '../../ui/widgets/controls';
import { matrixInputs } from './matrix-inputs';
import { type StageName, type TileWalkthrough, tileWalkthrough } from './tile-steps';

type AlgId = keyof typeof ALGORITHMS;

/** Small integers from a seed, so the default tile can be checked by hand. */
function integers(seed: number, n: number, max: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.floor(rng.uniform() * (2 * max + 1)) - max);
}
const defaults = (alg: WinogradAlgorithm) => ({ d: integers(2021, alg.alpha ** 2, 3), g: integers(2016, 9, 2) });

function parseList(raw: string | null, n: number): number[] | null {
  if (!raw) return null;
  const values = raw.split(',').map(Number);
  return values.length === n && values.every(Number.isFinite) ? values : null;
}

const STAGE_CAPTIONS: Record<StageName, string> = {
  V: 'V = Bᵀ d B (transformed tile)',
  U: 'U = G g Gᵀ (transformed kernel)',
  M: 'M = U ⊙ V (products)',
  Y: 'Y = Aᵀ M A (Winograd output)',
  direct: 'Direct convolution output',
};

export class WinogradTileWidget extends LazyWidget {
  private timer: number | undefined;

  protected init(): void {
    const state = new UrlState('tile');
    let algId: AlgId = state.choice('alg', ['F2', 'F4'] as const, 'F2');
    let alg: WinogradAlgorithm = ALGORITHMS[algId];
    let d = parseList(state.get('d'), alg.alpha ** 2) ?? defaults(alg).d;
    let g = parseList(state.get('g'), 9) ?? defaults(alg).g;
    let walk: TileWalkthrough = tileWalkthrough(d, g, alg);
    let step = Math.min(walk.steps.length - 1, Math.max(0, Math.round(state.number('step', 0))));

    const controls = document.createElement('div');
    controls.className = 'controls';
    const algorithm = radioGroup(
      'Algorithm',
      [
        { value: 'F2', labelHtml: 'F(2×2, 3×3): 4×4 tile' },
        { value: 'F4', labelHtml: 'F(4×4, 3×3): 6×6 tile' },
      ],
      algId,
      'tile-alg',
      (v) => {
        algId = v as AlgId;
        alg = ALGORITHMS[algId];
        ({ d, g } = { d: defaults(alg).d, g });
        rebuildInputs();
        recompute(0);
      },
    );
    const buttons = document.createElement('div');
    buttons.className = 'control tile-buttons';
    const random = button('New random tile');
    const reset = button('Reset to the default tile');
    buttons.append(random, reset);
    controls.append(algorithm.element, buttons);

    const inputs = document.createElement('div');
    inputs.className = 'figure-row tile-inputs';
    const rebuildInputs = () => {
      const tile = matrixInputs('d', `Input tile d (${alg.alpha}×${alg.alpha})`, alg.alpha, alg.alpha, d, (v) => {
        d = v;
        recompute(step);
      });
      const kernel = matrixInputs('g', 'Kernel g (3×3)', 3, 3, g, (v) => {
        g = v;
        recompute(step);
      });
      inputs.replaceChildren(tile.element, kernel.element);
    };

    const stepper = document.createElement('div');
    stepper.className = 'stepper';
    stepper.setAttribute('role', 'group');
    stepper.setAttribute('aria-label', 'Steps (arrow keys move between steps)');
    const prev = button('◀ Previous step');
    const next = button('Next step ▶');
    next.classList.add('primary');
    const play = button(prefersReducedMotion() ? 'Show the last step' : 'Play all steps');
    const position = document.createElement('p');
    position.className = 'step-title';
    position.setAttribute('aria-live', 'polite');
    stepper.append(prev, next, play, position);

    const counter = document.createElement('p');
    counter.className = 'readout tile-counter';
    const explanation = document.createElement('p');
    explanation.className = 'step-text';
    const stagesRow = document.createElement('div');
    stagesRow.className = 'figure-row tile-stages';
    const result = document.createElement('p');
    result.className = 'readout tile-result';
    result.setAttribute('aria-live', 'polite');

    const show = (index: number) => {
      step = Math.min(walk.steps.length - 1, Math.max(0, index));
      const s = walk.steps[step]!;
      const { winograd, direct } = tileMultiplications(alg);
      position.textContent = `Step ${step + 1} of ${walk.steps.length}: ${s.title}`;
      explanation.textContent = s.text;
      counter.replaceChildren(
        'Multiplications so far, Winograd: ',
        strong(String(s.multiplications), 'winograd-muls'),
        ` of ${winograd} · direct convolution: `,
        strong(String(direct), 'direct-muls'),
      );
      // aria-disabled, not disabled: a disabled button drops keyboard focus, and the arrow keys
      // on the stepper should keep working from either end.
      prev.setAttribute('aria-disabled', String(step === 0));
      next.setAttribute('aria-disabled', String(step === walk.steps.length - 1));
      stagesRow.replaceChildren(...s.shown.map((name) => stageFigure(name, s.current === name, s.productRows)));
      const done = s.shown.includes('direct');
      result.hidden = !done;
      const equal = walk.maxDifference <= 1e-9 * Math.max(1, ...Array.from(walk.direct.Y, Math.abs));
      this.dataset['equal'] = String(done && equal);
      result.replaceChildren(
        strong(equal ? 'Same outputs.' : 'Different outputs!', equal ? 'ok' : 'bad'),
        ` max |Y − direct| = ${formatError(walk.maxDifference)}${walk.maxDifference === 0 ? ' (exact)' : ' (float64 rounding)'}, with ${winograd} multiplications instead of ${direct}.`,
      );
      this.dataset['step'] = String(step);
      state.set({ step: step === 0 ? null : step });
    };

    const stageFigure = (name: StageName, current: boolean, productRows: number): HTMLElement => {
      const { stages, direct } = walk;
      const values = name === 'direct' ? direct.Y : stages[name];
      const side = Math.round(Math.sqrt(values.length));
      const outputs = name === 'Y' || name === 'direct';
      const figure = document.createElement('figure');
      figure.className = `viz-figure tile-stage${current ? ' current' : ''}`;
      figure.dataset['stage'] = name;
      figure.append(
        matrixGrid(
          { rows: side, cols: side, values },
          {
            caption: STAGE_CAPTIONS[name],
            domainMax: outputs ? symmetricExtent(stages.Y, direct.Y) : symmetricExtent(values),
            blank: name === 'M' ? (i) => Math.floor(i / side) >= productRows : undefined,
            highlight: name === 'M' && current ? (i) => Math.floor(i / side) === productRows - 1 : undefined,
          },
        ),
      );
      return figure;
    };

    const recompute = (keepStep: number) => {
      walk = tileWalkthrough(d, g, alg);
      const dft = defaults(alg);
      state.set({
        alg: algId === 'F2' ? null : algId,
        d: d.join(',') === dft.d.join(',') ? null : d.join(','),
        g: g.join(',') === dft.g.join(',') ? null : g.join(','),
      });
      show(keepStep);
    };

    const stop = () => {
      window.clearInterval(this.timer);
      this.timer = undefined;
      play.textContent = prefersReducedMotion() ? 'Show the last step' : 'Play all steps';
    };
    prev.addEventListener('click', () => (stop(), show(step - 1)));
    next.addEventListener('click', () => (stop(), show(step + 1)));
    stepper.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element).getAttribute?.('aria-disabled') === 'true') event.stopImmediatePropagation();
      },
      { capture: true },
    );
    play.addEventListener('click', () => {
      if (this.timer !== undefined) return stop();
      if (prefersReducedMotion()) return show(walk.steps.length - 1);
      if (step === walk.steps.length - 1) show(0);
      play.textContent = 'Pause';
      this.timer = window.setInterval(() => {
        show(step + 1);
        if (step === walk.steps.length - 1) stop();
      }, 900);
    });
    stepper.addEventListener('keydown', (event) => {
      const to = { ArrowLeft: step - 1, ArrowRight: step + 1, Home: 0, End: walk.steps.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      stop();
      show(to);
    });
    random.addEventListener('click', () => {
      const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
      d = integers(seed, alg.alpha ** 2, 3);
      g = integers(seed ^ 0x9e3779b9, 9, 2);
      rebuildInputs();
      recompute(step);
    });
    reset.addEventListener('click', () => {
      ({ d, g } = defaults(alg));
      rebuildInputs();
      recompute(step);
    });

    rebuildInputs();
    this.append(controls, inputs, stepper, counter, explanation, stagesRow, result);
    show(step);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.timer);
  }
}

function button(text: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  return b;
}

function strong(text: string, className: string): HTMLElement {
  const s = document.createElement('strong');
  s.className = className;
  s.textContent = text;
  return s;
}
