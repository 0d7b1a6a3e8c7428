// Evaluates the program of a project directory (this checkout, or a git worktree of another
// commit) under the mock runtime: in this process, or in a child process so that two evaluations
// run side by side, each with its own module cache and Pulumi runtime.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { onInterrupt } from "../cli/command";
import { EXIT, ExitCode, thrownText, UserFacingError } from "../lib/errors";
import { loadCatalog, projectName } from "../project/files";
import { readStackConfig } from "../project/stacks";
import { ProgramRun, runProgram, startMockRuntime } from "./mockRuntime";

export type Evaluation =
    | { ok: true; run: ProgramRun; secretConfigValues: string[] }
    /** `exitCode`: EXIT.invalid when the config, catalog or a project file was refused (message lists the problems); otherwise the program failed. */
    | { ok: false; exitCode: ExitCode; message: string };

/** Runs the program in `dir` with the stack's config from `configDir` (default `dir`) and `overrides`. */
export async function evaluate(dir: string, stack: string, overrides: Record<string, unknown>, configDir = dir): Promise<Evaluation> {
    let stackConfig;
    let project;
    try {
        project = projectName(dir);
        stackConfig = readStackConfig(project, stack, overrides, configDir);
        // Loaded before the program, so that a mistake in flags.ts is said with its line, not as a crash.
        loadCatalog(dir);
    } catch (error) {
        if (error instanceof UserFacingError) return { ok: false, exitCode: error.exitCode, message: error.message };
        throw error;
    }
    const registrations = await startMockRuntime(project, stack, stackConfig);
    try {
        const run = await runProgram(path.join(dir, "index.ts"), registrations);
        return { ok: true, run, secretConfigValues: stackConfig.secretKeys.map((k) => stackConfig.config[k]) };
    } catch (error) {
        // A RunError is the program refusing its inputs, with every problem said; anything else is a failure of the program.
        if (pulumi.RunError.isInstance(error)) return { ok: false, exitCode: EXIT.invalid, message: error.message };
        return {
            ok: false,
            exitCode: EXIT.cannotRun,
            message: `the program failed under the mock runtime: ${String((error as Error)?.stack ?? thrownText(error))}`,
        };
    }
}

/**
 * `evaluate` in a child process. Its warnings (stderr) are returned, for the caller to show or not;
 * the result comes back through a file, so nothing the program prints can garble it. The child and
 * its file are removed if the command is interrupted.
 */
export function evaluateInChild(
    dir: string,
    stack: string,
    overrides: Record<string, unknown>,
    configDir = dir,
): Promise<Evaluation & { stderr: string }> {
    const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-evaluation-"));
    const resultFile = path.join(resultDir, "result.json");
    const args = [
        "-r",
        require.resolve("ts-node/register/transpile-only"),
        __filename,
        "--child",
        dir,
        stack,
        JSON.stringify(overrides),
        configDir,
        resultFile,
    ];
    const child = spawn(process.execPath, args, {
        cwd: dir,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, TS_NODE_PROJECT: path.join(dir, "tsconfig.json") },
    });
    const undo = onInterrupt(() => {
        child.kill("SIGKILL");
        fs.rmSync(resultDir, { recursive: true, force: true });
    });
    return new Promise((resolve) => {
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (code) => {
            let result: Evaluation;
            try {
                result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as Evaluation;
            } catch {
                result = { ok: false, exitCode: EXIT.cannotRun, message: `the evaluation exited with code ${code}:\n${stderr}` };
            }
            fs.rmSync(resultDir, { recursive: true, force: true });
            undo();
            resolve({ ...result, stderr });
        });
    });
}

if (process.argv[2] === "--child") {
    const [dir, stack, overrides, configDir, resultFile] = process.argv.slice(3);
    evaluate(dir, stack, JSON.parse(overrides) as Record<string, unknown>, configDir).then(
        (result) => fs.writeFileSync(resultFile, JSON.stringify(result)),
        (error: unknown) =>
            fs.writeFileSync(
                resultFile,
                JSON.stringify({ ok: false, exitCode: EXIT.cannotRun, message: (error as Error)?.stack ?? thrownText(error) }),
            ),
    );
}
