/**
 * <winograd-tile>: one tile through Winograd, step by step, with a running multiplication count
 * and the result checked against direct convolution. The tile and the kernel are editable.
 * Keyboard: the step buttons, or ←/→/Home/End on the stepper. URL: tile.alg, tile.d, tile.g,
 * tile.step. "Play" steps on a timer, except for readers who ask for reduced motion; the timer
 * stops once the figure has left the document. The choices and words are in tile-model.ts.
 */
import { WINOGRAD_ALGORITHMS as ALGORITHMS, type WinogradAlgorithm, tileMultiplications } from '../../core/winograd/matrices';
import { prefersReducedMotion } from '../../ui/widgets/module-widget';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { matrixGrid } from '../../ui/viz/matrix-grid';
import { symmetricExtent } from '../../ui/viz/scales';
import { radioGroup } from '../../ui/widgets/controls';
import { matrixInputs } from './matrix-inputs';
import { STAGE_CAPTIONS, clampStep, defaultTile, keyStep, parseList, playLabel, randomTile, stepTitle, tileQuery, tileVerdict } from './tile-model';
import { type StageName, type TileWalkthrough, tileWalkthrough } from './tile-steps';

type AlgId = keyof typeof ALGORITHMS;

export function mount(host: HTMLElement): void {
  const state = new UrlState('tile');
  let algId: AlgId = state.choice('alg', ['F2', 'F4'] as const, 'F2');
  let alg: WinogradAlgorithm = ALGORITHMS[algId];
  let d = parseList(state.get('d'), alg.alpha ** 2) ?? defaultTile(alg).d;
  let g = parseList(state.get('g'), 9) ?? defaultTile(alg).g;
  let walk: TileWalkthrough = tileWalkthrough(d, g, alg);
  let step = clampStep(walk.steps.length, Math.round(state.number('step', 0)));
  let timer: number | undefined;

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
      d = defaultTile(alg).d;
      rebuildInputs();
      recompute(0);
    },
  );
  const random = button('New random tile');
  const reset = button('Reset to the default tile');
  const controls = el('div', { class: 'controls' }, algorithm.element, el('div', { class: 'control tile-buttons' }, random, reset));

  const inputs = el('div', { class: 'figure-row tile-inputs' });
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

  const prev = button('◀ Previous step');
  const next = button('Next step ▶');
  next.classList.add('primary');
  const play = button(playLabel(prefersReducedMotion()));
  const position = el('p', { class: 'step-title', 'aria-live': 'polite' });
  const stepper = el('div', { class: 'stepper', role: 'group', 'aria-label': 'Steps (arrow keys move between steps)' }, prev, next, play, position);

  const counter = el('p', { class: 'readout tile-counter' });
  const explanation = el('p', { class: 'step-text' });
  const stagesRow = el('div', { class: 'figure-row tile-stages' });
  const result = el('p', { class: 'readout tile-result', 'aria-live': 'polite' });

  const show = (index: number) => {
    step = clampStep(walk.steps.length, index);
    const s = walk.steps[step]!;
    const muls = tileMultiplications(alg);
    position.textContent = stepTitle(walk, step);
    explanation.textContent = s.text;
    counter.replaceChildren(
      'Multiplications so far, Winograd: ',
      strong(String(s.multiplications), 'winograd-muls'),
      ` of ${muls.winograd} · direct convolution: `,
      strong(String(muls.direct), 'direct-muls'),
    );
    // aria-disabled, not disabled: a disabled button drops keyboard focus, and the arrow keys
    // on the stepper should keep working from either end.
    prev.setAttribute('aria-disabled', String(step === 0));
    next.setAttribute('aria-disabled', String(step === walk.steps.length - 1));
    stagesRow.replaceChildren(...s.shown.map((name) => stageFigure(name, s.current === name, s.productRows)));
    const done = s.shown.includes('direct');
    result.hidden = !done;
    const verdict = tileVerdict(walk, muls);
    host.dataset['equal'] = String(done && verdict.equal);
    result.replaceChildren(strong(verdict.headline, verdict.equal ? 'ok' : 'bad'), verdict.detail);
    host.dataset['step'] = String(step);
    state.set({ step: step === 0 ? null : step });
  };

  const stageFigure = (name: StageName, current: boolean, productRows: number): HTMLElement => {
    const { stages, direct } = walk;
    const values = name === 'direct' ? direct.Y : stages[name];
    const side = Math.round(Math.sqrt(values.length));
    const outputs = name === 'Y' || name === 'direct';
    const figure = el('figure', { class: `viz-figure tile-stage${current ? ' current' : ''}`, 'data-stage': name });
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
    state.set(tileQuery(algId, alg, d, g));
    show(keepStep);
  };

  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
    play.textContent = playLabel(prefersReducedMotion());
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
    if (timer !== undefined) return stop();
    if (prefersReducedMotion()) return show(walk.steps.length - 1);
    if (step === walk.steps.length - 1) show(0);
    play.textContent = 'Pause';
    timer = window.setInterval(() => {
      if (!host.isConnected) return stop(); // the figure left the document
      show(step + 1);
      if (step === walk.steps.length - 1) stop();
    }, 900);
  });
  stepper.addEventListener('keydown', (event) => {
    const to = keyStep(event.key, step, walk.steps.length);
    if (to === undefined) return;
    event.preventDefault();
    stop();
    show(to);
  });
  random.addEventListener('click', () => {
    ({ d, g } = randomTile(alg, crypto.getRandomValues(new Uint32Array(1))[0]!));
    rebuildInputs();
    recompute(step);
  });
  reset.addEventListener('click', () => {
    ({ d, g } = defaultTile(alg));
    rebuildInputs();
    recompute(step);
  });

  rebuildInputs();
  host.append(controls, inputs, stepper, counter, explanation, stagesRow, result);
  show(step);
}

function button(text: string): HTMLButtonElement {
  return el('button', { type: 'button' }, text);
}

function strong(text: string, className: string): HTMLElement {
  return el('strong', { class: className }, text);
}
