// `npm run plan [-- options]`: what the stack declares, or what a change does to it, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials (plan/run.ts).
import { runCommand, UsageError } from "../cli/command";
import { plan } from "../plan/run";
import { stackOf } from "../project/stacks";

const USAGE = `Usage: npm run plan -- [--stack <name>] [--config <key>=<value> ...] [--diff <git ref> [--format text|markdown]] [--json]

  --stack <name>         the stack whose Pulumi.<name>.yaml is read (default: dev); <org>/<name> works too
  --config <key>=<value> overrides one config value, as pulumi config set would (repeatable)
  --diff <git ref>       compares with the program at that ref (a branch, tag or commit, such as origin/main)
  --format markdown      with --diff: a pull-request comment (rollout first, resource changes folded)
  --json                 machine-readable output (not with --format markdown)

Exit codes: 0 no changes (or a plain plan), 1 invalid config, catalog or stack file,
2 the command could not run (usage, git, files, or the program failed), 3 changes.`;

runCommand(
    {
        name: "plan",
        usage: USAGE,
        options: { stack: { type: "string", default: "dev" }, config: { type: "string", multiple: true }, diff: { type: "string" }, format: { type: "string" }, json: { type: "boolean" } },
    },
    async ({ values }) => {
        const format = values.format ?? "text";
        if (format !== "text" && format !== "markdown") throw new UsageError(`plan: --format is text or markdown, not '${format}'.`);
        if (values.json && format === "markdown") throw new UsageError("plan: --json and --format markdown ask for two different outputs: give one of them.");
        if (values.format !== undefined && values.diff === undefined) throw new UsageError("plan: --format goes with --diff: a plain plan has one format (add --diff <git ref>, or drop --format).");
        const overrides: Record<string, string> = {};
        for (const setting of values.config ?? []) {
            const at = setting.indexOf("=");
            if (at <= 0) throw new UsageError(`plan: --config takes <key>=<value>, such as --config sdkKeyType=Client; got '${setting}'.`);
            overrides[setting.slice(0, at)] = setting.slice(at + 1);
        }
        const result = await plan({ stack: stackOf(values.stack!), overrides, diff: values.diff, format, json: values.json ?? false });
        process.stderr.write(result.warnings);
        console.log(result.output);
        return result.exitCode;
    },
);
