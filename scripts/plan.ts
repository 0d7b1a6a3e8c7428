// `npm run plan [-- options]`: what the stack declares, or what a change does to it, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials (plan/run.ts).
import { runCommand } from "../cli/command";
import { plan, planOptions } from "../plan/run";

const USAGE = `Usage: npm run plan -- [--stack <name>] [--config <key>=<value> ...] [--diff <git ref> [--format text|markdown]] [--json]

  --stack <name>         the stack whose Pulumi.<name>.yaml is read (default: dev); <org>/<name> works too
  --config <key>=<value> overrides one config value, as pulumi config set would (repeatable)
  --diff <git ref>       compares with the program at that ref (a branch, tag or commit, such as origin/main)
  --format markdown      with --diff: a pull-request comment (rollout first, resource changes folded)
  --json                 machine-readable output (not with --format markdown)

Exit codes: 0 no changes (or a plain plan), 1 invalid config, catalog or stack file,
2 the command could not run (usage, git, files, or the program failed), 3 changes,
4 changes with blockers (protect would stop the deploy, or it breaks traffic).`;

runCommand(
    {
        name: "plan",
        usage: USAGE,
        options: {
            stack: { type: "string", default: "dev" },
            config: { type: "string", multiple: true },
            diff: { type: "string" },
            format: { type: "string" },
            json: { type: "boolean" },
        },
    },
    async ({ values }) => {
        const result = await plan(planOptions({ ...values, stack: values.stack }));
        process.stderr.write(result.warnings);
        console.log(result.output);
        return result.exitCode;
    },
);
