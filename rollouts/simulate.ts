// Ramps run on generated data, to measure what the decision does: how often a candidate no
// different from the baseline is rolled back, and how soon a worse one is. Seeded, so a figure in
// docs/rollouts.md can be reproduced. Pure.
import type { RampSpec } from "../catalog/types";
import { decide } from "./decide";
import { proportion } from "./sequential";
import type { RampState } from "./state";

export interface Scenario {
    ramp: RampSpec;
    /** Requests a day across both treatments. */
    requestsPerDay: number;
    baselineErrorRate: number;
    candidateErrorRate: number;
    /** Hours between looks (the schedule). */
    lookEveryHours: number;
}

export interface RampRun {
    outcome: "rolled back" | "finished";
    /** The candidate's percent when the ramp ended (for a rollback, the stage it was rolled back from). */
    atPercent: number;
    hours: number;
}

/** A small, fast, seeded generator (mulberry32). */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** A binomial draw: exact (by inversion) for small means, normal beyond. */
function binomial(n: number, p: number, next: () => number): number {
    const mean = n * p;
    if (mean < 50) {
        let [k, term, cumulative] = [0, Math.pow(1 - p, n), 0];
        const u = next();
        cumulative = term;
        while (u > cumulative && k < n) {
            term *= ((n - k) / (k + 1)) * (p / (1 - p));
            cumulative += term;
            k++;
        }
        return k;
    }
    const [u, v] = [next() || 1e-12, next()];
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(n, Math.max(0, Math.round(mean + z * Math.sqrt(mean * (1 - p)))));
}

/** One ramp from its first stage until it is rolled back or finishes, looked at on the scenario's schedule. */
export function simulateRamp(scenario: Scenario, seed: number): RampRun {
    const next = random(seed);
    const { ramp, lookEveryHours } = scenario;
    const start = new Date("2026-01-01T00:00:00Z");
    let state: RampState | undefined;
    let counts = { candidate: { n: 0, errors: 0 }, baseline: { n: 0, errors: 0 } };
    for (let hours = lookEveryHours; hours < 24 * 365; hours += lookEveryHours) {
        const percent = state?.percent ?? ramp.stages[0];
        const requests = (scenario.requestsPerDay * lookEveryHours) / 24;
        for (const [arm, share, rate] of [
            ["candidate", percent / 100, scenario.candidateErrorRate],
            ["baseline", 1 - percent / 100, scenario.baselineErrorRate],
        ] as const) {
            const n = Math.round(requests * share);
            counts[arm] = { n: counts[arm].n + n, errors: counts[arm].errors + binomial(n, rate, next) };
        }
        const now = new Date(start.getTime() + hours * 3_600_000);
        const measurement = {
            candidate: proportion(counts.candidate.errors, counts.candidate.n),
            baseline: proportion(counts.baseline.errors, counts.baseline.n),
        };
        const { decision, next: after } = decide(ramp, state, start, now, [measurement]);
        if (decision.action === "rollback") return { outcome: "rolled back", atPercent: percent, hours };
        if (decision.action === "finish") return { outcome: "finished", atPercent: 100, hours };
        // A new stage measures from its own start.
        if (after.percent !== percent) counts = { candidate: { n: 0, errors: 0 }, baseline: { n: 0, errors: 0 } };
        state = after;
    }
    throw new Error("the ramp neither finished nor rolled back within a year");
}

/** `runs` ramps of one scenario, seeds 1…runs. */
export const simulateRamps = (scenario: Scenario, runs: number): RampRun[] =>
    Array.from({ length: runs }, (_, i) => simulateRamp(scenario, i + 1));

/** The ramp docs/rollouts.md measures: one error-rate guard, stages 5/25/50/100, a day at each. */
export const MEASURED_RAMP: RampSpec = {
    treatment: "candidate",
    stages: [5, 25, 50, 100],
    hold: "1d",
    minSample: 1000,
    guard: [{ name: "error rate", kind: "ratio", events: "errors_total", total: "requests_total", maxIncrease: 0.25 }],
};

/** docs/rollouts.md's table: each traffic and candidate error rate against a 2% baseline, `runs` ramps each, looked at hourly. */
export function simulationTable(runs: number): string[] {
    const rows = ["requests a day  candidate error rate  runs  rolled back  before passing 25%  at 5%  median hours to rollback"];
    for (const requestsPerDay of [100_000, 20_000])
        for (const candidateErrorRate of [0.02, 0.04, 0.03]) {
            const results = simulateRamps(
                { ramp: MEASURED_RAMP, requestsPerDay, baselineErrorRate: 0.02, candidateErrorRate, lookEveryHours: 1 },
                runs,
            );
            const rolledBack = results.filter((r) => r.outcome === "rolled back");
            const share = (count: number) => `${((100 * count) / runs).toFixed(1)}%`;
            const hours = rolledBack.map((r) => r.hours).sort((a, b) => a - b);
            rows.push(
                [
                    requestsPerDay.toLocaleString("en-US").padStart(14),
                    `${(candidateErrorRate * 100).toFixed(0)}%`.padStart(20),
                    String(runs).padStart(5),
                    share(rolledBack.length).padStart(11),
                    share(rolledBack.filter((r) => r.atPercent <= 25).length).padStart(18),
                    share(rolledBack.filter((r) => r.atPercent === 5).length).padStart(5),
                    (hours.length ? String(hours[Math.floor(hours.length / 2)]) : "-").padStart(25),
                ].join("  "),
            );
        }
    return rows;
}
