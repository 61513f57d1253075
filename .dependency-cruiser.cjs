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
      comment: 'src/math is the paper in code: used alike by pages, workers, the CLI and the tests; it imports no UI, runtime or site code.',
      from: { path: '^src/math/' },
      to: { path: '^src/(components|runtime|site|pages|layouts|bench|gpu|cli)/' },
    },
    {
      name: 'core-has-no-packages-but-zip',
      severity: 'error',
      comment: 'The core runs anywhere: no onnxruntime, no Plot, no Astro.',
      from: { path: '^src/math/' },
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
      name: 'cli-has-no-ui',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(components|pages|layouts|site)/' },
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
