// `npm run rollout -- [--stack dev] [--now <iso>] [--only <experiment>/<env>] [--prometheus <url>] [--json]`:
// decides each guarded ramp and records it in rollouts/<stack>.json (rollouts/rollout.ts).
import { runCommand, UsageError } from "../cli/command";
import { PROJECT_DIR } from "../project/files";
import { stackOf } from "../project/stacks";
import { rollout } from "../rollouts/rollout";

const USAGE = `Usage: npm run rollout -- [--stack <name>] [--now <time>] [--only <experiment>/<env>] [--prometheus <url>] [--json]

For each ramp in flags.ts, reads its guards from Prometheus over the stage so far and decides: hold,
advance to the next stage, roll back to 0%, or finish. Prints why (each guard's value, bound and n)
and records it in rollouts/<stack>.json; deploying that change (its pull request) moves the split.
A guard it cannot read (Prometheus down, a bad query, no data) holds the ramp.

  --stack <name>        the stack whose rollout state is decided (default: dev)
  --now <time>          decide as of this ISO 8601 time, such as 2026-12-03T09:00:00Z (default: now)
  --only <exp>/<env>    decide one ramp, such as chat-model-ab/prod
  --prometheus <url>    Prometheus's base URL (default: PROMETHEUS_URL, else http://127.0.0.1:9090)
  --json                print the decisions as JSON (pull request titles and bodies), for the workflow

Exit codes: 0 decided (a hold included), 1 invalid catalog or rollout state, 2 could not run (usage).`;

runCommand(
    {
        name: "rollout",
        usage: USAGE,
        options: {
            stack: { type: "string", default: "dev" },
            now: { type: "string" },
            only: { type: "string" },
            prometheus: { type: "string" },
            json: { type: "boolean" },
        },
    },
    ({ values }) => {
        const now = values.now === undefined ? new Date() : new Date(values.now);
        if (Number.isNaN(now.getTime()) || (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.now)))
            throw new UsageError(`rollout: --now takes an ISO 8601 time, such as 2026-12-03T09:00:00Z; got '${values.now}'.`);
        const prometheus = values.prometheus ?? process.env.PROMETHEUS_URL ?? "http://127.0.0.1:9090";
        if (!URL.canParse(prometheus) || !/^https?:$/.test(new URL(prometheus).protocol))
            throw new UsageError(
                `rollout: the Prometheus URL must be http(s)://host:port, such as http://127.0.0.1:9090; got '${prometheus}'.`,
            );
        return rollout({
            stack: stackOf(values.stack),
            now,
            prometheus,
            only: values.only,
            projectDir: PROJECT_DIR,
            json: values.json === true,
            print: (line) => console.log(line),
        });
    },
);
