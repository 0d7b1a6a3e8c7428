// The directory `npm run generate` (or `npm run adopt`) writes into, and the only files it ever touches there: those a
// manifest (.generated.json) says it wrote. A directory inside the project that holds anything
// else, or any path outside the project, is refused before a byte is written.
import * as fs from "fs";
import * as path from "path";
import { UserFacingError } from "../lib/errors";
import { PROJECT_DIR, shown } from "../project/files";

/** Lists the files a previous `generate` wrote, so that the next one may replace or remove them. */
export const MANIFEST = ".generated.json";

interface Manifest {
    generatedBy: string;
    files: string[];
}

/** The files the manifest in `directory` lists, or undefined when it has none. */
function manifestFiles(directory: string): string[] | undefined {
    const file = path.join(directory, MANIFEST);
    if (!fs.existsSync(file)) return undefined;
    try {
        const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
        if (Array.isArray(manifest.files) && manifest.files.every((name) => typeof name === "string" && path.basename(name) === name))
            return manifest.files;
    } catch {
        // Unreadable: treated as no manifest, so nothing in the directory is taken for ours.
    }
    throw new UserFacingError(
        `${shown(file)} is not a manifest npm run generate or npm run adopt wrote: restore it (git checkout), or remove the directory if everything in it was generated.`,
    );
}

/** Who writes the directory, for its messages: the command and an example of a directory of its own. */
export interface Writer {
    command: string;
    example: string;
}
const GENERATE: Writer = { command: "npm run generate", example: "generated/<stack>" };

/**
 * The absolute directory for `out`, once it is safe to write `names` there: inside the project,
 * not the project itself, and holding nothing but what a previous generate wrote.
 */
export function outputDirectory(out: string, names: Iterable<string>, projectDir = PROJECT_DIR, writer = GENERATE): string {
    const { command, example } = writer;
    const directory = path.resolve(projectDir, out);
    const relative = path.relative(projectDir, directory);
    if (!relative || relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new UserFacingError(
            `--out ${out} is ${relative ? "outside the project" : "the project's root"}: ${command} writes only into a directory of its own inside the project, such as ${example} (the default).`,
        );
    }
    if (relative.split(path.sep).some((part) => part === "node_modules" || part === ".git"))
        throw new UserFacingError(
            `--out ${out} is inside ${relative.split(path.sep).find((part) => part === "node_modules" || part === ".git")}: choose a directory of its own, such as ${example}.`,
        );
    if (!fs.existsSync(directory)) return directory;
    if (!fs.statSync(directory).isDirectory())
        throw new UserFacingError(`--out ${out} is a file, not a directory: choose a directory of its own, such as ${example}.`);
    const ours = new Set([MANIFEST, ...(manifestFiles(directory) ?? [])]);
    const foreign = fs.readdirSync(directory).filter((name) => !ours.has(name));
    if (foreign.length) {
        const listed = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : "");
        throw new UserFacingError(
            `--out ${out} holds files ${command} did not write (${listed}), and ${command} replaces what is in its directory: choose a directory of its own, such as ${example}, or move those files away.${[...names].some((n) => foreign.includes(n)) ? ` (If an older ${command} wrote them, before it kept a manifest: delete the directory and run again.)` : ""}`,
        );
    }
    return directory;
}

/** How `directory` differs from what writeGenerated would leave there for `files`; empty when current. */
export function outOfDate(directory: string, files: ReadonlyMap<string, string>): string[] {
    const listed = fs.existsSync(directory) ? manifestFiles(directory) : undefined;
    const differs = [...files.keys()].filter(
        (name) => !fs.existsSync(path.join(directory, name)) || fs.readFileSync(path.join(directory, name), "utf8") !== files.get(name),
    );
    const leftOver = (listed ?? []).filter((name) => !files.has(name) && fs.existsSync(path.join(directory, name)));
    const manifestCurrent = JSON.stringify(listed) === JSON.stringify([...files.keys()].sort());
    return [
        ...differs.map((name) => `${name} differs or is missing`),
        ...leftOver.map((name) => `${name} is no longer generated`),
        ...(manifestCurrent ? [] : [`${MANIFEST} is missing or lists other files`]),
    ];
}

/**
 * Writes `files` into `directory` (from outputDirectory), then removes what the previous manifest
 * listed and this one does not. The manifest is written first with both, so an interrupted run
 * still owns every file it may have left.
 */
export function writeGenerated(directory: string, files: ReadonlyMap<string, string>, generatedBy: string): void {
    const previous = fs.existsSync(directory) ? (manifestFiles(directory) ?? []) : [];
    const names = [...files.keys()].sort();
    const writeManifest = (listed: string[]) =>
        fs.writeFileSync(path.join(directory, MANIFEST), `${JSON.stringify({ generatedBy, files: listed } satisfies Manifest, null, 2)}\n`);
    fs.mkdirSync(directory, { recursive: true });
    writeManifest([...new Set([...previous, ...names])].sort());
    for (const [name, text] of files) fs.writeFileSync(path.join(directory, name), text);
    for (const name of previous) if (!files.has(name)) fs.rmSync(path.join(directory, name), { force: true });
    writeManifest(names);
}
