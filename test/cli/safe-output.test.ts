/** The commands never destroy a file: every input stays byte for byte, outputs replace files only with --force. */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repvgg, scratchDir } from './run-cli.ts';
import { readCheckpointFile, writeCheckpoint } from '../../src/cli/checkpoint-files.ts';
import { MODEL_NAMES_HELP, modelOption } from '../../src/cli/command.ts';
import { InterruptedError, withInterrupts } from '../../src/cli/output-file.ts';
import { checkpointBlob } from '../../src/io/checkpoint/write-checkpoint.ts';
import { createTrainWeights } from '../../src/core/weights.ts';
import { TINY_SPEC } from '../../src/core/catalog.ts';
import { FIXTURES, ROOT } from '../io/checkpoint/helpers.ts';

const PHOTO = `${ROOT}public/models/samples/samoyed.jpg`;

const root = scratchDir('safe-output');
let cases = 0;

/** A fresh folder holding a copy of the training-time fixture as `name`. */
function folderWith(name = 'in.pth'): { dir: string; input: string } {
  const dir = join(root, `case-${++cases}`);
  mkdirSync(dir);
  const input = join(dir, name);
  copyFileSync(`${FIXTURES}tiny-official-train.pth`, input);
  return { dir, input };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file in `dir` (links included, by name) with the hash of its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, sha256(join(dir, f))]),
  );
}

const FIXTURE_HASH = sha256(`${FIXTURES}tiny-official-train.pth`);

describe('the same-file guard compares real files', () => {
  it('convert link.pth -o in.pth (link.pth → in.pth) is refused, with or without --force; in.pth unchanged', async () => {
    const { dir, input } = folderWith();
    const link = join(dir, 'link.pth');
    symlinkSync(input, link);
    for (const force of [[], ['--force']]) {
      const result = await repvgg('convert', link, '-o', input, ...force);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/in\.pth is the input file .*link\.pth \(the same file under another name\): writing it would destroy the input/);
      expect(result.out).toBe('');
    }
    expect(sha256(input)).toBe(FIXTURE_HASH);
    expect(readdirSync(dir).sort()).toEqual(['in.pth', 'link.pth']);
  });

  it('the other way round (-o a symlink to the input), and a hard link, are refused too', async () => {
    const { dir, input } = folderWith();
    symlinkSync(input, join(dir, 'soft.pth'));
    linkSync(input, join(dir, 'hard.pth'));
    for (const output of ['soft.pth', 'hard.pth']) {
      const result = await repvgg('convert', input, '-o', join(dir, output), '--force');
      expect(result.code, output).toBe(2);
      expect(result.err).toMatch(/is the input file/);
    }
    expect(snapshot(dir)).toEqual({ 'hard.pth': FIXTURE_HASH, 'in.pth': FIXTURE_HASH, 'soft.pth': FIXTURE_HASH });
  });
});

