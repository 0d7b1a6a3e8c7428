/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    // ts-jest transpiles each file on its own (tsconfig isolatedModules); `tsc --noEmit` type-checks.
    transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
};
