// `npm run schema [-- --check]`: writes catalog.schema.json, the catalog's schema as JSON Schema, so
// an editor completes and checks a catalog kept as JSON or YAML (point the file's `$schema` at it).
// --check exits 1 when the committed file is out of date with catalog/schema.ts.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { catalogSchema } from "../catalog/schema";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "catalog.schema.json");

/** The catalog's JSON Schema as written to catalog.schema.json: the input side (what people write). */
export function catalogJsonSchema(): string {
    return `${JSON.stringify(z.toJSONSchema(catalogSchema, { io: "input", unrepresentable: "any" }), null, 2)}\n`;
}

function main(argv: string[]): number {
    const check = argv.includes("--check");
    const usage = "Usage: npm run schema [-- --check]   (writes catalog.schema.json; --check fails when it is out of date)";
    if (argv.includes("--help")) {
        console.log(usage);
        return 0;
    }
    const unknown = argv.filter((a) => a !== "--check");
    if (unknown.length) {
        console.error(`schema: unknown argument '${unknown[0]}'\n${usage}`);
        return 2;
    }
    const text = catalogJsonSchema();
    if (check) {
        const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
        if (current === text) return 0;
        console.error("catalog.schema.json is out of date with catalog/schema.ts: run npm run schema and commit it");
        return 1;
    }
    fs.writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
