// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The dependency direction of the architecture, enforced here rather than in a wiki page:
 * core <- {matching, formats} <- storage (ports) <- {pipeline, synthetic, fhir} <- {server, cli}.
 * `formats` holds file and wire formats (FHIR Patient JSON, register CSV, PDS MESH CSV rows).
 * Each entry lists the folders a layer must never import.
 */
const layers = {
  core: ['matching', 'formats', 'storage', 'pipeline', 'synthetic', 'fhir', 'server', 'cli'],
  matching: ['formats', 'storage', 'pipeline', 'synthetic', 'fhir', 'server', 'cli'],
  formats: ['matching', 'storage', 'pipeline', 'synthetic', 'fhir', 'server', 'cli'],
  storage: ['pipeline', 'synthetic', 'fhir', 'server', 'cli'],
  synthetic: ['storage', 'pipeline', 'fhir', 'server', 'cli'],
  pipeline: ['fhir', 'server', 'cli'],
  fhir: ['pipeline', 'server', 'cli'],
};

/** Pure layers do no I/O: no Node built-ins, no database or HTTP packages. */
const ioModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'stream',
  'crypto',
  'http',
  'https',
  'net',
  '@duckdb/*',
  'pg',
  'fastify',
  'pino',
  'commander',
  'csv-parse',
  'csv-stringify',
];

const concreteAdapters = ['**/storage/duckdb/**', '**/storage/postgres/**'];

/** @param {string} layer */
function boundaryRule(layer) {
  const forbidden = layers[/** @type {keyof typeof layers} */ (layer)];
  const pure = layer === 'core' || layer === 'matching';
  /** @type {{group: string[], message: string}[]} */
  const patterns = [
    {
      group: forbidden.flatMap((f) => [`**/${f}/**`, `../${f}`, `../../${f}`]),
      message: `src/${layer} must not import ${forbidden.join(', ')}: dependencies point inwards (core <- matching <- storage ports <- pipeline/fhir <- cli/server).`,
    },
  ];
  if (pure) {
    patterns.push({
      group: ioModules,
      message: `src/${layer} is pure domain code: no I/O, no database, no runtime dependencies. Put this in an adapter.`,
    });
  } else if (layer !== 'storage') {
    patterns.push({
      group: concreteAdapters,
      message: `Only src/cli, src/server and contract tests wire a concrete storage adapter; depend on the port in src/storage instead.`,
    });
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'out/**', '.bench/**', '.tmp/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'max-params': ['error', 4],
      'no-console': 'error',
      // Our own invariant: patient-identifiable fields never reach a logger.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(log|logger)$/] MemberExpression[property.name=/^(nhsNumber|familyName|givenName|givenNames|birthDate|dateOfBirth|postcode|addressLines|name)$/]',
          message:
            'No patient-identifiable data in logs: log counts, row numbers and codes, never names, dates of birth, postcodes or NHS Numbers.',
        },
      ],
    },
  },
  ...Object.keys(layers).map(boundaryRule),
  {
    files: ['**/*.test.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-params': 'off',
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
