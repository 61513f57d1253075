/**
 * A few MathML builders for formulas whose numbers change live. The chapters' fixed equations are
 * KaTeX, typeset at build time; live ones are native MathML, which browsers lay out themselves, so
 * no typesetting script ships and screen readers read them as math.
 */
const NS = 'http://www.w3.org/1998/Math/MathML';

type Child = Element | string;

function node(doc: Document, tag: string, children: Child[]): Element {
  const el = doc.createElementNS(NS, tag);
  for (const child of children) el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return el;
}

export function mathBuilder(doc: Document = document) {
  const text = (tag: string) => (s: string) => node(doc, tag, [s]);
  return {
    math: (...children: Child[]) => {
      const el = node(doc, 'math', children);
      return el;
    },
    row: (...children: Child[]) => node(doc, 'mrow', children),
    mi: text('mi'),
    mn: text('mn'),
    mo: text('mo'),
    sub: (base: Child, script: Child) => node(doc, 'msub', [base, script]),
    sup: (base: Child, script: Child) => node(doc, 'msup', [base, script]),
    subsup: (base: Child, sub: Child, sup: Child) => node(doc, 'msubsup', [base, sub, sup]),
    frac: (num: Child, den: Child) => node(doc, 'mfrac', [num, den]),
    sqrt: (...children: Child[]) => node(doc, 'msqrt', children),
  };
}

/** A number as MathML shows it: a true minus sign in front of an <mn>. */
export function signedNumber(m: ReturnType<typeof mathBuilder>, formatted: string): Element {
  return formatted.startsWith('−') ? m.row(m.mo('−'), m.mn(formatted.slice(1))) : m.mn(formatted);
}
