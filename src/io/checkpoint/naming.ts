import { CheckpointError, formatName } from './errors.ts';

/**
 * The four namings RepVGG weights come in, mapped onto one: the official repository's.
 *
 *   official training-time   stage0.rbr_dense.conv.weight, stage1.0.rbr_1x1.bn.running_var,
 *                            stage1.1.rbr_identity.weight, linear.weight
 *   official deploy          stage0.rbr_reparam.weight, stage1.0.rbr_reparam.bias, linear.*
 *   timm training-time       stem.conv_kxk.conv.weight, stages.0.0.conv_1x1.bn.*,
 *                            stages.0.1.identity.*, head.fc.*   (timm's stages.0 is stage1)
 *   timm fused               stem.reparam_conv.weight, stages.N.M.reparam_conv.bias, head.fc.*
 */
export type Naming = 'official' | 'timm';
export type Form = 'train' | 'deploy';

const BRANCHES: readonly (readonly [official: string, timm: string])[] = [
  ['rbr_dense.', 'conv_kxk.'],
  ['rbr_1x1.', 'conv_1x1.'],
  ['rbr_identity.', 'identity.'],
  ['rbr_reparam.', 'reparam_conv.'],
];

/** Prefixes that wrappers add to every key: DataParallel's `module.`, torch.compile's `_orig_mod.`. */
const WRAPPER_PREFIXES = ['module.', '_orig_mod.'];

function renameBranch(rest: string, from: 0 | 1): string {
  for (const pair of BRANCHES) if (rest.startsWith(pair[from])) return pair[1 - from] + rest.slice(pair[from].length);
  return rest; // not a branch name: left as is, so validation reports it as an unexpected tensor
}

/** timm key → official key (keys that are not RepVGG's come back recognizably unchanged). */
export function timmToOfficial(key: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^stem\.(.*)$/.exec(key))) return `stage0.${renameBranch(m[1]!, 1)}`;
  if ((m = /^stages\.(\d+)\.(\d+)\.(.*)$/.exec(key))) return `stage${Number(m[1]) + 1}.${m[2]}.${renameBranch(m[3]!, 1)}`;
  if ((m = /^head\.fc\.(.*)$/.exec(key))) return `linear.${m[1]}`;
  return key;
}

/** official key → timm key. */
export function officialToTimm(key: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^stage0\.(.*)$/.exec(key))) return `stem.${renameBranch(m[1]!, 0)}`;
  if ((m = /^stage(\d+)\.(\d+)\.(.*)$/.exec(key))) return `stages.${Number(m[1]) - 1}.${m[2]}.${renameBranch(m[3]!, 0)}`;
  if ((m = /^linear\.(.*)$/.exec(key))) return `head.fc.${m[1]}`;
  return key;
}

export const renameKey = (officialKey: string, naming: Naming): string => (naming === 'timm' ? officialToTimm(officialKey) : officialKey);

export interface RecognizedNaming {
  readonly naming: Naming;
  readonly form: Form;
  /** What was stripped from every key ('module.'), or ''. */
  readonly prefix: string;
  /** Official key → the key in the file. */
  readonly fileKeys: ReadonlyMap<string, string>;
}

const OFFICIAL = /^(stage[0-4](\.|$)|linear\.)/;
const TIMM = /^(stem\.|stages\.\d|head\.fc\.)/;

/** Which naming and which form the keys are in, or a CheckpointError saying what they are instead. */
export function recognizeNaming(keys: readonly string[]): RecognizedNaming {
  const prefix = keys.length ? keys[0]!.slice(0, wrapperPrefixLength(keys)) : '';
  const bare = keys.map((k) => k.slice(prefix.length));
  const official = bare.filter((k) => OFFICIAL.test(k)).length;
  const timm = bare.filter((k) => TIMM.test(k)).length;
  if (!official && !timm) throw notRepVGG(bare, keys);
  if (official && timm)
    throw new CheckpointError('corrupt', "the checkpoint mixes the official RepVGG naming (stage0, linear) with timm's (stem, stages, head.fc)");
  const naming: Naming = official ? 'official' : 'timm';

  const fileKeys = new Map<string, string>();
  bare.forEach((k, i) => fileKeys.set(naming === 'timm' ? timmToOfficial(k) : k, keys[i]!));
  const deploy = [...fileKeys.keys()].some((k) => k.includes('.rbr_reparam.'));
  const train = [...fileKeys.keys()].some((k) => /\.rbr_(dense|1x1|identity)\./.test(k));
  if (deploy && train) {
    throw new CheckpointError(
      'corrupt',
      'the checkpoint mixes training-time blocks (three branches) with deploy blocks (one fused conv); was it converted only in part?',
    );
  }
  if (!deploy && !train) throw notRepVGG(bare, keys); // RepVGG-like names (timm's stages, head.fc) but no RepVGG block
  return { naming, form: deploy ? 'deploy' : 'train', prefix, fileKeys };
}

/**
 * How many leading characters of every key are wrapper prefixes (`module.module._orig_mod.`).
 * Each key is compared at a moving position, never against a growing prefix string, so a key of
 * `module.` repeated 30,000 times costs one pass over it, not 30,000.
 */
export function wrapperPrefixLength(keys: readonly string[]): number {
  let at = 0;
  for (let again = true; again && keys.length; ) {
    again = false;
    for (const p of WRAPPER_PREFIXES) {
      if (keys.every((k) => k.startsWith(p, at))) {
        at += p.length;
        again = true;
      }
    }
  }
  return at;
}

/** Other networks' state dicts, by tell-tale keys, so the message can name what the file is. */
const OTHER_NETWORKS: readonly (readonly [name: string, test: (keys: Set<string>, all: readonly string[]) => boolean])[] = [
  ['a ResNet', (k, all) => k.has('conv1.weight') && all.some((x) => /^layer[1-4]\.\d+\./.test(x))],
  ['a DenseNet', (_, all) => all.some((x) => x.startsWith('features.denseblock'))],
  ['a VGG or AlexNet', (k) => k.has('features.0.weight') && [...k].some((x) => x.startsWith('classifier.'))],
  ['a MobileNet or EfficientNet', (k, all) => k.has('features.0.0.weight') || (k.has('conv_stem.weight') && all.some((x) => x.startsWith('blocks.')))],
  ['a Vision Transformer', (k, all) => k.has('cls_token') || all.some((x) => x.startsWith('patch_embed.'))],
  ['a ConvNeXt', (_, all) => all.some((x) => x.startsWith('downsample_layers.') || /^stages\.\d+\.blocks\./.test(x))],
  ['a language model (BERT-like)', (_, all) => all.some((x) => /(^|\.)(embeddings|encoder\.layer)\./.test(x))],
];

/** `keys` without their wrapper prefix, for recognizing; `fileKeys` as the file has them, for the message. */
function notRepVGG(keys: readonly string[], fileKeys: readonly string[]): CheckpointError {
  const set = new Set(keys);
  const other = OTHER_NETWORKS.find(([, test]) => test(set, keys));
  const sample = fileKeys
    .slice(0, 3)
    .map((k) => JSON.stringify(formatName(k)))
    .join(', ');
  if (other) return new CheckpointError('wrong-network', `this looks like ${other[0]} checkpoint, not RepVGG (its tensors are named ${sample}, …)`);
  return new CheckpointError(
    'wrong-network',
    `none of the ${keys.length.toLocaleString('en-US')} tensors belongs to a RepVGG block (official stage0…stage4 with rbr_dense or rbr_reparam, or timm's stem and stages with conv_kxk or reparam_conv); the first are ${sample || 'none'}`,
  );
}
