// The catalog's schema as JSON Schema, written to catalog.schema.json, so an editor completes and
// checks a catalog kept as JSON or YAML (point the file's `$schema` at it).
import * as path from "path";
import { z } from "zod";
import { catalogSchema } from "./schema";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "catalog.schema.json");

/** The catalog's JSON Schema as written to catalog.schema.json: the input side (what people write). */
export function catalogJsonSchema(): string {
    return `${JSON.stringify(z.toJSONSchema(catalogSchema, { io: "input", unrepresentable: "any" }), null, 2)}\n`;
}
