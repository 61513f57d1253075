/** Student-style solutions (JavaScript source, as typed in the editor): correct ones and typical mistakes. */

export const correct: Record<string, string> = {
  'code-fold': `function foldBatchNorm(weight, gamma, beta, mean, variance, eps) {
  const O = weight.shape[0];
  const per = weight.data.length / O;
  const data = new Float32Array(weight.data.length);
  const bias = [];
  for (let o = 0; o < O; o++) {
    const t = gamma[o] / Math.sqrt(variance[o] + eps);
    for (let k = 0; k < per; k++) data[o * per + k] = weight.data[o * per + k] * t;
    bias.push(beta[o] - mean[o] * t);
  }
  return { weight: { shape: [...weight.shape], data }, bias };
}`,
  'code-pad': `const padTo3x3 = (kernel) => {
  const [O, I] = kernel.shape;
  const data = Array(O * I * 9).fill(0);
  kernel.data.forEach((w, j) => { data[j * 9 + 4] = w; });
  return { shape: [O, I, 3, 3], data };
};`,
  'code-identity': `function identityKernel(channels, groups) {
  const per = channels / groups;
  const data = new Float32Array(channels * per * 9);
  for (let o = 0; o < channels; o++) data[(o * per + (o % per)) * 9 + 4] = 1;
  return { shape: [channels, per, 3, 3], data };
}`,
  'code-winograd': `function winogradF2x2(d, g) {
  const BT = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]];
  const G = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]];
  const AT = [[1, 1, 1, 0], [0, 1, -1, -1]];
  // L (p×q) · X (q×n) · Rᵀ, with R (s×n): rows of the right factor are rows of R.
  const sandwich = (L, X, n, R) => {
    const p = L.length, q = L[0].length, s = R.length;
    const left = [];
    for (let i = 0; i < p; i++) for (let j = 0; j < n; j++) { let sum = 0; for (let k = 0; k < q; k++) sum += L[i][k] * X[k * n + j]; left.push(sum); }
    const out = [];
    for (let i = 0; i < p; i++) for (let j = 0; j < s; j++) { let sum = 0; for (let k = 0; k < n; k++) sum += left[i * n + k] * R[j][k]; out.push(sum); }
    return out;
  };
  const V = sandwich(BT, d, 4, BT);
  const U = sandwich(G, g, 3, G);
  const M = U.map((u, i) => u * V[i]);
  const Y = sandwich(AT, M, 4, AT);
  return { V, U, M, Y };
}`,
};

/** [source, the index of the first failing case, the start of its "where"]. */
export const buggy: Record<string, readonly [string, number, string]> = {
  'code-fold': [correct['code-fold']!.replace('variance[o] + eps', 'variance[o] + 1e-5'), 2, 'weight.data['],
  'code-pad': [correct['code-pad']!.replace('j * 9 + 4', 'j * 9'), 0, 'result.data[0] = K[0, 0, 0, 0]'],
  'code-identity': [correct['code-identity']!.replace('(o % per)', 'o'), 2, 'result.data[40] = K[2, 0, 1, 1]'],
  'code-winograd': [correct['code-winograd']!.replace('[0.5, -0.5, 0.5]', '[0.5, 0.5, -0.5]'), 0, 'U['],
};

/** The same exercise written in TypeScript, as a student who copies the chapter's signatures would. */
export const typescript: Record<string, string> = {
  'code-identity': `interface Kernel { shape: [number, number, number, number]; data: Float32Array }

function identityKernel(channels: number, groups: number): Kernel {
  const per: number = channels / groups;
  const data = new Float32Array(channels * per * 9);
  for (let o = 0; o < channels; o++) data[(o * per + (o % per)) * 9 + 4] = 1;
  return { shape: [channels, per, 3, 3], data } as Kernel;
}`,
};
