// A workflow step's script, run as the GitHub runner runs it (bash -e -o pipefail), with commands of the
// test's choosing in front on PATH: for the steps that decide something.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";

export const WORKFLOWS = path.join(__dirname, "..", ".github", "workflows");

/** The `run` script of a workflow's step, by job and step id or name. */
export function stepScript(workflow: string, job: string, step: string): string {
    const document = yaml.load(fs.readFileSync(path.join(WORKFLOWS, workflow), "utf8")) as {
        jobs: Record<string, { steps: { id?: string; name?: string; run?: string }[] }>;
    };
    const found = document.jobs[job].steps.find((s) => s.id === step || s.name === step);
    if (!found?.run) throw new Error(`${workflow} has no step ${step} in job ${job}`);
    return found.run;
}

/** Runs the step in `cwd` with `env` (the whole environment: bash is slow to start without it), as `shell: bash` does: -e and pipefail. */
export function runStep(workflow: string, job: string, step: string, cwd: string, env: NodeJS.ProcessEnv) {
    return spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", stepScript(workflow, job, step)], {
        cwd,
        env,
        encoding: "utf8",
    });
}

/** A stand-in command in `dir`: prints `output` and exits `exit`. */
export function standIn(dir: string, name: string, output: string, exit: number): void {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\nprintf '%s' '${output.replace(/'/g, "'\\''")}'\nexit ${exit}\n`, { mode: 0o755 });
}

/**
 * Runs a step as the runner would, with `standInFor` a stand-in command that prints `output` and exits
 * `exit`, and STACK set; in `cwd`, or else in a scratch directory holding `files`. Returns the step's
 * exit status, what it wrote to GITHUB_OUTPUT, and its log; the scratch directory is removed after.
 */
export function runStepWithStandIn(step: {
    workflow: string;
    job: string;
    step: string;
    stack: string;
    standInFor: string;
    output: string;
    exit: number;
    cwd?: string;
    files?: Record<string, string>;
}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-step-"));
    try {
        for (const [name, text] of Object.entries(step.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        standIn(bin, step.standInFor, step.output, step.exit);
        const env = {
            ...process.env,
            PATH: `${bin}:${process.env.PATH}`,
            STACK: step.stack,
            GITHUB_OUTPUT: path.join(dir, "output"),
            GITHUB_STEP_SUMMARY: path.join(dir, "summary"),
        };
        const result = runStep(step.workflow, step.job, step.step, step.cwd ?? dir, env);
        return {
            status: result.status,
            output: fs.existsSync(env.GITHUB_OUTPUT) ? fs.readFileSync(env.GITHUB_OUTPUT, "utf8") : "",
            log: result.stdout + result.stderr,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
