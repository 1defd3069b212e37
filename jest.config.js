// Tiers as jest projects: unit (pure logic), workflows (time-skipping Temporal server, real PostgreSQL),
// integration (real PostgreSQL), replay (saved histories), e2e (API and worker processes, Temporal dev server, PostgreSQL).
// @nestjs/* 12 is ESM only: Jest on Node 20 needs it transformed to CommonJS by SWC.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // file-type 21 and its tokenizer packages are ESM only too (Node 20.19+ requires them natively, Jest does not);
  // so are the dependencies openapi-typescript's CommonJS build requires (it is listed for its nested node_modules);
  // the credential signing stack (digitalbazaar's vc, data-integrity, cryptosuite, multikey; jose 6; base58/base64url-universal);
  // ky, which the independent verifier's HTTP client loads; and unpdf (tests read the certificate PDFs with it),
  // whose CommonJS build loads its PDF.js bundle with import().
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit|openapi-typescript|parse-json|index-to-position|supports-color|change-case|@digitalbazaar|@digitalcredentials|jose|base58-universal|base64url-universal|ky|unpdf)/)',
  ],
  // their export maps offer Node only `import` (and `module-sync`), which Jest's resolver does not read
  moduleNameMapper: {
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
    '^unpdf$': '<rootDir>/node_modules/unpdf/dist/index.mjs',
    '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  rootDir: __dirname,
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,workflows}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/test/workflows/**/*.test.ts'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'replay', testMatch: ['<rootDir>/test/replay/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
