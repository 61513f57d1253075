/**
 * A small matrix the reader can edit: a grid of number inputs, each named for screen readers
 * ("d, row 2, column 3"). Calls onChange with the new values (row-major) after each valid edit.
 */
import { el } from '../../ui/el';

export interface MatrixInputs {
  readonly element: HTMLFieldSetElement;
  set(values: ArrayLike<number>): void;
}

export function matrixInputs(
  name: string,
  legend: string,
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  onChange: (values: number[]) => void,
): MatrixInputs {
  const inputs: HTMLInputElement[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const input = el('input', { type: 'number', step: 'any', inputmode: 'decimal', 'aria-label': `${name}, row ${r + 1}, column ${c + 1}` });
      input.addEventListener('change', () => {
        if (!inputs.every((i) => i.value.trim() !== '' && Number.isFinite(Number(i.value)))) {
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        input.removeAttribute('aria-invalid');
        onChange(inputs.map((i) => Number(i.value)));
      });
      inputs.push(input);
    }
  const grid = el('div', { class: 'matrix-inputs-grid' }, ...inputs);
  grid.style.gridTemplateColumns = `repeat(${cols}, minmax(3.2rem, 4.2rem))`;
  const fieldset = el('fieldset', { class: 'matrix-inputs' }, el('legend', { text: legend }), grid);
  const set = (v: ArrayLike<number>) => inputs.forEach((input, i) => (input.value = String(v[i])));
  set(values);
  return { element: fieldset, set };
}
