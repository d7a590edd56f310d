/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // One temporary directory per run, removed at its end (test/setup/temporary-root.mjs).
  globalSetup: '<rootDir>/test/setup/temporary-root.mjs',
  globalTeardown: '<rootDir>/test/setup/temporary-root-teardown.mjs',
};
