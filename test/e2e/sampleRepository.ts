// A temporary git repository holding this project with the sample catalog, its dev stack and its
// generated files as flags.ts, Pulumi.dev.yaml and generated/dev, committed, where the commands
// run as a user runs them.
import { spawn, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { commitAll, repositoryCopy } from "../../plan/worktree";
import { PROJECT_DIR } from "../../project/files";
import { SAMPLE_DIR } from "../programRun";

export function sampleRepository(): string {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-repo-"));
    repositoryCopy(PROJECT_DIR, repo, "the project");
    const sampleFlags = fs
        .readFileSync(path.join(SAMPLE_DIR, "flags.ts"), "utf8")
        .replace('from "../../../catalog/types"', 'from "./catalog/types"');
    fs.writeFileSync(path.join(repo, "flags.ts"), sampleFlags);
    fs.copyFileSync(path.join(SAMPLE_DIR, "Pulumi.dev.yaml"), path.join(repo, "Pulumi.dev.yaml"));
    fs.rmSync(path.join(repo, "generated"), { recursive: true, force: true });
    fs.cpSync(path.join(SAMPLE_DIR, "generated"), path.join(repo, "generated", "dev"), { recursive: true });
    commitAll(repo, "the sample catalog as reviewed");
    return repo;
}

const tsNode = (repo: string, script: string, args: string[]) => ({
    args: ["-r", require.resolve("ts-node/register/transpile-only"), `scripts/${script}.ts`, ...args],
    options: { cwd: repo, env: { ...process.env, TS_NODE_PROJECT: path.join(repo, "tsconfig.json") } },
});

/** `npm run <script> -- <args>` in `repo`, run as node runs it (npm adds nothing but its banner). */
export function command(repo: string, script: string, ...args: string[]): SpawnSyncReturns<string> {
    const { args: argv, options } = tsNode(repo, script, args);
    return spawnSync(process.execPath, argv, { ...options, encoding: "utf8" });
}

/** The same, started in the background with its own temporary directory, for a test that interrupts it. */
export function startCommand(repo: string, tmpdir: string, script: string, ...args: string[]) {
    const { args: argv, options } = tsNode(repo, script, args);
    return spawn(process.execPath, argv, { ...options, env: { ...options.env, TMPDIR: tmpdir }, stdio: ["ignore", "pipe", "pipe"] });
}
