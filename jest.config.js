// `npm test`'s tests. Each file is transpiled on its own by swc (fast, cached); `tsc -b` in npm test
// type-checks. The end-to-end tests run with `npm run test:e2e` (test/e2e/jest.config.js).
/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    // The property tests run in test:e2e, at full size (CI runs both).
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/fuzz.test.ts"],
    transform: {
        "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    },
    // Pulumi's SDK loads the TypeScript compiler eagerly, for a feature the program does not use.
    moduleNameMapper: { "^typescript$": "<rootDir>/test/lazyTypescript.js" },
    // Two cores: jest's default (cores - 1) would run every file on one.
    maxWorkers: 2,
};
