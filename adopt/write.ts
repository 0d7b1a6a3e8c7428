// The text `npm run adopt` writes: the adopted entries as a catalog file in the catalog's own shape
// and style (Prettier with the project's settings), the Pulumi import file, and, with --merge, the
// entries inserted into the arrays of the catalog object in flags.ts.
import { execFileSync } from "child_process";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../project/files";
import type { Adoption, ImportEntry } from "./fromHarness";

const LISTS = ["targets", "targetGroups", "flags"] as const;

/** Formats each text with the project's Prettier settings as the file it will be. */
const FORMAT = `
const prettier = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk)).on("end", async () => {
    const { config, files } = JSON.parse(input);
    const out = [];
    for (const { text, file } of files) out.push(await prettier.format(text, { ...(await prettier.resolveConfig(file, { config })), filepath: file }));
    process.stdout.write(JSON.stringify(out));
});`;

/**
 * The texts as Prettier formats them with the project's settings, all in one child process
 * (Prettier 3 loads its plugins by dynamic import, which jest's module sandbox refuses).
 */
export function formatted(files: { text: string; file: string }[]): string[] {
    const output = execFileSync(process.execPath, ["-e", FORMAT, require.resolve("prettier")], {
        input: JSON.stringify({ config: path.join(PROJECT_DIR, ".prettierrc.json"), files }),
        encoding: "utf8",
        stdio: ["pipe", "pipe", "pipe"],
    });
    return JSON.parse(output) as string[];
}

/** `<out>/catalog.ts`, unformatted: a catalog of the adopted entries alone, which validates as flags.ts does. */
export function catalogFile(adoption: Adoption, directory: string, header: string[], projectDir = PROJECT_DIR): string {
    const typesModule = path
        .relative(directory, path.join(projectDir, "catalog", "types"))
        .split(path.sep)
        .join("/");
    return [
        ...header.map((line) => `// ${line}`),
        `import type { CatalogInput } from "${typesModule.startsWith(".") ? typesModule : `./${typesModule}`}";`,
        "",
        `export const catalog: CatalogInput = ${JSON.stringify({ ...adoption.catalog, segments: [], experiments: [] })};`,
    ].join("\n");
}

/** The Pulumi import file (`pulumi import --file`): components first, each child after its parent. */
export const importFile = (imports: ImportEntry[]) => `${JSON.stringify({ resources: imports }, null, 2)}\n`;

/** The identifiers the adopted entries share with a catalog already in flags.ts, by list. */
export function collisions(adoption: Adoption, existing: Record<string, unknown>): string[] {
    return LISTS.flatMap((list) => {
        const present = new Set(((existing[list] as { identifier?: string }[] | undefined) ?? []).map((entry) => entry.identifier));
        return adoption.catalog[list].filter((entry) => present.has(entry.identifier)).map((entry) => `${list}: '${entry.identifier}'`);
    });
}

/**
 * flags.ts (unformatted) with the adopted entries appended to the arrays of its exported `catalog` object (an
 * array it lacks is added); undefined when that object is not written as a literal, which the
 * person merging then does by hand.
 */
export function mergedFlagsFile(source: string, adoption: Adoption, file: string): string | undefined {
    const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    let literal: ts.ObjectLiteralExpression | undefined;
    tree.forEachChild(function find(node) {
        if (ts.isVariableDeclaration(node) && node.name.getText(tree) === "catalog" && node.initializer) {
            let init: ts.Expression = node.initializer;
            while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
            if (ts.isObjectLiteralExpression(init)) literal = init;
        }
        node.forEachChild(find);
    });
    if (!literal) return undefined;
    const insertions: { at: number; text: string }[] = [];
    for (const list of LISTS) {
        const entries = adoption.catalog[list];
        if (!entries.length) continue;
        const entriesText = entries.map((entry) => JSON.stringify(entry)).join(", ");
        const property = literal.properties.find(
            (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(tree).replace(/["']/g, "") === list,
        );
        if (!property) {
            insertions.push({ at: literal.getStart(tree) + 1, text: ` ${list}: [${entriesText}],` });
            continue;
        }
        if (!ts.isArrayLiteralExpression(property.initializer)) return undefined;
        const array = property.initializer;
        const separator = array.elements.length && !array.elements.hasTrailingComma ? ", " : " ";
        insertions.push({ at: array.getEnd() - 1, text: `${separator}${entriesText}` });
    }
    let merged = source;
    for (const { at, text } of insertions.sort((a, b) => b.at - a.at)) merged = merged.slice(0, at) + text + merged.slice(at);
    return merged;
}
