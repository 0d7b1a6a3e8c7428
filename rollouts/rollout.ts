// `npm run rollout`: for each ramp of the catalog, reads its guards from Prometheus over the stage
// so far, decides (rollouts/decide.ts), prints why, and records the decision in
// rollouts/<stack>.json. A stage move there is deployed by the pull request that carries it.
import { EXIT, ExitCode, UserFacingError } from "../lib/errors";
import { formatProblems } from "../lib/problems";
import { checkCatalog } from "../catalog/validate";
import type { GuardSpec, RampSpec } from "../catalog/types";
import { UsageError } from "../cli/command";
import { loadCatalog, PROJECT_DIR } from "../project/files";
import { stackOf, stackSettings } from "../project/stacks";
import { decide, DEFAULT_MIN_SAMPLE, formatted, RampDecision } from "./decide";
import { measure } from "./guards";
import { GuardReading, rampsOf } from "./state";
import { atRolloutStages, rolloutStateText, writeRolloutState } from "./stateFile";

export const ROLLOUT_USAGE = `Usage: npm run rollout -- [--stack <name>] [--now <time>] [--only <experiment>/<env>] [--prometheus <url>] [--json]

For each ramp in flags.ts, reads its guards from Prometheus over the stage so far and decides: hold,
advance to the next stage, roll back to 0%, or finish. Prints why (each guard's value, bound and n)
and records it in rollouts/<stack>.json; deploying that change (its pull request) moves the split.
A guard it cannot read (Prometheus down, a bad query, no data) holds the ramp.

  --stack <name>        the stack whose rollout state is decided (default: dev)
  --now <time>          decide as of this ISO 8601 time, such as 2026-12-03T09:00:00Z (default: now)
  --only <exp>/<env>    decide one ramp, such as chat-model-ab/prod
  --prometheus <url>    Prometheus's base URL (default: PROMETHEUS_URL, else http://127.0.0.1:9090)
  --json                print the decisions as JSON (pull request titles, bodies and state files), for the workflow

Exit codes: 0 decided (a hold included), 1 invalid catalog or rollout state, 2 could not run (usage).`;

export const ROLLOUT_OPTIONS = {
    stack: { type: "string", default: "dev" },
    now: { type: "string" },
    only: { type: "string" },
    prometheus: { type: "string" },
    json: { type: "boolean" },
} as const;

/** The command line's values, checked: a time and a URL it can use, or a UsageError that says what to type. */
export function rolloutOptions(
    values: { stack: string; now?: string; only?: string; prometheus?: string; json?: boolean },
    env: NodeJS.ProcessEnv,
    clock: Date,
    print: (line: string) => void,
): RolloutOptions {
    const now = values.now === undefined ? clock : new Date(values.now);
    if (values.now !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())))
        throw new UsageError(`rollout: --now takes an ISO 8601 time, such as 2026-12-03T09:00:00Z; got '${values.now}'.`);
    const prometheus = values.prometheus ?? env.PROMETHEUS_URL ?? "http://127.0.0.1:9090";
    // The URL is not echoed: it may carry a password.
    const scheme = URL.canParse(prometheus) ? new URL(prometheus).protocol : undefined;
    if (scheme !== "http:" && scheme !== "https:")
        throw new UsageError(
            `rollout: the Prometheus URL (${values.prometheus !== undefined ? "--prometheus" : "PROMETHEUS_URL"}) must be http(s)://host:port, such as http://127.0.0.1:9090; the one given ${scheme ? `starts with ${scheme}` : "is not a URL"}.`,
        );
    if (values.only !== undefined && !/^[^/]+\/[^/]+$/.test(values.only))
        throw new UsageError(`rollout: --only takes <experiment>/<environment>, such as chat-model-ab/prod; got '${values.only}'.`);
    return { stack: stackOf(values.stack), now, prometheus, only: values.only, projectDir: PROJECT_DIR, json: values.json === true, print };
}

export interface RolloutOptions {
    stack: string;
    now: Date;
    /** Prometheus's base URL. */
    prometheus: string;
    /** Only this ramp, as `<experiment>/<environment>`. */
    only?: string;
    projectDir: string;
    /** Print one JSON document (for the scheduled workflow) instead of the report. */
    json: boolean;
    print: (line: string) => void;
}

/** One ramp's outcome, as the workflow turns it into a pull request. */
export interface RampOutcome {
    experiment: string;
    environment: string;
    action: RampDecision["decision"]["action"];
    from: number;
    to: number;
    /** A rollback: deploy it at once. */
    urgent: boolean;
    /** Whether the stage in force changed (a pull request is needed). */
    moved: boolean;
    title: string;
    body: string;
    /**
     * For a ramp that moved: rollouts/<stack>.json as its pull request holds it, the state this run
     * read with only this ramp's entry changed (one move per pull request).
     */
    stateFile?: string;
}

