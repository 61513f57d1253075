/**
 * The architecture's boundaries, checked by `npm test` (dependency-cruiser): the core stays pure
 * (no DOM, no UI, no runtime), onnxruntime-web has one door, and nothing imports in a circle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and the pieces impossible to test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'src/core is the paper in code, src/io the file formats, src/lab the grading: used alike by pages, workers, the CLI and the tests; they import no UI, feature, runtime, site or CLI code.',
      from: { path: '^src/(core|io|lab)/' },
      to: { path: '^src/(ui|features|runtime|perf|site|pages|layouts|cli)/' },
    },
    {
      name: 'core-has-no-packages-but-formats',
      severity: 'error',
      comment: 'The core runs anywhere: no onnxruntime, no Plot, no Astro.',
      from: { path: '^src/(core|io|lab)/' },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: 'onnxruntime|@observablehq|astro' },
    },
    {
      name: 'ort-one-door',
      severity: 'error',
      comment: 'Only the runtime backend file talks to onnxruntime-web, so the build per backend is chosen in one place.',
      from: { pathNot: '^src/runtime/ort-backend\\.ts$' },
      to: { path: 'onnxruntime-web' },
    },
    {
      name: 'features-are-independent',
      severity: 'error',
      comment: 'A chapter or page imports the kit (src/ui), the runtime and the core, never another feature: what two features share belongs in one of those.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'kit-knows-no-feature',
      severity: 'error',
      comment: 'The UI kit serves every feature, so it depends on none.',
      from: { path: '^src/ui/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'runtime-has-no-ui',
      severity: 'error',
      comment: 'The runtime runs in a worker: no DOM code from the kit or the features.',
      from: { path: '^src/runtime/' },
      to: { path: '^src/(ui|features|pages|layouts)/' },
    },
    {
      name: 'cli-has-no-ui',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(ui|features|pages|layouts|site)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.astro)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
  },
};
