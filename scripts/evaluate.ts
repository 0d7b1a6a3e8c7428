// Evaluates the program of a project directory (this checkout, or a git worktree of another
// commit) under the mock runtime: in this process, or in a child process so that two evaluations
// run side by side, each with its own module cache and Pulumi runtime.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "./mockRuntime";

export type Evaluation =
    | { ok: true; run: ProgramRun; secretConfigValues: string[] }
    /** `invalid`: the config or catalog was refused (message lists the problems); otherwise the program failed. */
    | { ok: false; invalid: boolean; message: string };

/** The project name of a directory's Pulumi.yaml. */
const projectName = (dir: string) => (yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;

/** Runs the program in `dir` with the stack's config from `configDir` (default `dir`) and `overrides`. */
export async function evaluate(dir: string, stack: string, overrides: Record<string, unknown>, configDir = dir): Promise<Evaluation> {
    let project: string;
    let stackConfig;
    try {
        project = projectName(dir);
        stackConfig = readStackConfig(project, stack, overrides, configDir);
    } catch (error) {
        return { ok: false, invalid: true, message: (error as Error).message };
    }
    const registrations = await startMockRuntime(project, stack, stackConfig);
    try {
        const run = await runProgram(path.join(dir, "index.ts"), registrations);
        return { ok: true, run, secretConfigValues: stackConfig.secretKeys.map((k) => stackConfig.config[k]) };
    } catch (error) {
        const invalid = pulumi.RunError.isInstance(error);
        return { ok: false, invalid, message: invalid ? (error as Error).message : String((error as Error)?.stack ?? error) };
    }
}

/**
 * `evaluate` in a child process. Its warnings (stderr) are returned, for the caller to show or not;
 * the result comes back through a file, so nothing the program prints can garble it.
 */
export function evaluateInChild(dir: string, stack: string, overrides: Record<string, unknown>, configDir = dir): Promise<Evaluation & { stderr: string }> {
    const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-evaluation-")), "result.json");
    const args = ["-r", require.resolve("ts-node/register/transpile-only"), __filename, "--child", dir, stack, JSON.stringify(overrides), configDir, resultFile];
    return new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TS_NODE_PROJECT: path.join(dir, "tsconfig.json") } });
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (code) => {
            let result: Evaluation;
            try {
                result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
            } catch {
                result = { ok: false, invalid: false, message: `the evaluation exited with code ${code}:\n${stderr}` };
            }
            fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
            resolve({ ...result, stderr });
        });
    });
}

if (process.argv[2] === "--child") {
    const [dir, stack, overrides, configDir, resultFile] = process.argv.slice(3);
    evaluate(dir, stack, JSON.parse(overrides), configDir).then(
        (result) => fs.writeFileSync(resultFile, JSON.stringify(result)),
        (error) => fs.writeFileSync(resultFile, JSON.stringify({ ok: false, invalid: false, message: String(error?.stack ?? error) })),
    );
}
