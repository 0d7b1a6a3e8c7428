// A temporary checkout of another commit of this repository, ready to run: `git worktree` at the
// ref, with this checkout's installed packages linked in, except the local SDK, which comes from
// the ref itself (the ref's code is written against its own SDK). It is removed afterwards, when
// anything fails, and when the command is interrupted: no registered worktree, no directory left.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { onInterrupt } from "../cli/command";
import { EXIT, UserFacingError } from "../lib/errors";

const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** What git said on stderr, or its message. */
const gitSaid = (error: unknown) => String((error as { stderr?: string }).stderr || (error as Error).message).trim();

/** Links `source`'s node_modules into `target`'s, entry by entry, so that single packages can be swapped. */
function linkPackages(source: string, target: string) {
    fs.mkdirSync(target, { recursive: true });
    for (const entry of fs.readdirSync(source)) {
        if (entry === ".bin" || entry.startsWith(".")) continue;
        const from = path.join(source, entry);
        if (entry.startsWith("@")) linkPackages(from, path.join(target, entry));
        else fs.symlinkSync(fs.realpathSync(from), path.join(target, entry));
    }
}

/** The project at `ref` must exist and be readable: its package.json names its local SDK. */
function refProject(dir: string, ref: string): Record<string, Record<string, string>> {
    for (const file of ["Pulumi.yaml", "package.json", "index.ts"]) {
        if (!fs.existsSync(path.join(dir, file)))
            throw new UserFacingError(
                `${ref} has no ${file} for this project: the project did not exist there yet. Give a later ref (git log --oneline -- Pulumi.yaml shows the ones that have it).`,
            );
    }
    try {
        return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    } catch (error) {
        throw new UserFacingError(
            `package.json at ${ref} is not valid JSON (${(error as Error).message}), so its program cannot be set up: give another ref, or fix package.json there.`,
        );
    }
}

/** Points the ref's `file:` dependencies (the local SDK) at the ref's own copies. */
function linkLocalDependencies(dir: string, manifest: Record<string, Record<string, string>>) {
    for (const [name, spec] of Object.entries<string>({ ...manifest.dependencies, ...manifest.devDependencies })) {
        if (typeof spec !== "string" || !spec.startsWith("file:")) continue;
        const link = path.join(dir, "node_modules", name);
        fs.rmSync(link, { force: true, recursive: true });
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.resolve(dir, spec.slice("file:".length)), link);
    }
}

/** The commit `ref` names in the repository holding `projectDir`, or why there is none, said as which case it is. */
export function commitOf(projectDir: string, ref: string): { top: string; commit: string } {
    let top: string;
    try {
        top = git(projectDir, "rev-parse", "--show-toplevel");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
            throw new UserFacingError(
                "git is not installed (or not on PATH), and --diff needs it to check out the ref: install git and run again.",
            );
        throw new UserFacingError(
            `${projectDir} is not in a git repository (${gitSaid(error).split("\n")[0]}), so there is no ref to compare with: run it in a clone of the repository.`,
        );
    }
    try {
        return { top, commit: git(projectDir, "rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`) };
    } catch {
        const shallow = git(projectDir, "rev-parse", "--is-shallow-repository") === "true";
        if (shallow) {
            throw new UserFacingError(
                `'${ref}' is not a commit of this clone, which is shallow (it holds only the newest commits): run git fetch --unshallow (in GitHub Actions, actions/checkout with fetch-depth: 0), then run again.`,
            );
        }
        throw new UserFacingError(
            `'${ref}' is not a commit of the git repository holding ${projectDir}: give a branch, tag or commit (git log shows them), such as origin/main or HEAD~1.`,
        );
    }
}

/**
 * Runs `use` with the project directory of `ref` checked out, then removes the checkout. Throws,
 * saying why, when `ref` is not a commit of the repository, or the project is not there at it.
 */
export async function withWorktree<T>(projectDir: string, ref: string, use: (dir: string) => Promise<T>): Promise<T> {
    const { top, commit } = commitOf(projectDir, ref);
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-ref-"));
    const remove = () => {
        try {
            git(top, "worktree", "remove", "--force", checkout);
        } catch {
            // Not registered (git failed before registering it), or already gone: prune below.
        }
        fs.rmSync(checkout, { recursive: true, force: true });
        git(top, "worktree", "prune");
    };
    const undo = onInterrupt(remove);
    try {
        try {
            git(top, "-c", "core.hooksPath=/dev/null", "worktree", "add", "--detach", "--force", checkout, commit);
        } catch (error) {
            throw new UserFacingError(
                `git could not check out ${ref} into a temporary worktree: ${gitSaid(error).split("\n").slice(-1)[0]}`,
                EXIT.cannotRun,
            );
        }
        const dir = path.join(checkout, path.relative(top, fs.realpathSync(projectDir)));
        const manifest = refProject(dir, ref);
        // Never write through a node_modules the ref may hold (a committed symlink to this checkout's).
        fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
        linkPackages(path.join(projectDir, "node_modules"), path.join(dir, "node_modules"));
        linkLocalDependencies(dir, manifest);
        return await use(dir);
    } finally {
        remove();
        undo();
    }
}

/**
 * A new git repository at `destination` holding this checkout's files as they are in the working
 * tree (tracked and untracked, not ignored), committed, with this checkout's packages linked in:
 * for a test or a benchmark that needs a history of its own.
 */
export function repositoryCopy(projectDir: string, destination: string, message: string): void {
    const files = git(projectDir, "ls-files", "--cached", "--others", "--exclude-standard").split("\n").filter(Boolean);
    for (const file of files) {
        if (!fs.existsSync(path.join(projectDir, file))) continue;
        fs.mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
        fs.copyFileSync(path.join(projectDir, file), path.join(destination, file));
    }
    fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(destination, "node_modules"));
    git(destination, "init", "-q");
    commitAll(destination, message);
}

/** Commits everything in `repository`, as a test or benchmark does. */
export function commitAll(repository: string, message: string): void {
    git(repository, "add", "-A");
    git(
        repository,
        "-c",
        "user.email=ai-feature-flags@example.com",
        "-c",
        "user.name=ai-feature-flags",
        "commit",
        "--allow-empty",
        "-qm",
        message,
    );
}