export async function rollout(options: RolloutOptions): Promise<ExitCode> {
    const { stack, now, projectDir } = options;
    const config = stackSettings(stack, projectDir);
    if (!config.ok) throw new UserFacingError(formatProblems(`Stack '${stack}' config`, config.problems), EXIT.invalid);
    const { catalog, problems } = checkCatalog(loadCatalog(projectDir), config.settings, now);
    const { state, where, problems: stateProblems } = atRolloutStages(catalog, stack, projectDir);
    problems.push(...stateProblems);
    if (problems.length) throw new UserFacingError(formatProblems("flags.ts catalog and its rollout state", problems), EXIT.invalid);

    const ramps = rampsOf(catalog);
    const chosen = options.only ? ramps.filter(({ experiment, env }) => `${experiment.name}/${env}` === options.only) : ramps;
    if (options.only && !chosen.length)
        throw new UsageError(
            `rollout: --only ${options.only} names no ramp of flags.ts; the ramps are: ${ramps.map((r) => `${r.experiment.name}/${r.env}`).join(", ") || "(none)"}.`,
        );
    const outcomes: RampOutcome[] = [];
    // The state as read, for each moved ramp's pull request (RampOutcome.stateFile).
    const read = { ...state };
    for (const { experiment, env, ramp } of chosen) {
        const before = state[experiment.name]?.[env];
        // A ramp with no state yet is at its first stage since the environment's `since` day, else from now on.
        const day = experiment.environments[env].since;
        const start = new Date(before?.since ?? (day ? `${day}T00:00:00Z` : now.toISOString()));
        const window = {
            prometheus: options.prometheus,
            label: ramp.label ?? "treatment",
            candidate: ramp.treatment,
            baseline: experiment.baseline,
            from: start,
            to: now,
        };
        const measurements = await Promise.all(ramp.guard.map((guard) => measure(guard, window)));
        const result = decide(ramp, before, start, now, measurements);
        state[experiment.name] = { ...state[experiment.name], [env]: result.next };
        const decided = outcome(experiment.name, env, ramp, result, stack);
        const onItsOwn = { ...read, [experiment.name]: { ...read[experiment.name], [env]: result.next } };
        outcomes.push(decided.moved ? { ...decided, stateFile: rolloutStateText(onItsOwn) } : decided);
    }
    writeRolloutState(stack, state, projectDir);
    if (options.json) options.print(JSON.stringify({ stack, at: now.toISOString(), ramps: outcomes }, null, 2));
    else {
        for (const o of outcomes) options.print(`${o.title}\n${o.body}\n`);
        if (outcomes.some((o) => o.moved))
            options.print(
                `${where} moves a split: run npm run generate -- --stack ${stack} and commit both in a pull request (the scheduled workflow opens one per move); merging it deploys the move.`,
            );
    }
    return EXIT.ok;
}

function outcome(
    experiment: string,
    environment: string,
    ramp: RampSpec,
    result: RampDecision,
    stack: string,
): RampOutcome {
    const { decision, from: before, next } = result;
    const stage = (percent: number) => (percent === 0 ? "rolled back" : `stage ${ramp.stages.indexOf(percent) + 1}/${ramp.stages.length}`);
    const moved = next.percent !== before.percent || next.status !== before.status;
    const title = {
        advance: `rollout: ${experiment} ${environment} ${before.percent}% → ${next.percent}%`,
        rollback: `rollout (urgent): roll back ${experiment} ${environment} ${before.percent}% → 0%`,
        finish: `rollout: ${experiment} ${environment} finished at 100%`,
        hold: `rollout: ${experiment} ${environment} holds at ${next.percent}% (${stage(next.percent)})`,
    }[decision.action];
    const lines = [
        moved
            ? `${experiment} × ${environment}: ${decision.action}, '${ramp.treatment}' ${stage(before.percent)} → ${stage(next.percent)} (${before.percent}% → ${next.percent}%) at ${decision.at}`
            : `${experiment} × ${environment}: ${decision.action} at ${stage(next.percent)} ('${ramp.treatment}' ${next.percent}%) at ${decision.at}`,
        ...decision.reasons.map((reason) => `  ${reason}`),
        ...guardTable(ramp.guard, decision.guards, ramp.minSample ?? DEFAULT_MIN_SAMPLE),
    ];
    if (decision.action === "rollback")
        lines.push(
            "",
            `  URGENT: '${ramp.treatment}' is served ${before.percent}% of traffic until this is deployed. Deploy it at once: merge this change`,
            `  (the deploy workflow runs pulumi up), or from a checkout of it: pulumi up --stack ${stack}.`,
            `  To stop it sooner, kill '${experiment}' in Harness FME (${environment}): everyone then gets its default treatment.`,
        );
    return {
        experiment,
        environment,
        action: decision.action,
        from: before.percent,
        to: next.percent,
        urgent: decision.action === "rollback",
        moved,
        title,
        body: lines.join("\n"),
    };
}

/** Each guard's value per treatment, its bound, n and verdict, aligned. */
function guardTable(specs: readonly GuardSpec[], readings: readonly GuardReading[], minSample: number): string[] {
    const value = (spec: GuardSpec, v: number | null) => (v === null ? "-" : formatted(spec, v));
    const rows = readings.map((r, g) => [
        r.name,
        value(specs[g], r.candidate),
        value(specs[g], r.baseline),
        value(specs[g], r.bound),
        `${r.n.candidate.toLocaleString("en-US")} / ${r.n.baseline.toLocaleString("en-US")}`,
        r.verdict,
    ]);
    const table = [["guard", "candidate", "baseline", "bound", `n (each needs ${minSample.toLocaleString("en-US")})`, "verdict"], ...rows];
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
    return table.map((row) => `  ${row.map((cell, c) => cell.padEnd(widths[c])).join("  ")}`.trimEnd());
}
