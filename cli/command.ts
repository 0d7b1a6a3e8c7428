// One argument parser and one error path for every command in scripts/: options parsed by
// node:util's parseArgs, every mistake said in one paragraph that names the option, file or key
// and what to do, a documented exit code, and no stack trace. Work a command leaves behind (a git
// worktree, a temporary directory, child processes) is registered here and undone on Ctrl-C too.
import { parseArgs, ParseArgsConfig } from "node:util";
import * as path from "path";
import { types } from "util";
import { EXIT, thrownText, UserFacingError } from "../lib/errors";
import { didYouMean } from "../lib/problems";
import { PROJECT_DIR, shown } from "../project/files";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Command<O extends Options> {
    /** The npm script that runs it: `npm run <name>`. */
    name: string;
    /** The whole usage text: synopsis, options and exit codes. */
    usage: string;
    /** Its options, as parseArgs takes them (`--help` is added). */
    options: O;
    /** How many positional arguments it takes (none by default). */
    positionals?: { name: string; max: number };
}

export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>;

/** Thrown for a command line the command cannot take; printed with the usage. */
export class UsageError extends UserFacingError {}

/**
 * Options that npm took for itself: `npm run plan --diff HEAD`, without `--`, gives `--diff` to
 * npm, which passes it on only as the environment variable npm_config_diff (or, for an option
 * npm knows by a longer name, npm_config_format_package_lock), and its value as a bare argument.
 */
export function optionsTakenByNpm(command: Command<Options>, env: NodeJS.ProcessEnv): string[] {
    if (!env.npm_lifecycle_event) return [];
    const variables = Object.keys(env).filter((key) => key.startsWith("npm_config_"));
    return Object.keys(command.options).filter((option) => {
        const variable = `npm_config_${option.replace(/-/g, "_")}`;
        return variables.some((key) => key === variable || key.startsWith(`${variable}_`));
    });
}

/** The command line, parsed; a mistake is a UsageError that says which option and what it takes. */
export function parseCommandLine<O extends Options>(
    command: Command<O>,
    argv: string[],
    env: NodeJS.ProcessEnv = process.env,
): Parsed<O> | "help" {
    const swallowed = optionsTakenByNpm(command, env);
    if (swallowed.length) {
        // npm keeps a value for options it knows (npm_config_diff=HEAD); for others it keeps "true" and passes the value on as an argument.
        const loose = argv.filter((arg) => !arg.startsWith("-"));
        const typed = swallowed.map((option) => {
            if (command.options[option].type !== "string") return `--${option}`;
            const kept = env[`npm_config_${option.replace(/-/g, "_")}`];
            const value = kept && kept !== "true" ? kept : (loose.shift() ?? "<value>");
            return `--${option} ${value}`;
        });
        const options = swallowed.map((option) => `--${option}`).join(", ");
        throw new UsageError(
            `${command.name}: npm took ${options} for itself, so the command never saw ${swallowed.length > 1 ? "them" : "it"}: npm passes options on only after --. Type: npm run ${command.name} -- ${[...typed, ...argv.filter((arg) => arg.startsWith("-"))].join(" ")}.`,
        );
    }
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: { ...command.options, help: { type: "boolean", short: "h" } },
            strict: true,
            allowPositionals: true,
            tokens: true,
        });
    } catch (error) {
        const unknown = /^Unknown option '-*([^']*)'/.exec(thrownText(error));
        if (unknown) {
            const options = Object.keys(command.options);
            throw new UsageError(
                `${command.name}: there is no option '--${unknown[1]}'; ${didYouMean(unknown[1], options)}the options are ${options.map((o) => `--${o}`).join(", ")}.`,
            );
        }
        throw new UsageError(`${command.name}: ${thrownText(error).replace(/\. To specify a positional argument.*$/s, "")}`);
    }
    if ((parsed.values as { help?: boolean }).help) return "help";
    for (const [option, config] of Object.entries(command.options)) {
        const given = parsed.tokens.filter((token) => token.kind === "option" && token.name === option);
        if (!config.multiple && given.length > 1) {
            const values = given.map((token) => (token.kind === "option" && token.value !== undefined ? token.value : "")).filter(Boolean);
            throw new UsageError(
                `${command.name}: --${option} is given ${given.length} times${values.length ? ` (${values.join(", ")})` : ""}: give it once.`,
            );
        }
    }
    const max = command.positionals?.max ?? 0;
    if (parsed.positionals.length > max) {
        const extra = parsed.positionals[max];
        throw new UsageError(`${command.name}: unexpected argument '${extra}'${max ? "" : ": this command takes only options"}.`);
    }
    return parsed;
}

