// `npm run plan [-- options]`: what the stack declares, or what a change does to it, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials. It runs the real
// program under Pulumi's mock runtime; with --diff it also runs the program of a git ref (in a
// temporary worktree, side by side) and compares the two. Secrets are masked everywhere.
import * as fs from "fs";
import * as path from "path";
import { exitCodeOf, planDiff } from "./diff";
import { evaluate, evaluateInChild } from "./evaluate";
import { PROJECT_DIR } from "./mockRuntime";
import type { ProgramRun } from "./mockRuntime";
import { diffJson, diffMarkdown, diffReport, planJson, planReport, secretsOf } from "./planReport";
import { withWorktree } from "./worktree";

const USAGE = `Usage: npm run plan -- [--stack <name>] [--config <key>=<value> ...] [--diff <git ref> [--format text|markdown] [--json]]

  --stack <name>         the stack whose Pulumi.<name>.yaml is read (default: dev)
  --config <key>=<value> overrides one config value, as pulumi config set would (repeatable)
  --diff <git ref>       compares with the program at that ref (a branch, tag or commit, such as origin/main)
  --format markdown      with --diff: a pull-request comment (rollout first, resource changes folded)
  --json                 machine-readable output

Exit codes: 0 no changes (or a plain plan), 1 invalid config or catalog, 2 the program failed, 3 changes.`;

export interface PlanOptions {
    stack: string;
    overrides: Record<string, string>;
    diff?: string;
    format: "text" | "markdown";
    json: boolean;
}

/** Parses the arguments; a string is the usage or the problem to print. */
export function parseArgs(argv: string[]): PlanOptions | { exit: number; message: string } {
    const options: PlanOptions = { stack: "dev", overrides: {}, format: "text", json: false };
    const problem = (message: string) => ({ exit: 2, message: `plan: ${message}\n\n${USAGE}` });
    for (let i = 0; i < argv.length; i++) {
        const [arg, value] = [argv[i], argv[i + 1]];
        const needsValue = ["--stack", "--config", "--diff", "--format"].includes(arg);
        if (needsValue && (value === undefined || value.startsWith("--"))) return problem(`${arg} needs a value`);
        if (arg === "--help" || arg === "-h") return { exit: 0, message: USAGE };
        else if (arg === "--stack") options.stack = argv[++i];
        else if (arg === "--diff") options.diff = argv[++i];
        else if (arg === "--json") options.json = true;
        else if (arg === "--format") {
            if (value !== "text" && value !== "markdown") return problem(`--format is text or markdown, not '${value}'`);
            options.format = argv[++i] as PlanOptions["format"];
        } else if (arg === "--config") {
            if (!value.includes("=")) return problem(`--config takes <key>=<value>, such as --config sdkKeyType=Client; got '${value}'`);
            const [key, ...rest] = argv[++i].split("=");
            options.overrides[key] = rest.join("=");
        } else return problem(`unknown argument '${arg}'`);
    }
    return options;
}

/** An empty run: what a ref that cannot be evaluated is compared as. */
const nothing: ProgramRun = { registrations: [], outputs: {} };

async function plain(options: PlanOptions): Promise<number> {
    const result = await evaluate(PROJECT_DIR, options.stack, options.overrides);
    if (!result.ok) {
        console.error(result.invalid ? result.message : `plan: the program failed under the mock runtime:\n${result.message}`);
        return result.invalid ? 1 : 2;
    }
    console.log((options.json ? planJson : planReport)(result.run, options.stack, result.secretConfigValues));
    return 0;
}

async function diff(options: PlanOptions, ref: string): Promise<number> {
    const { base, after } = await withWorktree(PROJECT_DIR, ref, async (dir) => {
        // The ref's own stack config when it has one: a change to the config shows too.
        const configDir = fs.existsSync(path.join(dir, `Pulumi.${options.stack}.yaml`)) ? dir : PROJECT_DIR;
        const [base, after] = await Promise.all([evaluateInChild(dir, options.stack, options.overrides, configDir), evaluateInChild(PROJECT_DIR, options.stack, options.overrides)]);
        return { base, after };
    });
    process.stderr.write(after.stderr);
    if (!after.ok) {
        console.error(after.invalid ? after.message : `plan: the program failed under the mock runtime:\n${after.message}`);
        return after.invalid ? 1 : 2;
    }
    const baseProblem = base.ok ? undefined : `the program at ${ref} does not evaluate (${base.message.split("\n")[0]}), so everything is compared with nothing`;
    const before = base.ok ? base.run : nothing;
    const result = planDiff(before, after.run);
    const secrets = secretsOf([before, after.run], [...(base.ok ? base.secretConfigValues : []), ...after.secretConfigValues]);
    const context = { stack: options.stack, base: ref, secrets, after: after.run, baseProblem };
    console.log(options.json ? diffJson(result, context) : options.format === "markdown" ? diffMarkdown(result, context) : diffReport(result, context));
    return exitCodeOf(result);
}

async function main(argv: string[]): Promise<number> {
    const options = parseArgs(argv);
    if ("exit" in options) {
        (options.exit ? console.error : console.log)(options.message);
        return options.exit;
    }
    if (!options.diff) return plain(options);
    try {
        return await diff(options, options.diff);
    } catch (error) {
        console.error(`plan: ${(error as Error).message}`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (error) => {
            console.error(`plan: ${error?.stack ?? error}`);
            process.exitCode = 2;
        },
    );
}
