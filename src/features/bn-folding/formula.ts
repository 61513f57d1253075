/**
 * The folding formulas of one output channel with the reader's current numbers in them:
 *   tᵢ = γᵢ / √(σᵢ² + ε) = …,   b′ᵢ = βᵢ − μᵢ tᵢ = …,   W′ᵢ = tᵢ Wᵢ.
 * The numbers are the ones the widget computed (t and b′ from foldBatchNorm), not recomputed here.
 */
import { el } from '../../ui/el';
import { mathBuilder, signedNumber } from '../../ui/widgets/mathml';

export interface ChannelNumbers {
  readonly channel: number;
  readonly gamma: number;
  readonly beta: number;
  readonly mean: number;
  readonly variance: number;
  readonly eps: number;
  readonly t: number;
  readonly bias: number;
}

/** Four significant digits, trailing zeros dropped, a true minus sign: 1.2, −0.4838, 20.41. */
const sig = (x: number) => String(Number(x.toPrecision(4))).replace('-', '−');

/** The three equations of one channel, as elements to place in that channel's formula card. */
export function channelFormulas(n: ChannelNumbers): HTMLElement[] {
  const m = mathBuilder();
  const i = String(n.channel);
  const sym = (s: string) => m.sub(m.mi(s), m.mn(i));
  const num = (x: number) => signedNumber(m, sig(x));
  const epsilon = (): Element => {
    const [mantissa, exponent] = n.eps.toExponential(1).split('e');
    if (exponent === '+0') return m.mn(mantissa!);
    const power = m.sup(m.mn('10'), signedNumber(m, String(Number(exponent)).replace('-', '−')));
    return m.row(m.mn(mantissa!), m.mo('×'), power);
  };
  const varianceSym = () => m.subsup(m.mi('σ'), m.mn(i), m.mn('2'));
  /** One equation as two pieces, symbols then numbers, that wrap onto two lines on a phone. */
  const line = (symbols: (Element | string)[], numbers: (Element | string)[]) =>
    el(
      'div',
      { class: 'eq' },
      ...[symbols, numbers].map((part) => {
        const math = m.math(m.row(...part));
        math.setAttribute('display', 'inline');
        math.setAttribute('displaystyle', 'true'); // full-size fractions, as in the chapter's equations
        return math;
      }),
    );
  const primed = (s: string) => m.subsup(m.mi(s), m.mn(i), m.mo('′'));
  return [
    line(
      [sym('t'), m.mo('='), m.frac(sym('γ'), m.sqrt(varianceSym(), m.mo('+'), m.mi('ε')))],
      [m.mo('='), m.frac(num(n.gamma), m.sqrt(num(n.variance), m.mo('+'), epsilon())), m.mo('='), num(n.t)],
    ),
    line(
      [primed('b'), m.mo('='), sym('β'), m.mo('−'), sym('μ'), m.mo('\u2062'), sym('t')],
      [m.mo('='), num(n.beta), m.mo('−'), paren(m, num(n.mean)), m.mo('×'), paren(m, num(n.t)), m.mo('='), num(n.bias)],
    ),
    line([primed('W'), m.mo('='), sym('t'), m.mo('\u2062'), sym('W')], [m.mo('='), num(n.t), m.mo('×'), sym('W')]),
  ];
}

/** Negative numbers in a product get brackets: 0.3 − (−0.5) × 1.2. */
function paren(m: ReturnType<typeof mathBuilder>, x: Element): Element {
  return x.tagName.toLowerCase() === 'mrow' ? m.row(m.mo('('), x, m.mo(')')) : x;
}
