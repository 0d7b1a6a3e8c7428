// `npm run schema [-- --check]`: writes catalog.schema.json (catalog/jsonSchema.ts); --check exits 1
// when the committed file is out of date with catalog/schema.ts.
import * as fs from "fs";
import { catalogJsonSchema, SCHEMA_FILE } from "../catalog/jsonSchema";
import { runCommand } from "../cli/command";
import { EXIT } from "../lib/errors";
import { shown } from "../project/files";

const USAGE = `Usage: npm run schema -- [--check]

  --check   write nothing; exit 1 when catalog.schema.json is out of date with catalog/schema.ts

Exit codes: 0 written (or current), 1 out of date with --check, 2 the command could not run.`;

runCommand({ name: "schema", usage: USAGE, options: { check: { type: "boolean" } } }, ({ values }) => {
    const text = catalogJsonSchema();
    if (values.check) {
        if (fs.existsSync(SCHEMA_FILE) && fs.readFileSync(SCHEMA_FILE, "utf8") === text) return EXIT.ok;
        console.error("schema: catalog.schema.json is out of date with catalog/schema.ts: run npm run schema and commit it.");
        return EXIT.invalid;
    }
    fs.writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${shown(SCHEMA_FILE)}`);
    return EXIT.ok;
});
