// The rollout state: where each ramp stands, committed beside the catalog as rollouts/<stack>.json.
// `npm run rollout` writes it; the program reads it to set each ramped split, so the split,
// `generate`, the diff and protection all follow the stage, and every move is a reviewed change.
import { z } from "zod";
import type { Problem } from "../lib/problems";
import { atFirstStage } from "../catalog/schema";
import type { Catalog, ExperimentEnvironment, ExperimentSpec, RampInForce, RampSpec } from "../catalog/types";

/** One guard as a decision saw it: each treatment's value and sample, the bound, and its verdict. */
const guardReadingSchema = z.strictObject({
    name: z.string(),
    verdict: z.enum(["ok", "regressed", "too few", "no data"]),
    candidate: z.number().nullable(),
    baseline: z.number().nullable(),
    /** The value the candidate may reach: the baseline's, raised by maxIncrease. */
    bound: z.number().nullable(),
    n: z.strictObject({ candidate: z.number(), baseline: z.number() }),
});
export type GuardReading = z.output<typeof guardReadingSchema>;

export const ACTIONS = ["hold", "advance", "rollback", "finish"] as const;
export type Action = (typeof ACTIONS)[number];

const decisionSchema = z.strictObject({
    at: z.iso.datetime(),
    action: z.enum(ACTIONS),
    /** Why, one sentence each. */
    reasons: z.array(z.string()),
    guards: z.array(guardReadingSchema),
});
export type Decision = z.output<typeof decisionSchema>;

const rampStateSchema = z.strictObject({
    /** The ramped treatment's percent in force: one of the ramp's stages, or 0 once rolled back. */
    percent: z.int().min(0).max(100),
    status: z.enum(["ramping", "rolled back", "finished"]),
    /** When this percent took effect: the decision that set it (the deploy follows its pull request). */
    since: z.iso.datetime(),
    /** The last decision taken on the ramp. */
    decision: decisionSchema.optional(),
});
export type RampState = z.output<typeof rampStateSchema>;

/** experiment → environment → its ramp's state. */
export const rolloutStateSchema = z.record(z.string(), z.record(z.string(), rampStateSchema));
export type RolloutState = z.output<typeof rolloutStateSchema>;

/** The stage `state` puts `ramp` at; a ramp with no state yet is at its first stage. */
export function inForce(ramp: Pick<RampSpec, "stages">, state: RampState | undefined): RampInForce {
    if (!state) return atFirstStage(ramp.stages);
    const failing = state.decision?.guards.some((g) => g.verdict === "regressed");
    const sample = state.decision?.guards.flatMap((g) => [g.n.candidate, g.n.baseline]) ?? [];
    return {
        stage: state.status === "rolled back" ? 0 : ramp.stages.indexOf(state.percent) + 1,
        percent: state.percent,
        status: state.status,
        since: state.since,
        ...(state.decision
            ? {
                  guards: failing ? "failing" : state.decision.guards.some((g) => g.verdict === "no data") ? "no data" : "ok",
                  n: sample.length ? Math.min(...sample) : 0,
              }
            : {}),
    };
}

/** Each ramp of the catalog: its experiment, environment and spec. */
export function rampsOf(catalog: Pick<Catalog, "experiments">): { experiment: ExperimentSpec; env: string; ramp: RampSpec }[] {
    return catalog.experiments.flatMap((experiment) =>
        Object.entries(experiment.environments).flatMap(([env, spec]) => (spec.ramp ? [{ experiment, env, ramp: spec.ramp }] : [])),
    );
}

/**
 * The catalog with each ramped split at the stage `state` puts it, or the problems where the state
 * and the catalog disagree. Entries for ramps the catalog no longer has are warnings: they are
 * left over, and change nothing.
 */
export function withRolloutState(
    catalog: Catalog,
    state: RolloutState,
    where: string,
): { catalog: Catalog; problems: Problem[]; warnings: string[] } {
    const problems: Problem[] = [];
    const ramps = rampsOf(catalog);
    for (const { experiment, env, ramp } of ramps) {
        const entry = state[experiment.name]?.[env];
        if (!entry) continue;
        const subject = `${where} ${experiment.name}.${env}`;
        const stages = JSON.stringify(ramp.stages);
        if (entry.status === "rolled back" ? entry.percent !== 0 : !ramp.stages.includes(entry.percent))
            problems.push({
                subject: `${subject}.percent`,
                found: `${entry.percent} (${entry.status}) is not a stage of the ramp ${stages}`,
                allowed: `one of ${stages} while ramping or finished, 0 once rolled back`,
                fix: `set percent to the stage in force in ${where} (after changing a ramp's stages, put it at the stage it is at)`,
            });
        else if (entry.status === "finished" && entry.percent !== 100)
            problems.push({
                subject: `${subject}.status`,
                found: `finished at ${entry.percent}%`,
                allowed: "finished only at 100%",
                fix: `set status to "ramping" in ${where}`,
            });
    }
    const named = new Set(ramps.map(({ experiment, env }) => `${experiment.name}.${env}`));
    const warnings = Object.entries(state).flatMap(([name, environments]) =>
        Object.keys(environments)
            .filter((env) => !named.has(`${name}.${env}`))
            .map((env) => `${where} has a state for ${name}.${env}, which is no ramp in flags.ts: it changes nothing; remove it`),
    );
    if (problems.length) return { catalog, problems, warnings };
    const experiments = catalog.experiments.map((experiment) => ({
        ...experiment,
        environments: Object.fromEntries(
            Object.entries(experiment.environments).map(([env, spec]): [string, ExperimentEnvironment] => {
                if (!spec.ramp) return [env, spec];
                const now = inForce(spec.ramp, state[experiment.name]?.[env]);
                return [env, { ...spec, ramp: { ...spec.ramp, inForce: now }, split: { [spec.ramp.treatment]: now.percent } }];
            }),
        ),
    }));
    return { catalog: { ...catalog, experiments }, problems, warnings };
}
