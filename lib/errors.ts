// What the project's commands exit with, and the error that carries a problem its reader can fix.
import { types } from "util";

/** The exit codes every command uses (each command's --help says which it returns). */
export const EXIT = {
    /** Done; for a diff, nothing changes. */
    ok: 0,
    /** The config, the catalog or a stack file is invalid: the message lists what to fix. */
    invalid: 1,
    /** The command could not run: a usage error, a file it cannot read or write, git, or a crash. */
    cannotRun: 2,
    /** Done, and something changes (plan --diff) or drifted (drift). */
    changes: 3,
    /** Done, and the change has blockers: protect would stop it, or it breaks traffic (plan --diff). */
    blocked: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem the person running a command can fix, said in one paragraph that names the file, key
 * or option, what is allowed and what to do. Commands print its message as it is, never a stack.
 */
export class UserFacingError extends Error {
    constructor(
        message: string,
        readonly exitCode: ExitCode = EXIT.cannotRun,
    ) {
        super(message);
        this.name = "UserFacingError";
    }
}

/** A thrown value as text: an Error's message, a string as it is, anything else as JSON. */
export function thrownText(thrown: unknown): string {
    if (types.isNativeError(thrown)) return thrown.message;
    if (typeof thrown === "string") return thrown;
    try {
        return JSON.stringify(thrown) ?? String(thrown);
    } catch {
        return String(thrown);
    }
}
