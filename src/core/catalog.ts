import { DEPTHS_A, REPVGG_VARIANTS, type RepVGGSpec, findVariant } from './family.ts';

/**
 * The models the "Run the models" page and `repvgg export` offer: the 13 RepVGG variants, plus one
 * tiny network for teaching and for tests on slow software GPUs. Plain data, no DOM.
 */

/** Seed of the page and the command line when none is given. */
export const DEFAULT_SEED = 2021;

/**
 * RepVGG-tiny: the same architecture at a quarter of A0's width, 2 blocks in stages 1–3 (so there are
 * identity branches) and one grouped layer (layer 2, groups 2, as in the g2 variants). Not from
 * the paper; it exists so the whole pipeline runs in a moment on any device.
 */
export const TINY_SPEC: RepVGGSpec = {
  name: 'RepVGG-tiny',
  depths: [1, 2, 2, 2, DEPTHS_A[4]],
  widthMultiplier: [0.25, 0.25],
  groups: { 2: 2 },
  numClasses: 1000,
  inputSize: 224,
};

export const TINY_ID = 'tiny';

/** The input image's seed: the weight seed + 1, wrapping at 2³² (as meaningless as the weights). */
export function inputSeed(seed: number): number {
  return (seed + 1) % 2 ** 32;
}

/** Every model the page offers, by short id ("A0", ..., "B3g4", "tiny"). */
export const MODEL_IDS: readonly string[] = [...REPVGG_VARIANTS.map((s) => s.name.replace(/^RepVGG-/, '')), TINY_ID];

/** "A0", "RepVGG-B1g2", "repvgg_b3" (timm), "tiny", "RepVGG-tiny", ... → the spec; undefined for anything else. */
export function findModel(id: string): RepVGGSpec | undefined {
  if (/^(repvgg[-_ ]?)?tiny$/i.test(id.trim())) return TINY_SPEC;
  return findVariant(id);
}

export function shortId(spec: RepVGGSpec): string {
  return spec === TINY_SPEC ? TINY_ID : spec.name.replace(/^RepVGG-/, '');
}
