// Lint rules that hold the architecture: determinism in workflows/, import directions between layers,
// and no floating promises anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'querystring', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    ignores: ['templates/**/*.js'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The portal's small browser scripts: plain ES5-style scripts, run by browsers, no type information.
    files: ['templates/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'fetch', 'URLSearchParams', 'FormData', 'XMLHttpRequest', 'DOMParser', 'history', 'setTimeout', 'clearTimeout', 'setInterval'].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    // Nest reads constructor parameter types at run time (emitDecoratorMetadata): they must stay value imports.
    files: ['apps/**/*.ts', 'libs/config/**/*.ts', 'libs/notifications/**/*.ts', 'libs/storage/**/*.ts', 'libs/temporal/**/*.ts', 'libs/persistence/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((m) => [
            { name: m, message: 'Workflow code is deterministic: no Node built-ins.' },
            { name: `node:${m}`, message: 'Workflow code is deterministic: no Node built-ins.' },
          ]).concat([
            { name: 'typeorm', message: 'Workflows never touch the database: call an activity.' },
            { name: 'handlebars', message: 'Rendering happens in activities.' },
            { name: 'pg', message: 'Workflows never touch the database: call an activity.' },
            { name: 'luxon', message: 'Workflow code is deterministic: deadlines in local time are computed in activities (libs/calendar).' },
          ]),
          patterns: [
            { group: ['node:*'], message: 'Workflow code is deterministic: no Node built-ins.' },
            { group: ['@nestjs/*'], message: 'Workflows are plain functions, not Nest providers.' },
            { group: ['**/libs/persistence', '**/libs/persistence/**'], message: 'Workflows never touch the database: call an activity.' },
            { group: ['**/libs/notifications', '**/libs/notifications/**', '**/libs/config', '**/libs/config/**', '**/libs/storage', '**/libs/storage/**', '**/libs/temporal', '**/libs/temporal/**', '**/apps/**'], message: 'Workflows depend on libs/domain only.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflow code imports @temporalio/workflow only.' },
            { group: ['luxon/*', '**/libs/calendar', '**/libs/calendar/**'], message: 'Workflow code is deterministic: deadlines in local time are computed in activities (libs/calendar).' },
          ],
        },
      ],
    },
  },
  {
    // A later block's no-restricted-imports replaces this one for its files: libs/domain repeats the apps pattern.
    files: ['libs/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs never import from apps.' }] }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [
          { group: ['node:*', '@nestjs/*', 'typeorm', '@temporalio/*', 'luxon', 'luxon/*', '../*'], message: 'libs/domain depends on nothing but itself (workflows import it: no Luxon either).' },
          { group: ['**/apps/**'], message: 'libs never import from apps.' },
        ] },
      ],
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [
          { group: ['**/apps/worker/**'], message: 'The API never calls the worker\'s activities: it messages the workflow.' },
          { group: ['**/workflows/case.workflow', '**/workflows/index', '**/workflows/*.workflow'], message: 'The API imports workflows/messages, ids and types only.' },
        ],
        paths: [
          { name: 'class-validator', importNames: ['IsNotEmpty'], message: 'Use IsNotBlank from common/validation: text of only spaces is empty too.' },
        ] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