const cleanups = new Set<() => void>();

/** Registers work to undo if the command is interrupted; call the returned function once it is undone. */
export function onInterrupt(undo: () => void): () => void {
    cleanups.add(undo);
    return () => void cleanups.delete(undo);
}

function interrupted(signal: NodeJS.Signals, code: number) {
    for (const undo of [...cleanups].reverse()) {
        try {
            undo();
        } catch {
            // Undo the rest whatever one of them does.
        }
    }
    process.stderr.write(`\ninterrupted (${signal}): what the command had made is removed.\n`);
    process.exit(code);
}

/** What a file-system error code means for the person who can fix it. */
const FILE_SYSTEM_ADVICE: Record<string, string> = {
    EACCES: "permission denied: check who owns it and its mode, or choose another path",
    EPERM: "the operation is not permitted: check who owns it and its mode, or choose another path",
    ENOSPC: "the disk is full: free some space and run the command again",
    EDQUOT: "the disk quota is used up: free some space and run the command again",
    EEXIST: "something is already there: move it away, or choose another path",
    ENOTDIR: "a part of that path is a file, not a directory: choose another path",
    EISDIR: "it is a directory where a file was expected: choose another path",
    ENOENT: "it does not exist",
    EROFS: "the file system is read-only: choose a writable path",
    EMFILE: "too many files are open: close some programs and run the command again",
};

const ACTION: Record<string, string> = {
    open: "open",
    mkdir: "create the directory",
    unlink: "delete",
    rmdir: "remove the directory",
    scandir: "list",
    rename: "rename",
    copyfile: "copy",
    write: "write",
    read: "read",
    stat: "read",
    lstat: "read",
    rm: "remove",
};

/** One paragraph for anything a command throws, and the exit code to go with it. */
export function describeFailure(name: string, thrown: unknown): { message: string; exitCode: number } {
    if (thrown instanceof UsageError) return { message: thrown.message, exitCode: EXIT.cannotRun };
    if (thrown instanceof UserFacingError)
        return {
            message: thrown.message.startsWith(`${name}: `) ? thrown.message : `${name}: ${thrown.message}`,
            exitCode: thrown.exitCode,
        };
    const code = (thrown as NodeJS.ErrnoException)?.code;
    const file = (thrown as NodeJS.ErrnoException)?.path;
    if (types.isNativeError(thrown) && code && FILE_SYSTEM_ADVICE[code] && file) {
        const action = ACTION[(thrown as NodeJS.ErrnoException).syscall ?? ""] ?? "use";
        const where = path.isAbsolute(file) && !path.relative(PROJECT_DIR, file).startsWith("..") ? shown(file) : file;
        return { message: `${name}: cannot ${action} ${where}: ${FILE_SYSTEM_ADVICE[code]} (${code}).`, exitCode: EXIT.cannotRun };
    }
    const detail = process.env.AI_FEATURE_FLAGS_DEBUG
        ? `\n${(thrown as Error)?.stack ?? ""}`
        : " (set AI_FEATURE_FLAGS_DEBUG=1 for the stack trace)";
    return { message: `${name}: failed: ${thrownText(thrown)}${types.isNativeError(thrown) ? detail : ""}`, exitCode: EXIT.cannotRun };
}

/**
 * Runs a command: parses its line, prints its usage for --help, runs `main` with what was parsed,
 * and exits with the code it returns, or with the one its failure calls for, said in one paragraph.
 */
export function runCommand<O extends Options>(
    command: Command<O>,
    main: (parsed: Parsed<O>) => number | Promise<number>,
    argv = process.argv.slice(2),
): void {
    process.once("SIGINT", () => interrupted("SIGINT", 130));
    process.once("SIGTERM", () => interrupted("SIGTERM", 143));
    Promise.resolve()
        .then(() => {
            const parsed = parseCommandLine(command, argv);
            if (parsed === "help") {
                console.log(command.usage);
                return EXIT.ok;
            }
            return main(parsed);
        })
        .then(
            (code) => (process.exitCode = code),
            (thrown) => {
                const { message, exitCode } = describeFailure(command.name, thrown);
                console.error(
                    thrown instanceof UsageError ? `${message} (npm run ${command.name} -- --help shows every option.)` : message,
                );
                process.exitCode = exitCode;
            },
        );
}
