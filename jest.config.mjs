/**
 * jest in ESM mode (the Nest 12 packages are ESM-only), TypeScript through @swc/jest with
 * decorator metadata. Unit specs sit next to the code; integration and e2e specs use the real
 * PostgreSQL and Redis (each file its own database cloned from a migrated template).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // content-disposition is ESM-only but required by the CommonJS @fastify/static; jest on
  // Node 20 cannot require(esm), so that one package is compiled to CommonJS on the fly.
  transform: { '^.+\\.ts$': swc, 'node_modules/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@fair/([a-z-]+)/worker$': '<rootDir>/libs/$1/src/worker/index.ts',
    '^@fair/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  testTimeout: 60000,
  // A suite whose setup failed half-way can leave pool connections open; CI must still end.
  forceExit: true,
  slowTestThreshold: 20,
};
