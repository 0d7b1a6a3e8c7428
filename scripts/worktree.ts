// A temporary checkout of another commit of this repository, ready to run: `git worktree` at the
// ref, with this checkout's installed packages linked in, except the local SDK, which comes from
// the ref itself (the ref's code is written against its own SDK).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

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

/** Points the ref's `file:` dependencies (the local SDK) at the ref's own copies. */
function linkLocalDependencies(dir: string) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const [name, spec] of Object.entries<string>({ ...manifest.dependencies, ...manifest.devDependencies })) {
        if (!spec.startsWith("file:")) continue;
        const link = path.join(dir, "node_modules", name);
        fs.rmSync(link, { force: true, recursive: true });
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.resolve(dir, spec.slice("file:".length)), link);
    }
}

/**
 * Runs `use` with the project directory of `ref` checked out, then removes the checkout. Throws,
 * saying why, when `ref` is not a commit of the repository holding `projectDir`.
 */
export async function withWorktree<T>(projectDir: string, ref: string, use: (dir: string) => Promise<T>): Promise<T> {
    let top: string;
    let commit: string;
    try {
        top = git(projectDir, "rev-parse", "--show-toplevel");
        commit = git(projectDir, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    } catch {
        throw new Error(`'${ref}' is not a commit of the git repository holding ${projectDir}: give a branch, tag or commit (git log shows them), such as origin/main or HEAD~1`);
    }
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-ref-"));
    git(top, "worktree", "add", "--detach", "--force", checkout, commit);
    try {
        const dir = path.join(checkout, path.relative(top, fs.realpathSync(projectDir)));
        // Never write through a node_modules the ref may hold (a committed symlink to this checkout's).
        fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
        linkPackages(path.join(projectDir, "node_modules"), path.join(dir, "node_modules"));
        linkLocalDependencies(dir);
        return await use(dir);
    } finally {
        git(top, "worktree", "remove", "--force", checkout);
        fs.rmSync(checkout, { recursive: true, force: true });
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
    git(repository, "-c", "user.email=ai-feature-flags@example.com", "-c", "user.name=ai-feature-flags", "commit", "--allow-empty", "-qm", message);
}
