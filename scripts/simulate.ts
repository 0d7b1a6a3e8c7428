// `npm run simulate -- [--runs 2000]`: guarded ramps on generated data, the figures of
// docs/rollouts.md (rollouts/simulate.ts): how often a ramp is rolled back, and how soon.
import { runCommand, UsageError } from "../cli/command";
import { EXIT } from "../lib/errors";
import { simulationTable } from "../rollouts/simulate";

const USAGE = `Usage: npm run simulate -- [--runs <n>]

Runs the rollout decision on generated ramps (seeds 1…n, hourly looks, a 2% baseline error rate)
at 100,000 and 20,000 requests a day, for a candidate as good as the baseline, twice and 1.5 times
as bad, and prints how many were rolled back, before passing 25%, at 5%, and the median hours.

  --runs <n>   ramps per row (default 2000)

Exit codes: 0 printed, 2 could not run (usage).`;

runCommand({ name: "simulate", usage: USAGE, options: { runs: { type: "string", default: "2000" } } }, ({ values }) => {
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1)
        throw new UsageError(`simulate: --runs takes a whole number of ramps, such as 2000; got '${values.runs}'.`);
    for (const row of simulationTable(runs)) console.log(row);
    return EXIT.ok;
});
