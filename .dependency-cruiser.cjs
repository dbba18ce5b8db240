/**
 * The dependency rules of plan-bot, checked by test/architecture.test.ts inside `npm test`:
 * the core (src/) is platform-neutral, adapters translate, and only the composition root (app/) wires them.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-adapter',
      comment: 'src/ is the platform-neutral core: it never imports adapters/ (the composition root, app/, wires them)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^adapters/' },
    },
    {
      name: 'core-imports-no-app',
      comment: 'src/ never imports the composition root app/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^app/' },
    },
    {
      name: 'adapters-import-no-app',
      comment: 'adapters/ never import the composition root app/: they get what they need passed in',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^app/' },
    },
    {
      name: 'core-imports-no-platform-sdk',
      comment: 'src/ never imports a chat platform SDK (@slack/*, botbuilder*); adapters do',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['(^|/)node_modules/(@slack/|botbuilder|botframework-)', '^(@slack/|botbuilder|botframework-)'] },
    },
    {
      name: 'core-imports-no-metrics-library',
      comment: 'src/ reports through its own Metrics interface (src/metrics.ts); prom-client lives in app/metrics.ts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['(^|/)node_modules/prom-client/', '^prom-client$'] },
    },
    {
      name: 'store-imports-no-conversation',
      comment: 'the Store holds conversation context as an opaque validated value: src/store/ never imports src/conversation/',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/conversation/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7 has no JavaScript compiler API for dependency-cruiser to parse with; swc reads the .ts files
    parser: 'swc',
    // type-only imports are dependencies too
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
