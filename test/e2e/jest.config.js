// `npm run test:e2e`: the slow end-to-end tests (real git repositories, child processes, the
// OpenFeature SDK) and the property tests at full size (FUZZ_RUNS), kept out of `npm test` so that
// it stays a few seconds; CI runs both.
/** @type {import('jest').Config} */
module.exports = {
    ...require("../../jest.config.js"),
    rootDir: "../..",
    roots: ["<rootDir>/test"],
    testPathIgnorePatterns: ["/node_modules/"],
    testMatch: ["<rootDir>/test/e2e/**/*.test.ts", "<rootDir>/test/fuzz.test.ts"],
};
