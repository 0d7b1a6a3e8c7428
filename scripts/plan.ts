// `npm run plan [-- options]`: what the stack declares, or what a change does to it, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials (plan/run.ts).
import { runCommand } from "../cli/command";
import { plan, PLAN_OPTIONS, PLAN_USAGE, planOptions } from "../plan/run";

runCommand({ name: "plan", usage: PLAN_USAGE, options: PLAN_OPTIONS }, async ({ values }) => {
    const result = await plan(planOptions({ ...values, stack: values.stack }));
    process.stderr.write(result.warnings);
    console.log(result.output);
    return result.exitCode;
});
