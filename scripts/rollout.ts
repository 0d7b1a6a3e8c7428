// `npm run rollout -- [--stack dev] [--now <iso>] [--only <experiment>/<env>] [--prometheus <url>] [--json]`:
// decides each guarded ramp and records it in rollouts/<stack>.json (rollouts/rollout.ts).
import { runCommand } from "../cli/command";
import { rollout, ROLLOUT_OPTIONS, ROLLOUT_USAGE, rolloutOptions } from "../rollouts/rollout";

runCommand({ name: "rollout", usage: ROLLOUT_USAGE, options: ROLLOUT_OPTIONS }, ({ values }) =>
    rollout(rolloutOptions(values, process.env, new Date(), (line) => console.log(line))),
);
