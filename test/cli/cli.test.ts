import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { REPVGG_VARIANTS } from '../../src/core/family.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runBin(...args: string[]) {
  return spawnSync(process.execPath, ['bin/repvgg.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });
}

async function runMain(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('bin/repvgg.mjs', () => {
  it('stats --json prints one JSON array: 13 variants with integer counts', () => {
    const result = runBin('stats', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const variants = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(variants).toHaveLength(13);
    expect(variants.map((v) => v['variant'])).toEqual(REPVGG_VARIANTS.map((s) => s.name));
    for (const v of variants) {
      for (const key of ['deployParams', 'trainParams', 'bnBuffers', 'flops', 'winoMuls', 'numBatchesTracked']) {
        expect(Number.isSafeInteger(v[key]) && (v[key] as number) > 0, `${v['variant']} ${key}`).toBe(true);
      }
      expect(v['matchesPaper']).not.toBe(false);
    }
    expect(variants.filter((v) => v['matchesPaper'] === true)).toHaveLength(11);
  });

  it('exits 2 with a message on stderr for a bad option', () => {
    const result = runBin('stats', '--jsno');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--jsno/);
    expect(result.stderr).toMatch(/usage: repvgg stats/);
  });
});

describe('main', () => {
  it('lists the commands for --help (exit 0) and without arguments (exit 2)', async () => {
    const help = await runMain('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^ {2}stats {2}/m);
    expect((await runMain()).code).toBe(2);
    expect((await runMain('help', 'stats')).out).toMatch(/Usage: repvgg stats/);
    expect((await runMain('stats', '--help')).out).toMatch(/--json/);
  });

  it('rejects unknown commands and variants with exit code 2', async () => {
    const unknown = await runMain('frobnicate');
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toMatch(/unknown command "frobnicate"/);
    const variant = await runMain('stats', 'C9');
    expect(variant.code).toBe(2);
    expect(variant.err).toMatch(/unknown model "C9"; known: A0, A1, .*, tiny/);
  });

  it('stats VARIANT... selects variants by any spelling; the table shows computed and paper values', async () => {
    const json = await runMain('stats', 'a0', 'RepVGG-B3g2', '--json');
    expect(JSON.parse(json.out).map((v: { variant: string }) => v.variant)).toEqual(['RepVGG-A0', 'RepVGG-B3g2']);
    const table = await runMain('stats', 'B1');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^RepVGG-B1 +51\.82 +51\.82 +11\.8 +11\.8 +5\.9 +5\.9 /m);
  });
});
