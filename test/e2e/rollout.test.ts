// `npm run rollout` as the schedule runs it, against a real Prometheus holding backfilled metrics:
// it holds before the hold time, advances when the guards pass, rolls back on a regression, and
// holds when it cannot read a guard. Each run's decision lands in rollouts/dev.json.
import * as fs from "fs";
import * as path from "path";
import type { RolloutState } from "../../rollouts/state";
import { commitAll } from "../../plan/worktree";
import { measure } from "../../rollouts/guards";
import { Family, freePort, openMetrics, RunningPrometheus, startPrometheus } from "../prometheus";
import { command, sampleRepository } from "./sampleRepository";

const HOUR = 3600;
const T0 = Date.parse("2026-11-02T00:00:00Z") / 1000;
/** After this, the candidate errs three times as often as the baseline. */
const REGRESSION = T0 + 26 * HOUR;
const END = T0 + 48 * HOUR;
const STEP = 300;

const RAMP = `ramp: {
                        treatment: "candidate",
                        stages: [5, 25, 50, 100],
                        hold: "1d",
                        minSample: 500,
                        guard: [
                            { name: "error rate", kind: "ratio", events: 'app_requests_total{outcome="error"}', total: "app_requests_total", maxIncrease: 0.25 },
                            { name: "p95 latency under 4 s", kind: "above", histogram: "app_request_seconds", bound: 4, maxIncrease: 0.25 },
                            { name: "cost per 1,000 requests", kind: "mean", histogram: "app_request_dollars", per: 1000, maxIncrease: 2 },
                            { name: "thumbs-down share", kind: "ratio", events: 'app_feedback_total{rating="down"}', total: "app_feedback_total", maxIncrease: 0.2 },
                        ],
                    },`;

/** Every 5 minutes from T0 to END, per treatment: requests, errors, latency and cost histograms, feedback. */
function metrics(): string {
    const families: Record<string, Family> = {
        requests: { name: "app_requests", type: "counter", samples: [] },
        latency: { name: "app_request_seconds", type: "histogram", samples: [] },
        cost: { name: "app_request_dollars", type: "histogram", samples: [] },
        feedback: { name: "app_feedback", type: "counter", samples: [] },
    };
    const latencyBuckets: [string, number][] = [
        ["0.5", 0.3],
        ["1", 0.6],
        ["2", 0.85],
        ["4", 0.97],
        ["8", 0.99],
        ["+Inf", 1],
    ];
    const costBuckets: [string, number][] = [
        ["0.001", 0.2],
        ["0.002", 0.6],
        ["0.005", 0.9],
        ["0.01", 0.99],
        ["+Inf", 1],
    ];
    for (const [treatment, perStep] of [
        ["candidate", 100],
        ["baseline", 400],
    ] as const) {
        const series = (labels: string) => `{treatment="${treatment}"${labels}}`;
        let [requests, errors] = [0, 0];
        for (let t = T0; t <= END; t += STEP) {
            const errorRate = treatment === "candidate" && t > REGRESSION ? 0.06 : 0.02;
            requests += perStep;
            errors += perStep * errorRate;
            families.requests.samples.push([`app_requests_total${series(',outcome="ok"')}`, requests - errors, t]);
            families.requests.samples.push([`app_requests_total${series(',outcome="error"')}`, errors, t]);
            for (const [le, share] of latencyBuckets)
                families.latency.samples.push([`app_request_seconds_bucket${series(`,le="${le}"`)}`, requests * share, t]);
            families.latency.samples.push([`app_request_seconds_sum${series("")}`, requests * 1.2, t]);
            families.latency.samples.push([`app_request_seconds_count${series("")}`, requests, t]);
            for (const [le, share] of costBuckets)
                families.cost.samples.push([`app_request_dollars_bucket${series(`,le="${le}"`)}`, requests * share, t]);
            families.cost.samples.push([`app_request_dollars_sum${series("")}`, requests * 0.003, t]);
            families.cost.samples.push([`app_request_dollars_count${series("")}`, requests, t]);
            families.feedback.samples.push([`app_feedback_total${series(',rating="up"')}`, requests * 0.09, t]);
            families.feedback.samples.push([`app_feedback_total${series(',rating="down"')}`, requests * 0.01, t]);
        }
    }
    // OpenMetrics wants each series' samples together: order by series, then time.
    for (const family of Object.values(families)) family.samples.sort((a, b) => a[0].localeCompare(b[0]) || a[2] - b[2]);
    return openMetrics(Object.values(families));
}

let prometheus: RunningPrometheus;
let repo: string;
const at = (seconds: number) => new Date(seconds * 1000).toISOString();
const stateFile = () => path.join(repo, "rollouts", "dev.json");
const state = () => JSON.parse(fs.readFileSync(stateFile(), "utf8")) as RolloutState;
const rollout = (now: number, ...more: string[]) => command(repo, "rollout", "--now", at(now), "--prometheus", prometheus.url, ...more);

beforeAll(async () => {
    prometheus = await startPrometheus(metrics());
    repo = sampleRepository();
    const flags = path.join(repo, "flags.ts");
    const text = fs.readFileSync(flags, "utf8");
    const ramped = text.replace(/split: \{ candidate: 10 \},\s*since: "2026-11-20",/, RAMP);
    expect(ramped).not.toBe(text);
    fs.writeFileSync(flags, ramped);
    commitAll(repo, "a guarded ramp in prod");
}, 60_000);
afterAll(async () => {
    await prometheus?.stop();
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
});