describe('the temporary output', () => {
  it('convert x.pth.partial -o x.pth: the input named like the old temporary file is kept, byte for byte', async () => {
    const { dir, input } = folderWith('x.pth.partial');
    const result = await repvgg('convert', input, '-o', join(dir, 'x.pth'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(sha256(input)).toBe(FIXTURE_HASH);
    expect(readdirSync(dir).sort()).toEqual(['x.pth', 'x.pth.partial']);
    expect((await readCheckpointFile(join(dir, 'x.pth'))).form).toBe('deploy');
  });

  it('…and when the conversion fails (wrong -a), x.pth.partial is still there and no x.pth appears', async () => {
    const { dir, input } = folderWith('x.pth.partial');
    const result = await repvgg('convert', input, '-o', join(dir, 'x.pth'), '-a', 'A0');
    expect(result.code).toBe(1);
    expect(snapshot(dir)).toEqual({ 'x.pth.partial': FIXTURE_HASH });
  });

  it("is a new file with a unique name in the output's folder while the write runs, and is gone after", async () => {
    const { dir } = folderWith();
    const out = join(dir, 'sub');
    mkdirSync(out);
    const seen: string[][] = [];
    const weights = createTrainWeights(TINY_SPEC, 1);
    await writeCheckpoint(weights, join(out, 'deploy.pth'), { form: 'deploy', onConvert: () => void seen.push(readdirSync(out)) });
    expect(seen.length).toBeGreaterThan(0);
    const names = new Set(seen.flat());
    expect(names.size).toBe(1);
    expect([...names][0]).toMatch(/^\.deploy\.pth\.[0-9a-f]{12}\.partial$/);
    expect(readdirSync(out)).toEqual(['deploy.pth']);
    expect(readdirSync(dir).sort()).toEqual(['in.pth', 'sub']);
  });

  it.each(['pth', 'safetensors'] as const)(
    '.%s on disk (one write in flight while the next chunk is made) has the bytes of the in-memory writer',
    async (format) => {
      const { dir } = folderWith();
      // RepVGG-A0: chunks of 70,000 floats (273 KiB) pass the 1 MiB coalescing buffer and go to the file as they are.
      const weights = createTrainWeights(modelOption('A0'), 3);
      for (const chunkFloats of [50, 70_000]) {
        const file = join(dir, `deploy-${chunkFloats}.${format}`);
        await writeCheckpoint(weights, file, { form: 'deploy', chunkFloats });
        const blob = await checkpointBlob(weights, format, { form: 'deploy', archiveName: `deploy-${chunkFloats}` });
        expect(Buffer.compare(readFileSync(file), new Uint8Array(await blob.arrayBuffer())), `chunks of ${chunkFloats}`).toBe(0);
      }
    },
  );

  it('a write that fails midway removes only its temporary file: an existing output (--force) stays as it was', async () => {
    const { dir } = folderWith();
    const out = join(dir, 'out.safetensors');
    writeFileSync(out, 'the previous file');
    const weights = createTrainWeights(TINY_SPEC, 1);
    const broken = { ...weights, linear: { ...weights.linear, bias: new Float32Array(3) } }; // 3 values where 1000 belong
    await expect(writeCheckpoint(broken, out, { form: 'train', force: true })).rejects.toThrow(
      /linear\.bias: the weights hold 3 values where 1000 float32 are expected/,
    );
    expect(readFileSync(out, 'utf8')).toBe('the previous file');
    expect(readdirSync(dir).sort()).toEqual(['in.pth', 'out.safetensors']);
  });

  it("a file that appears under the output's name while the write runs is kept, not replaced (without --force)", async () => {
    const { dir } = folderWith();
    const out = join(dir, 'deploy.pth');
    const weights = createTrainWeights(TINY_SPEC, 1);
    const written = writeCheckpoint(weights, out, { form: 'deploy', onConvert: () => void (existsSync(out) || writeFileSync(out, 'written meanwhile')) });
    await expect(written).rejects.toThrow(/deploy\.pth appeared while it was being written: add --force to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('written meanwhile');
    expect(readdirSync(dir).sort()).toEqual(['deploy.pth', 'in.pth']);
  });

  it('SIGINT during a write aborts it: no file is left, the message says so, and the handler is removed after', async () => {
    const { dir } = folderWith();
    const signals = new EventEmitter(); // stands in for process, whose signals would reach the test runner too
    const out = join(dir, 'deploy.pth');
    const weights = createTrainWeights(TINY_SPEC, 1);
    const written = withInterrupts(
      (signal) => writeCheckpoint(weights, out, { form: 'deploy', signal, onConvert: () => void signals.emit('SIGINT') }),
      signals,
    );
    await expect(written).rejects.toThrow(/^interrupted: .*deploy\.pth was not written$/);
    expect(readdirSync(dir)).toEqual(['in.pth']);
    expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([0, 0]);
  });

  it('an interrupted write (Ctrl-C aborts the signal) leaves no file behind and says so', async () => {
    const { dir } = folderWith();
    const controller = new AbortController();
    const weights = createTrainWeights(TINY_SPEC, 1);
    const out = join(dir, 'deploy.safetensors');
    const written = writeCheckpoint(weights, out, { form: 'deploy', signal: controller.signal, onConvert: () => controller.abort() });
    await expect(written).rejects.toThrow(InterruptedError);
    await expect(written).rejects.toThrow(/interrupted: .*deploy\.safetensors was not written/);
    expect(readdirSync(dir)).toEqual(['in.pth']);
  });
});

describe('-o and existing files', () => {
  it('an existing file is refused without --force (the message says so) and replaced with it', async () => {
    const { dir, input } = folderWith();
    const out = join(dir, 'deploy.pth');
    writeFileSync(out, 'keep me');
    const refused = await repvgg('convert', input, '-o', out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/deploy\.pth already exists: add --force to replace it, or choose another -o/);
    expect(refused.out).toBe('');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await repvgg('convert', input, '-o', out, '--force');
    expect(forced.code).toBe(0);
    expect((await readCheckpointFile(out)).form).toBe('deploy');
    expect(readdirSync(dir).sort()).toEqual(['deploy.pth', 'in.pth']);
  });

  it('export refuses an existing file the same way', async () => {
    const { dir } = folderWith();
    const out = join(dir, 'tiny.onnx');
    writeFileSync(out, 'keep me');
    const refused = await repvgg('export', 'tiny', '--form', 'deploy', '--input-size', '32', '-o', out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/tiny\.onnx already exists: add --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await repvgg('export', 'tiny', '--form', 'deploy', '--input-size', '32', '-o', out, '--force')).code).toBe(0);
    expect(readFileSync(out).length).toBeGreaterThan(1000);
  });

  it('--help documents --force', async () => {
    for (const command of ['convert', 'export']) {
      expect((await repvgg(command, '--help')).out).toMatch(/--force +replace FILE if it exists/);
    }
  });

  it('-o in a folder that does not exist fails at once, before the input is read, with a plain message', async () => {
    const { dir, input } = folderWith();
    const result = await repvgg('convert', input, '-o', join(dir, 'no-such-folder', 'deploy.pth'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^repvgg: cannot write .*deploy\.pth: the folder .*no-such-folder does not exist \(create it first, or choose another -o\)/);
    expect(result.err).not.toMatch(/ENOENT/);
    expect(result.out).toBe(''); // no "read …" line: the input was never opened
    const exported = await repvgg('export', 'tiny', '--form', 'train', '-o', join(dir, 'no-such-folder', 'x.pth'));
    expect(exported.code).toBe(2);
    expect(exported.err).toMatch(/the folder .*no-such-folder does not exist/);
    expect(exported.err).not.toMatch(/training-time weights/); // refused before the weights were generated
  });

  it('-o naming a folder is refused', async () => {
    const { dir, input } = folderWith();
    mkdirSync(join(dir, 'out.pth'));
    const result = await repvgg('convert', input, '-o', join(dir, 'out.pth'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/out\.pth is a folder: give -o a file name/);
  });
});

describe('missing inputs are named as missing', () => {
  it('classify with a missing .onnx, a missing checkpoint or a missing image', async () => {
    const { dir, input } = folderWith();
    for (const [model, picture, missing] of [
      [join(dir, 'missing.onnx'), PHOTO, 'missing.onnx'],
      [join(dir, 'missing.pth'), PHOTO, 'missing.pth'],
      [input, join(dir, 'missing.jpg'), 'missing.jpg'],
    ] as const) {
      const result = await repvgg('classify', model, picture);
      expect(result.code, missing).toBe(1);
      expect(result.err).toBe(`repvgg classify: cannot open ${join(dir, missing)}: no such file\n`);
    }
  });

  it('convert with a missing input', async () => {
    const { dir } = folderWith();
    const result = await repvgg('convert', join(dir, 'missing.pth'), '-o', join(dir, 'out.pth'));
    expect(result.code).toBe(1);
    expect(result.err).toBe(`repvgg convert: cannot open ${join(dir, 'missing.pth')}: no such file\n`);
  });
});

describe('one list of model names, everywhere', () => {
  it('repvgg export A0 (the model as the first argument) writes RepVGG-A0', async () => {
    const { dir } = folderWith();
    const out = join(dir, 'a0.onnx');
    const result = await repvgg('export', 'A0', '--form', 'deploy', '-o', out);
    expect(result.err).toMatch(/^RepVGG-A0: training-time weights/);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/RepVGG-A0 deploy, opset 17/);
  });

  it('repvgg export A0 without --form or -o says the whole command to type', async () => {
    const noForm = await repvgg('export', 'A0');
    expect(noForm.code).toBe(2);
    expect(noForm.err).toMatch(/--form must be train or deploy, e\.g\. repvgg export A0 --form deploy -o RepVGG-A0-deploy\.onnx/);
    const noOutput = await repvgg('export', 'A0', '--form', 'train');
    expect(noOutput.err).toMatch(/missing -o FILE .*e\.g\. repvgg export A0 --form train -o RepVGG-A0-train\.onnx/);
    const two = await repvgg('export', 'A0', '-a', 'B0', '--form', 'train', '-o', 'x.onnx');
    expect(two.err).toMatch(/two models given: "A0" and -a B0/);
    expect((await repvgg('export', '--form', 'train', '-o', 'x.onnx')).err).toMatch(/missing the MODEL, e\.g\. repvgg export A0/);
  });

  it.each(['tiny', 'RepVGG-tiny', 'repvgg_tiny', 'TINY'])('%s is accepted by export, convert -a, classify -a and stats', async (name) => {
    const { dir } = folderWith();
    const train = join(dir, 'tiny-train.pth');
    expect((await repvgg('export', name, '--form', 'train', '--seed', '2', '-o', train)).code).toBe(0);
    expect((await repvgg('export', '-a', name, '--form', 'deploy', '--seed', '2', '--input-size', '32', '-o', join(dir, 'tiny.onnx'))).code).toBe(0);
    const converted = await repvgg('convert', train, '-a', name, '-o', join(dir, 'tiny-deploy.safetensors'));
    expect(converted.err).toBe('');
    expect(converted.code).toBe(0);
    const stats = await repvgg('stats', name, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)[0].variant).toBe('RepVGG-tiny');
  });

  it.each(['A0', 'RepVGG-A0', 'repvgg_a0', 'a0'])('%s is accepted by every command that takes a model', async (name) => {
    const { dir, input } = folderWith();
    // The fixture is not A0: convert and classify accept the name and then report the mismatch (exit 1, not 2).
    const converted = await repvgg('convert', input, '-a', name, '-o', join(dir, 'x.pth'));
    expect(converted.code).toBe(1);
    expect(converted.err).toMatch(/RepVGG-A0 expects \[48, 3, 3, 3\]/);
    const classified = await repvgg('classify', input, input, '-a', name);
    expect(classified.code).toBe(1);
    expect((await repvgg('stats', name)).out).toMatch(/^RepVGG-A0 /m);
    expect((await repvgg('export', name, '--form', 'train', '-o', join(dir, 'x.npz'))).err).toMatch(/cannot tell the output format/); // the name passed
  });

  it('classify -a tiny runs a tiny checkpoint', async () => {
    const { dir } = folderWith();
    const train = join(dir, 'tiny.pth');
    expect((await repvgg('export', 'tiny', '--form', 'train', '-o', train)).code).toBe(0);
    const result = await repvgg('classify', train, PHOTO, '-a', 'tiny');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });

  it("every command's help lists the names", async () => {
    for (const command of ['export', 'convert', 'classify', 'stats']) {
      expect((await repvgg(command, '--help')).out, command).toContain(MODEL_NAMES_HELP);
    }
    expect(MODEL_NAMES_HELP).toMatch(/^A0, A1, A2, B0, B1, B1g2, B1g4, B2, B2g2, B2g4, B3, B3g2, B3g4, tiny /);
  });
});

describe('no input file is ever changed or removed by convert', () => {
  it('across every refusal and failure, and a success, each input keeps its bytes and no stray file is left', async () => {
    const { dir, input } = folderWith();
    symlinkSync(input, join(dir, 'link.pth'));
    copyFileSync(`${FIXTURES}tiny-timm-train.safetensors`, join(dir, 'timm.safetensors'));
    copyFileSync(`${FIXTURES}unsafe-global.pth`, join(dir, 'unsafe.pth'));
    copyFileSync(`${FIXTURES}resnet-like.pth`, join(dir, 'resnet.pth'));
    writeFileSync(join(dir, 'existing.pth'), 'keep me');
    const before = snapshot(dir);
    const at = (f: string) => join(dir, f);
    const runs: [string[], number][] = [
      [[at('link.pth'), '-o', at('in.pth')], 2],
      [[at('link.pth'), '-o', at('in.pth'), '--force'], 2],
      [[at('in.pth'), '-o', at('link.pth'), '--force'], 2],
      [[at('in.pth'), '-o', at('in.pth'), '--force'], 2],
      [[at('in.pth'), '-o', at('existing.pth')], 2],
      [[at('in.pth'), '-o', at('missing/out.pth')], 2],
      [[at('in.pth'), '-o', at('out.bin')], 2],
      [[at('in.pth'), '-o', at('out.pth'), '-a', 'A0'], 1],
      [[at('unsafe.pth'), '-o', at('out.pth')], 1],
      [[at('resnet.pth'), '-o', at('out.pth')], 1],
      [[at('unsafe.pth'), '-o', at('resnet.pth'), '--force'], 1],
      [[at('timm.safetensors'), '-o', at('timm.safetensors'), '--force'], 2],
    ];
    for (const [args, code] of runs) {
      const result = await repvgg('convert', ...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(snapshot(dir), args.join(' ')).toEqual(before);
    }
    // A success leaves the inputs as they were and adds exactly the output.
    expect((await repvgg('convert', at('timm.safetensors'), '-o', at('timm-deploy.pth'))).code).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'timm-deploy.pth'].sort());
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    expect(existsSync(at('missing'))).toBe(false);
  });
});
