// What a ramp does next: hold, advance to its next stage, roll back to 0%, or finish. Pure: the
// guards' measurements come in, the decision and the ramp's next state go out. It fails closed:
// a guard it cannot read holds the ramp, and nothing advances without every guard's minimum sample.
import { parseDuration } from "../lib/dates";
import type { GuardSpec, RampSpec } from "../catalog/types";
import { ArmSample, compare } from "./sequential";
import type { Action, Decision, GuardReading, RampState } from "./state";

/** The false-rollback rate a ramp may spend, across its stages, guards and every look. */
export const FALSE_ROLLBACK_RATE = 0.05;
export const DEFAULT_MIN_SAMPLE = 1000;

/** One guard's measurement in a stage's window: both treatments' samples, or why there are none. */
export type Measurement = { candidate: ArmSample; baseline: ArmSample } | { unreadable: string };

/** The guard's value as recorded: a mean scaled by `per`, to 6 significant digits. */
const shown = (guard: GuardSpec, value: number) => Number((guard.kind === "mean" ? value * (guard.per ?? 1) : value).toPrecision(6));

/** A recorded value as people read it: a share as a percent, a mean to 4 significant digits. */
export const formatted = (guard: GuardSpec, value: number) =>
    guard.kind === "mean" ? value.toPrecision(4) : `${(value * 100).toFixed(2)}%`;

export interface RampDecision {
    decision: Decision;
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
    // The error budget, split evenly (Bonferroni) over the stages that compare and the guards.
    const alpha = FALSE_ROLLBACK_RATE / (Math.max(1, ramp.stages.filter((s) => s < 100).length) * ramp.guard.length);
    const guards: GuardReading[] = ramp.guard.map((guard, g) => {
        const m = measurements[g];
        if (!m || "unreadable" in m)
            return { name: guard.name, verdict: "no data", candidate: null, baseline: null, bound: null, n: { candidate: 0, baseline: 0 } };
        const reading = {
            name: guard.name,
            candidate: shown(guard, m.candidate.mean),
            baseline: shown(guard, m.baseline.mean),
            bound: shown(guard, m.baseline.mean * (1 + guard.maxIncrease)),
            n: { candidate: Math.round(m.candidate.n), baseline: Math.round(m.baseline.n) },
        };
        // At 100% nothing is served the baseline: the last stage is a soak, with nothing to compare.
        if (finalStage) return { ...reading, verdict: "ok" as const };
        if (Math.min(m.candidate.n, m.baseline.n) < minSample) return { ...reading, verdict: "too few" as const };
        const { regressed } = compare(m.candidate, m.baseline, guard.maxIncrease, alpha, minSample);
        return { ...reading, verdict: regressed ? ("regressed" as const) : ("ok" as const) };
    });
    const decision = (action: Action, reasons: string[]): Decision => ({ at, action, reasons, guards });
    const stay = (action: Action, reasons: string[]): RampDecision => ({
        decision: decision(action, reasons),
        next: { ...current, decision: decision(action, reasons) },
    });
    const move = (action: Action, percent: number, status: RampState["status"], reasons: string[]): RampDecision => ({
        decision: decision(action, reasons),
        next: { percent, status, since: at, decision: decision(action, reasons) },
    });

    if (current.status === "rolled back")
        return stay("hold", [
            `rolled back since ${current.since}: to try again, set its entry to {"percent": ${ramp.stages[0]}, "status": "ramping", "since": "<when that change deploys>"} in a reviewed change`,
        ]);
    if (current.status === "finished") return stay("finish", [`finished at 100% since ${current.since}`]);
    const since = new Date(current.since);
    if (now < since) return stay("hold", [`--now ${at} is before this stage started (${current.since})`]);

    if (guards.some((g) => g.verdict === "regressed"))
        return move(
            "rollback",
            0,
            "rolled back",
            guards.flatMap((g, i) =>
                g.verdict === "regressed"
                    ? [`${g.name} regressed: ${formatted(ramp.guard[i], g.candidate!)} against a bound of ${formatted(ramp.guard[i], g.bound!)} (baseline ${formatted(ramp.guard[i], g.baseline!)})`]
                    : [],
            ),
        );
    // A hold says every reason there is to wait: a guard it cannot read, the hold time, too few observations.
    const waits = ramp.guard.flatMap((guard, g) => {
        const m = measurements[g];
        return !m || "unreadable" in m ? [`cannot decide without every guard (${guard.name}: ${m ? m.unreadable : "not measured"})`] : [];
    });
    const until = new Date(since.getTime() + (parseDuration(ramp.hold) ?? 0));
    if (now < until) waits.push(`stage holds for ${ramp.hold}, until ${until.toISOString()}`);
    for (const g of guards.filter((reading) => reading.verdict === "too few"))
        waits.push(`${g.name} has n = ${g.n.candidate} / ${g.n.baseline} (candidate / baseline); it needs ${minSample} each`);
    if (waits.length) return stay("hold", waits);
    if (finalStage) return move("finish", 100, "finished", [`held at 100% for ${ramp.hold}`]);
    const next = ramp.stages[ramp.stages.indexOf(current.percent) + 1];
    return move("advance", next, "ramping", [`every guard held over ${ramp.hold} at ${current.percent}%`]);
}
