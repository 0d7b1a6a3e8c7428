// Stands in for the `typescript` package in tests. Pulumi's SDK loads the TypeScript compiler as it
// loads (for serializing functions, which this program never does), and every test file that runs
// the program would pay half a second to compile it again; this loads the real one on first use.
const path = require("path");

let compiler;
const real = () => (compiler ??= require(path.join(path.dirname(require.resolve("typescript/package.json")), "lib", "typescript.js")));

module.exports = new Proxy(
    {},
    {
        get: (_, key) => real()[key],
        has: (_, key) => key in real(),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => ({ ...Object.getOwnPropertyDescriptor(real(), key), configurable: true }),
    },
);
