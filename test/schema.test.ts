// The catalog's JSON Schema, for editors: the same schema the program enforces, exported.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { catalogJsonSchema, SCHEMA_FILE } from "../catalog/jsonSchema";
import { parseCatalog } from "../catalog/validate";
import { loadCatalog, PROJECT_DIR } from "../project/files";
import { catalog, sampleCatalog } from "./catalogFixtures";

const schema = JSON.parse(catalogJsonSchema());
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

it("is committed, and up to date with catalog/schema.ts (npm run schema)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(catalogJsonSchema());
});

it("accepts the sample catalog and the small fixture, as JSON", () => {
    for (const input of [sampleCatalog(), catalog()]) {
        expect(validate(JSON.parse(JSON.stringify(input)))).toBe(true);
        expect(validate.errors ?? []).toEqual([]);
    }
});

it.each<[string, (c: any) => void, string]>([
    ["an unknown key", (c) => (c.flags[0].expiresOnn = "2027-01-01"), "must NOT have additional properties"],
    ["an identifier Harness refuses", (c) => (c.flags[0].identifier = "chat-model"), "must match pattern"],
    ["a boolean given as text", (c) => (c.flags[0].permanent = "yes"), "must be boolean"],
    ["an unknown kind", (c) => (c.flags[0].kind = "float"), "must match exactly one schema in oneOf"],
])("lets an editor flag %s", (_label, change, message) => {
    const changed: any = sampleCatalog();
    change(changed);
    expect(validate(changed)).toBe(false);
    expect(validate.errors!.map((e) => e.message)).toContainEqual(expect.stringContaining(message));
});

it("lets a catalog be kept as JSON, read by flags.ts as docs/catalog.md shows", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-json-catalog-"));
    try {
        const recipe = /## A catalog kept as JSON[\s\S]*?```ts\n([\s\S]*?)```/.exec(
            fs.readFileSync(path.join(PROJECT_DIR, "docs", "catalog.md"), "utf8"),
        )![1];
        fs.writeFileSync(
            path.join(dir, "flags.ts"),
            recipe.replace('"./catalog/types"', JSON.stringify(path.join(PROJECT_DIR, "catalog", "types"))),
        );
        fs.writeFileSync(path.join(dir, "flags.json"), JSON.stringify({ $schema: "./catalog.schema.json", ...sampleCatalog() }, null, 2));
        const loaded = loadCatalog(dir);
        expect(validate(loaded)).toBe(true);
        expect(parseCatalog(loaded).problems).toEqual([]);
        expect(parseCatalog(loaded).catalog).toEqual({ $schema: "./catalog.schema.json", ...parseCatalog(sampleCatalog()).catalog });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