describe("npm run rollout against a real Prometheus", () => {
    it("holds before the hold time, advances when the guards pass, then rolls back on a regression", () => {
        const first = rollout(T0 + HOUR);
        expect(first.stderr).toBe("");
        expect(first.status).toBe(0);
        expect(first.stdout).toContain("chat-model-ab × prod: hold");
        expect(first.stdout).toMatch(/stage holds for 1d, until 2026-11-03T01:00:00.000Z/);
        expect(state()["chat-model-ab"].prod).toMatchObject({ percent: 5, status: "ramping", since: at(T0 + HOUR) });

        const second = rollout(T0 + 25.5 * HOUR);
        expect(second.status).toBe(0);
        expect(second.stdout).toContain("rollout: chat-model-ab prod 5% → 25%");
        expect(second.stdout).toContain("rollouts/dev.json moves a split: run npm run generate -- --stack dev and commit both");
        // Each guard: both values, the bound, n per treatment, the verdict.
        expect(second.stdout).toMatch(/error rate\s+2\.00%\s+2\.00%\s+2\.50%\s+[\d,]+ \/ [\d,]+\s+ok/);
        expect(second.stdout).toMatch(/cost per 1,000 requests\s+3\.000\s+3\.000\s+9\.000/);
        expect(second.stdout).toMatch(/thumbs-down share\s+10\.00%\s+10\.00%\s+12\.00%/);
        expect(state()["chat-model-ab"].prod).toMatchObject({ percent: 25, status: "ramping", since: at(T0 + 25.5 * HOUR) });
        commitAll(repo, "rollout: chat-model-ab prod 5% → 25%");

        const third = rollout(T0 + 40 * HOUR, "--json");
        expect(third.status).toBe(0);
        const [decision] = (
            JSON.parse(third.stdout) as {
                ramps: { action: string; urgent: boolean; moved: boolean; title: string; body: string; stateFile: string }[];
            }
        ).ramps;
        expect(decision).toMatchObject({
            action: "rollback",
            urgent: true,
            moved: true,
            title: "rollout (urgent): roll back chat-model-ab prod 25% → 0%",
        });
        expect(decision.body).toMatch(/error rate regressed/);
        expect(decision.body).toMatch(/Deploy it at once/);
        expect(state()["chat-model-ab"].prod).toMatchObject({ percent: 0, status: "rolled back" });
        // Its pull request's state file, as the workflow commits it: the only ramp, so the file as written.
        expect(decision.stateFile).toBe(fs.readFileSync(stateFile(), "utf8"));

        // The program now serves the baseline to everyone in prod, and the diff says why.
        const plan = command(repo, "plan", "--diff", "HEAD");
        expect(plan.stdout).toMatch(
            /experiment 'chat-model-ab' × prod: ramp rolled back: 'candidate' 25% → 0% \(guards: failing, n = [\d,]+\)/,
        );
        expect(plan.stdout).toMatch(/split baseline 75% \/ candidate 25% → baseline 100% \/ candidate 0%/);
    }, 120_000);

    it("holds, and says why, when there is no data or Prometheus cannot be reached", async () => {
        fs.rmSync(stateFile(), { force: true });
        const quiet = T0 + 30 * 24 * HOUR;
        expect(rollout(quiet).status).toBe(0);
        const noData = rollout(quiet + 2 * 24 * HOUR);
        expect(noData.stdout).toContain("chat-model-ab × prod: hold");
        expect(noData.stdout).toMatch(
            /cannot decide without every guard \(error rate: no data: no series app_requests_total\{outcome="error"\}/,
        );
        expect(state()["chat-model-ab"].prod.percent).toBe(5);

        const closed = `http://127.0.0.1:${await freePort()}`;
        const down = command(repo, "rollout", "--now", at(quiet + 3 * 24 * HOUR), "--prometheus", closed);
        expect(down.status).toBe(0);
        expect(down.stdout).toContain(`Prometheus at ${closed} cannot be reached (ECONNREFUSED)`);
        expect(state()["chat-model-ab"].prod.percent).toBe(5);
    }, 60_000);

    it("reads a guard Prometheus refuses as unreadable, with Prometheus's reason, so the ramp holds", async () => {
        const guard = {
            name: "error rate",
            kind: "ratio",
            events: "app_requests_total{outcome=error}",
            total: "app_requests_total",
            maxIncrease: 0.25,
        } as const;
        const window = {
            prometheus: prometheus.url,
            label: "treatment",
            candidate: "candidate",
            baseline: "baseline",
            from: new Date(T0 * 1000),
            to: new Date((T0 + 20 * HOUR) * 1000),
        };
        expect(await measure(guard, window)).toEqual({ unreadable: expect.stringMatching(/^Prometheus refused the query .*: bad_data: /) });
        const { candidate, baseline } = (await measure({ ...guard, events: 'app_requests_total{outcome="error"}' }, window)) as any;
        expect([candidate.mean, baseline.mean].map((mean: number) => mean.toFixed(3))).toEqual(["0.020", "0.020"]);
    });
});
