// The project's own files as the commands read them: Pulumi.yaml, stack files and flags.ts. Every
// problem with one is a UserFacingError that names the file (and the line), never a stack trace,
// and never the file's content: a stack file holds `secure:` ciphertext, and a command's error in a
// pull request ends up in a comment.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { EXIT, thrownText, UserFacingError } from "../lib/errors";

/** The project's root: where Pulumi.yaml, flags.ts and the stack files are. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

/** `file` as the person running the command would write it: relative to the project. */
export const shown = (file: string, dir = PROJECT_DIR) => path.relative(dir, file) || ".";

/** The YAML document in `file`; a syntax error is reported with its line and column only. */
export function readYaml(file: string, dir = PROJECT_DIR): unknown {
    const text = fs.readFileSync(file, "utf8");
    try {
        return yaml.load(text, { filename: shown(file, dir) });
    } catch (error) {
        if (!(error instanceof yaml.YAMLException)) throw error;
        const where = error.mark ? `${shown(file, dir)}:${error.mark.line + 1}:${error.mark.column + 1}` : shown(file, dir);
        throw new UserFacingError(
            `${where}: not valid YAML: ${error.reason}. Fix that line (the rest of the file is not shown here: it may hold secrets).`,
            EXIT.invalid,
        );
    }
}

/** The project's name, from the Pulumi.yaml in `dir`. */
export function projectName(dir = PROJECT_DIR): string {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new UserFacingError(
            `There is no Pulumi.yaml in ${dir}: it names the project and its stacks' config keys. Restore it (git checkout -- Pulumi.yaml), or run the command in a checkout of this project.`,
            EXIT.invalid,
        );
    }
    const name = (readYaml(file, dir) as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || !name)
        throw new UserFacingError(
            `${shown(file, dir)} has no name: give it one, such as name: ai-feature-flags (it prefixes every config key).`,
            EXIT.invalid,
        );
    return name;
}

/**
 * TypeScript's syntax errors in `file`. ts-node transpiles with swc (tsconfig.json), whose message
 * is a code frame; TypeScript's names the line, the column and the rule, as the editor shows it.
 */
function syntaxErrors(file: string): { line: number; column: number; code: string; message: string }[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler is loaded only for a file that failed to load.
    const ts = require("typescript") as typeof import("typescript");
    const { diagnostics = [] } = ts.transpileModule(fs.readFileSync(file, "utf8"), { fileName: file, reportDiagnostics: true });
    return diagnostics.map((diagnostic) => {
        const at = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? { line: 0, character: 0 };
        return {
            line: at.line + 1,
            column: at.character + 1,
            code: `TS${diagnostic.code}`,
            message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
        };
    });
}

/**
 * The catalog exported by the flags.ts in `dir`, as the program would load it. A syntax error is
 * reported as file:line:col with TypeScript's message; an error thrown while it runs, with where.
 */
export function loadCatalog(dir = PROJECT_DIR): unknown {
    const file = path.join(dir, "flags.ts");
    let loaded: { catalog?: unknown };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's catalog, by a path known only at run time.
        loaded = require(file) as { catalog?: unknown };
    } catch (error) {
        const [first, ...more] = syntaxErrors(file);
        if (first) {
            const rest = more.length
                ? ` (and ${more.length} more error${more.length === 1 ? "" : "s"} after it, often caused by this one; npx tsc -b lists every one)`
                : "";
            throw new UserFacingError(
                `${shown(file, dir)}:${first.line}:${first.column}: ${first.message} [${first.code}]${rest}. Fix flags.ts and run the command again.`,
                EXIT.invalid,
            );
        }
        const frame = String((error as Error)?.stack ?? "").match(/\(?([^\s(]*flags\.ts):(\d+):(\d+)\)?/);
        const where = frame ? `${shown(frame[1], dir)}:${frame[2]}:${frame[3]}` : shown(file, dir);
        throw new UserFacingError(
            `${where}: flags.ts failed while loading: ${thrownText(error)}. Fix flags.ts and run the command again.`,
            EXIT.invalid,
        );
    }
    if (!loaded || !("catalog" in loaded))
        throw new UserFacingError(
            `${shown(file, dir)} exports no catalog: keep \`export const catalog: CatalogInput = { ... }\` in it.`,
            EXIT.invalid,
        );
    return loaded.catalog;
}
