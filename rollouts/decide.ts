// What a ramp does next: hold, advance to its next stage, roll back to 0%, or finish. Pure: the
// guards' measurements come in, the decision and the ramp's next state go out. It fails closed:
// a guard it cannot read holds the ramp, and nothing advances without every guard's minimum sample.
import { parseDuration } from "../lib/dates";
import type { GuardSpec, RampSpec } from "../catalog/types";
import { ArmSample, compare, exceeds } from "./sequential";
import type { Action, Decision, GuardReading, RampState } from "./state";

/** The false-rollback rate a ramp may spend, across its stages, guards and every look. */
export const FALSE_ROLLBACK_RATE = 0.05;
export const DEFAULT_MIN_SAMPLE = 1000;

/** One guard's measurement in a stage's window: both treatments' samples, or why there are none. */
export type Measurement = { candidate: ArmSample; baseline: ArmSample } | { unreadable: string };

/** What one observation counts for in the guard's units: `per` observations for a mean, else 1. */
const perUnit = (guard: GuardSpec) => (guard.kind === "mean" ? (guard.per ?? 1) : 1);

/** The guard's value as recorded, in its units, to 6 significant digits. */
const shown = (guard: GuardSpec, value: number) => Number((value * perUnit(guard)).toPrecision(6));

/** A recorded value as people read it: a share as a percent, a mean to 4 significant digits. */
export const formatted = (guard: GuardSpec, value: number) =>
    guard.kind === "mean" ? value.toPrecision(4) : `${(value * 100).toFixed(2)}%`;

export interface RampDecision {
    decision: Decision;
    /** The ramp's state the decision was taken in (its first stage since `start` when it had none). */
    from: RampState;
    /** The ramp's state after the decision. */
    next: RampState;
}

/**
 * Decides `ramp` at `now`, in the stage `state` records (a ramp with no state is at its first stage
 * since `start`), from each guard's measurement over the stage so far.
 */
export function decide(
    ramp: RampSpec,
    state: RampState | undefined,
    start: Date,
    now: Date,
    measurements: readonly Measurement[],
): RampDecision {
    const current: RampState = state ?? { percent: ramp.stages[0], status: "ramping", since: start.toISOString() };
    const at = now.toISOString();
    const minSample = ramp.minSample ?? DEFAULT_MIN_SAMPLE;
    const finalStage = current.percent === 100;
    // The error budget, split evenly (Bonferroni) over every test a ramp can make: each guard
    // against the baseline at each stage below 100%, and against its max (if any) at every stage.
    const tests = ramp.guard.reduce((sum, guard) => sum + ramp.stages.filter((s) => s < 100).length + (guard.max === undefined ? 0 : ramp.stages.length), 0);
    const alpha = FALSE_ROLLBACK_RATE / Math.max(1, tests);
    const why = new Map<number, string>();
    const guards: GuardReading[] = ramp.guard.map((guard, g) => {
        const m = measurements[g];
        if (!m || "unreadable" in m)
            return { name: guard.name, verdict: "no data", candidate: null, baseline: null, bound: null, n: { candidate: 0, baseline: 0 } };
        // At 100% nothing is served the baseline: only a max can be checked there.
        const relative = !finalStage;
        const reading = {
            name: guard.name,
            candidate: shown(guard, m.candidate.mean),
            baseline: relative ? shown(guard, m.baseline.mean) : null,
            bound: relative ? shown(guard, m.baseline.mean * (1 + guard.maxIncrease)) : (guard.max ?? null),
            n: { candidate: Math.round(m.candidate.n), baseline: Math.round(m.baseline.n) },
        };
        if (Math.min(m.candidate.n, relative ? m.baseline.n : Infinity) < minSample) return { ...reading, verdict: "too few" as const };
        const value = (v: number) => formatted(guard, v);
        if (relative && compare(m.candidate, m.baseline, guard.maxIncrease, alpha, minSample).regressed)
            why.set(g, `${guard.name} regressed: ${value(reading.candidate)} against a bound of ${value(reading.bound!)} (baseline ${value(reading.baseline!)})`);
        // A max is in the guard's units: a mean's per `per` observations.
        else if (guard.max !== undefined && exceeds(m.candidate, guard.max / perUnit(guard), alpha, minSample).regressed)
            why.set(g, `${guard.name} is over its max: ${value(reading.candidate)} against ${value(guard.max)}`);
        return { ...reading, verdict: why.has(g) ? ("regressed" as const) : ("ok" as const) };
    });
    // The decision is recorded in the ramp's next state: the same state, or a new stage from now.
    const decided = (action: Action, reasons: string[], moved?: Pick<RampState, "percent" | "status">): RampDecision => {
        const decision: Decision = { at, action, reasons, guards };
        return { decision, from: current, next: { ...(moved ? { ...moved, since: at } : current), decision } };
    };

    if (current.status === "rolled back")
        return decided("hold", [
            `rolled back since ${current.since}: to try again, set its entry to {"percent": ${ramp.stages[0]}, "status": "ramping", "since": "<when that change deploys>"} in a reviewed change`,
        ]);
    if (current.status === "finished") return decided("finish", [`finished at 100% since ${current.since}`]);
    const since = new Date(current.since);
    if (now < since) return decided("hold", [`--now ${at} is before this stage started (${current.since})`]);

    if (why.size) return decided("rollback", [...why.values()], { percent: 0, status: "rolled back" });
    // A hold says every reason there is to wait: a guard it cannot read, the hold time, too few observations.
    const waits = ramp.guard.flatMap((guard, g) => {
        const m = measurements[g];
        return !m || "unreadable" in m ? [`cannot decide without every guard (${guard.name}: ${m ? m.unreadable : "not measured"})`] : [];
    });
    const until = new Date(since.getTime() + (parseDuration(ramp.hold) ?? 0));
    if (now < until) waits.push(`stage holds for ${ramp.hold}, until ${until.toISOString()}`);
    for (const g of guards.filter((reading) => reading.verdict === "too few"))
        waits.push(`${g.name} has n = ${g.n.candidate} / ${g.n.baseline} (candidate / baseline); it needs ${minSample} each`);
    if (waits.length) return decided("hold", waits);
    if (finalStage) return decided("finish", [`held at 100% for ${ramp.hold}`], { percent: 100, status: "finished" });
    const next = ramp.stages[ramp.stages.indexOf(current.percent) + 1];
    return decided("advance", [`every guard held over ${ramp.hold} at ${current.percent}%`], { percent: next, status: "ramping" });
}
