// typescript-eslint's recommended type-checked rules over the project's own TypeScript; Prettier
// owns layout. flags.ts is the user's data, checked by the catalog's schema instead.
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["bin/", "node_modules/", "sdks/", "generated/", "test/fixtures/", "flags.ts", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommendedTypeChecked,
    { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
    {
        // Tests read what the program registered (the engine's inputs are untyped data) and build
        // catalogs that are wrong on purpose: typing every probe would add casts, not safety. The
        // program's own code keeps the type-checked rules.
        files: ["test/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            // It calls casts of those untyped inputs unnecessary, yet removing them breaks the type check.
            "@typescript-eslint/no-unnecessary-type-assertion": "off",
        },
    },
);
