/**
 * Module boundaries, checked by `npm run lint` (docs/decisions/001-module-boundaries.md).
 *
 * - apps may import any lib; libs never import apps (libs/testing excepted: it boots them).
 * - libs/core imports nothing internal.
 * - foundation libs (core, db, jobs, mail, auth, fairs) never import domain libs.
 * - a domain lib imports foundation libs, itself, and only the domain libs listed below.
 * - libs/testing is for specs and libs/<lib>/test/ helpers: production code does not import it.
 * - no circular dependencies; every import resolves (the @fair/* paths come from tsconfig.json).
 */
// tallies is generic counters (no domain knowledge), so every domain may feed it.
const FOUNDATION = ['core', 'db', 'jobs', 'mail', 'auth', 'fairs', 'tallies'];

/** domain lib -> the other domain libs it may import (add a new domain lib here). */
const DOMAIN_MAY_IMPORT = {
  exhibitors: [],
  booths: ['exhibitors'],
  visitors: ['exhibitors'], // staff passes for an exhibitor's staff
  checkin: ['visitors'],
  matchmaking: ['exhibitors', 'visitors'],
  leads: ['visitors'],
  reports: ['checkin', 'matchmaking'],
};

const KNOWN = [...FOUNDATION, ...Object.keys(DOMAIN_MAY_IMPORT), 'testing'];
const any = (names) => `(${names.join('|')})`;
const SPEC = '\\.(spec|e2e-spec|test)\\.ts$';
/** test support outside src/ (libs/<lib>/test/*.ts): not compiled into the apps */
const TEST_SUPPORT = '^libs/[^/]+/test/';

const domainRules = Object.entries(DOMAIN_MAY_IMPORT).map(([lib, allowed]) => ({
  name: `domain-${lib}-imports`,
  comment: `libs/${lib} may import the foundation libs${allowed.length ? ` and ${allowed.join(', ')}` : ''} only`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/', pathNot: `^libs/${any([...FOUNDATION, lib, ...allowed, 'testing'])}/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles: a domain refers to another one by id, reactions go through jobs',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'libraries never import applications (libs/testing boots them for tests)',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'core-imports-nothing-internal',
      comment: 'libs/core is the bottom layer',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/core/' },
    },
    {
      name: 'foundation-not-to-domain',
      comment: 'foundation libs never import domain libs (dependencies run one way)',
      severity: 'error',
      from: { path: `^libs/${any(FOUNDATION)}/` },
      to: { path: '^libs/', pathNot: `^libs/${any([...FOUNDATION, 'testing'])}/` },
    },
    ...domainRules,
    {
      name: 'unlisted-lib-imports',
      comment: 'a lib missing from .dependency-cruiser.cjs may import the foundation libs only: list it there',
      severity: 'error',
      from: { path: `^libs/(?!${any(KNOWN)}/)([^/]+)/` },
      to: { path: '^libs/', pathNot: [`^libs/${any([...FOUNDATION, 'testing'])}/`, '^libs/$1/'] },
    },
    {
      name: 'testing-only-in-specs',
      comment: 'libs/testing (test databases, the test system) is for specs and test helpers, never production code',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/testing/', SPEC, TEST_SUPPORT] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (an @fair/* alias missing from tsconfig.json, a package missing from package.json)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.data)/|^apps/web/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
