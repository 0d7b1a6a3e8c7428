// `npm run plan`'s work: what a stack declares, or what a change to it does, as text a reviewer
// reads (or JSON, or a pull-request comment), with the exit code that goes with it.
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../cli/command";
import { EXIT, UserFacingError } from "../lib/errors";
import { PROJECT_DIR } from "../project/files";
import { stackOf } from "../project/stacks";
import { exitCodeOf, planDiff } from "./diff";
import type { Evaluation } from "./evaluate";
import type { ProgramRun } from "./mockRuntime";
import { diffJson, diffMarkdown, diffReport, planJson, planReport, secretsOf } from "./report";

export interface PlanOptions {
    stack: string;
    /** Config values over the stack file, as `pulumi config set` would set them. */
    overrides: Record<string, string>;
    /** The git ref to compare with. */
    diff?: string;
    format: "text" | "markdown";
    json: boolean;
}

export interface PlanResult {
    /** What goes to standard output. */
    output: string;
    /** The program's warnings, for standard error. */
    warnings: string;
    exitCode: number;
}

export const PLAN_USAGE = `Usage: npm run plan -- [--stack <name>] [--config <key>=<value> ...] [--diff <git ref> [--format text|markdown]] [--json]

  --stack <name>         the stack whose Pulumi.<name>.yaml is read (default: dev); <org>/<name> works too
  --config <key>=<value> overrides one config value, as pulumi config set would (repeatable)
  --diff <git ref>       compares with the program at that ref (a branch, tag or commit, such as origin/main)
  --format markdown      with --diff: a pull-request comment (rollout first, resource changes folded)
  --json                 machine-readable output (not with --format markdown)

Exit codes: 0 no changes (or a plain plan), 1 invalid config, catalog or stack file,
2 the command could not run (usage, git, files, or the program failed), 3 changes,
4 changes with blockers (protect would stop the deploy, or it breaks traffic).`;

/** `npm run plan`'s options, as the command line parser takes them. */
export const PLAN_OPTIONS = {
    stack: { type: "string", default: "dev" },
    config: { type: "string", multiple: true },
    diff: { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
} as const;

/** What `npm run plan` was given, before it is checked. */
export interface PlanArguments {
    stack: string;
    config?: string[];
    diff?: string;
    format?: string;
    json?: boolean;
}

/** The options of a command line, once they agree with each other; a UsageError says which do not. */
export function planOptions(given: PlanArguments): PlanOptions {
    const format = given.format ?? "text";
    if (format !== "text" && format !== "markdown") throw new UsageError(`plan: --format is text or markdown, not '${format}'.`);
    if (given.json && format === "markdown")
        throw new UsageError("plan: --json and --format markdown ask for two different outputs: give one of them.");
    if (given.format !== undefined && given.diff === undefined)
        throw new UsageError("plan: --format goes with --diff: a plain plan has one format (add --diff <git ref>, or drop --format).");
    const overrides: Record<string, string> = {};
    for (const setting of given.config ?? []) {
        const at = setting.indexOf("=");
        if (at <= 0) throw new UsageError(`plan: --config takes <key>=<value>, such as --config sdkKeyType=Client; got '${setting}'.`);
        overrides[setting.slice(0, at)] = setting.slice(at + 1);
    }
    return { stack: stackOf(given.stack), overrides, diff: given.diff, format, json: given.json ?? false };
}

/** An evaluation that failed, as the error the command reports. */
const failure = (evaluation: Extract<Evaluation, { ok: false }>) => new UserFacingError(evaluation.message, evaluation.exitCode);

/** An empty run: what a ref that cannot be evaluated is compared as. */
const nothing: ProgramRun = { registrations: [], outputs: {} };

/** The plan of `options.stack`, or with `options.diff`, what the working tree changes against that ref. */
export async function plan(options: PlanOptions, projectDir = PROJECT_DIR): Promise<PlanResult> {
    // The engine (and the Pulumi SDK under it) loads when a plan runs, not when its options are checked.
    const { evaluate, evaluateInChild } = await import("./evaluate");
    if (!options.diff) {
        const result = await evaluate(projectDir, options.stack, options.overrides);
        if (!result.ok) throw failure(result);
        return {
            output: (options.json ? planJson : planReport)(result.run, options.stack, result.secretConfigValues),
            warnings: "",
            exitCode: EXIT.ok,
        };
    }
    const ref = options.diff;
    const { withWorktree } = await import("./worktree");
    const { base, after } = await withWorktree(projectDir, ref, async (dir) => {
        // The ref's own stack config when it has one: a change to the config shows too.
        const configDir = fs.existsSync(path.join(dir, `Pulumi.${options.stack}.yaml`)) ? dir : projectDir;
        const [base, after] = await Promise.all([
            evaluateInChild(dir, options.stack, options.overrides, configDir),
            evaluateInChild(projectDir, options.stack, options.overrides),
        ]);
        return { base, after };
    });
    if (!after.ok) throw failure(after);
    const baseProblem = base.ok
        ? undefined
        : `the program at ${ref} does not evaluate (${base.message.split("\n")[0]}), so everything is compared with nothing`;
    const before = base.ok ? base.run : nothing;
    const result = planDiff(before, after.run);
    const secrets = secretsOf([before, after.run], [...(base.ok ? base.secretConfigValues : []), ...after.secretConfigValues]);
    const context = { stack: options.stack, base: ref, secrets, after: after.run, baseProblem };
    const output = options.json
        ? diffJson(result, context)
        : options.format === "markdown"
          ? diffMarkdown(result, context)
          : diffReport(result, context);
    return { output, warnings: after.stderr, exitCode: exitCodeOf(result) };
}
