// The catalog's JSON Schema, for editors: the same schema the program enforces, exported.
import * as fs from "fs";
import Ajv2020 from "ajv/dist/2020";
import { catalogJsonSchema, SCHEMA_FILE } from "../catalog/jsonSchema";
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
