// Guarded ramps without Prometheus: the catalog's rules for a ramp, the rollout state applied to
// the catalog, each decision, the sequential comparison, and the decision run on generated data.
// (test/e2e/rollout.test.ts runs the command against a real Prometheus.)
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { staleFindings } from "../catalog/hygiene";
import type { CatalogInput, RampSpec } from "../catalog/types";
import type { Problem } from "../lib/problems";
import { decide, Measurement } from "../rollouts/decide";
import { countAtMost, measure, series, withMatcher } from "../rollouts/guards";
import { compare, proportion } from "../rollouts/sequential";
import { simulateRamps } from "../rollouts/simulate";
import { instantQuery } from "../rollouts/prometheus";
import { RampState, withRolloutState } from "../rollouts/state";
import { readRolloutState, rolloutStateText, writeRolloutState } from "../rollouts/stateFile";
import { catalog, catalogProblems, parsed } from "./catalogFixtures";

const GUARD = {
    name: "error rate",
    kind: "ratio",
    events: 'requests_total{outcome="error"}',
    total: "requests_total",
    maxIncrease: 0.25,
} as const;
const rampInput = () => ({ treatment: "candidate", stages: [5, 25, 50, 100], hold: "1d", minSample: 1000, guard: [{ ...GUARD }] });
const ramped = (change: (ramp: any, env: any) => void = () => undefined): CatalogInput => {
    const input: any = catalog();
    input.experiments[0].environments.prod = { ramp: rampInput() };
    change(input.experiments[0].environments.prod.ramp, input.experiments[0].environments.prod);
    return input;
};
const RAMP: RampSpec = parsed(ramped()).experiments[0].environments.prod.ramp!;
const at = (subject: string, found: string) =>
    expect.objectContaining<Partial<Problem>>({ subject, found: expect.stringContaining(found) });

describe("a ramp in the catalog", () => {
    it("is valid, and puts the treatment at its first stage until the rollout state says otherwise", () => {
        expect(catalogProblems(ramped())).toEqual([]);
        expect(parsed(ramped()).experiments[0].environments.prod.split).toEqual({ candidate: 5 });
    });

    const ENV = "experiment 'chat-model-ab' environments.prod";
    it.each([
        ["above", { histogram: "latency_seconds", bound: 4 }],
        ["mean", { histogram: "cost_dollars", per: 1000 }],
        ["ratio", { events: "errors_total", total: "requests_total" }],
    ])("says which kind a guard of an unknown kind was meant as (%s), from its fields, and nothing else", (kind, fields) => {
        const problems = catalogProblems(ramped((ramp) => (ramp.guard = [{ name: "g", kind: "p95", maxIncrease: 0.2, ...fields }])));
        expect(problems).toEqual([
            expect.objectContaining({
                subject: `${ENV}.ramp.guard[0].kind`,
                fix: expect.stringContaining(`set environments.prod.ramp.guard[0].kind: "${kind}"`),
            }),
        ]);
    });

    it.each<[string, (ramp: any, env: any) => void, string, string]>([
        ["a split beside it", (_, env) => (env.split = { candidate: 10 }), ENV, "has both split and ramp"],
        ["stages that fall", (ramp) => (ramp.stages = [25, 5, 100]), `${ENV}.ramp.stages`, "does not rise to 100"],
        ["stages that stop short of 100", (ramp) => (ramp.stages = [5, 50]), `${ENV}.ramp.stages`, "does not rise to 100"],
        ["a hold that is not a duration", (ramp) => (ramp.hold = "one day"), `${ENV}.ramp.hold`, "is not a duration"],
        ["the baseline as the treatment", (ramp) => (ramp.treatment = "baseline"), `${ENV}.ramp.treatment`, "is the baseline"],
        ["a treatment it does not have", (ramp) => (ramp.treatment = "candidat"), `${ENV}.ramp.treatment`, "is not one of its treatments"],
        ["no guard", (ramp) => (ramp.guard = []), `${ENV}.ramp.guard`, ""],
        ["a guard named twice", (ramp) => ramp.guard.push({ ...GUARD }), `${ENV}.ramp.guard[1].name`, "is used twice"],
        [
            "a guard query that is not a series selector",
            (ramp) => (ramp.guard[0].total = "rate(requests_total[5m])"),
            `${ENV}.ramp.guard[0].total`,
            "is not a Prometheus series selector",
        ],
        [
            "a guard query that is more than a selector",
            (ramp) => (ramp.guard[0].events = 'requests_total{outcome="error"} or vector(0)'),
            `${ENV}.ramp.guard[0].events`,
            "is not a Prometheus series selector",
        ],
        ["a guard of no known kind", (ramp) => (ramp.guard[0].kind = "p95"), `${ENV}.ramp.guard[0].kind`, ""],
    ])("reports %s", (_, change, subject, found) => {
        expect(catalogProblems(ramped(change))).toContainEqual(at(subject, found));
    });
});

describe("the rollout state applied to the catalog", () => {
    const state = (percent: number, status: RampState["status"] = "ramping") => ({
        "chat-model-ab": { prod: { percent, status, since: "2026-12-01T00:00:00.000Z" } },
    });
    const applied = (s: object) => withRolloutState(parsed(ramped()), s as never, "rollouts/dev.json");

    it.each<[string, object, Record<string, number>, number]>([
        ["a ramp with no state, at its first stage", {}, { candidate: 5 }, 1],
        ["stage 2", state(25), { candidate: 25 }, 2],
        ["a rolled-back ramp, at 0%", state(0, "rolled back"), { candidate: 0 }, 0],
        ["a finished ramp, at 100%", state(100, "finished"), { candidate: 100 }, 4],
    ])("sets the split of %s", (_, s, split, stage) => {
        const { catalog: staged, problems } = applied(s);
        expect(problems).toEqual([]);
        expect(staged.experiments[0].environments.prod.split).toEqual(split);
        expect(staged.experiments[0].environments.prod.ramp?.inForce.stage).toBe(stage);
    });

    it("lets npm run stale see a ramp left finished (or rolled back) since its state says", () => {
        const finished = applied({ "chat-model-ab": { prod: { percent: 100, status: "finished", since: "2026-10-01T09:00:00.000Z" } } });
        expect(staleFindings(finished.catalog, new Date("2026-12-03T12:00:00Z"))).toContainEqual(
            expect.objectContaining({
                kind: "settled experiment",
                subject: "experiment 'chat-model-ab' in prod",
                age: "100% 'candidate' since 2026-10-01, 63 days",
            }),
        );
    });

    it("refuses a percent that is not one of the ramp's stages, naming the file and the stages", () => {
        expect(applied(state(30)).problems).toEqual([
            at("rollouts/dev.json chat-model-ab.prod.percent", "30 (ramping) is not a stage of the ramp [5,25,50,100]"),
        ]);
    });

    it("warns about a state left for a ramp the catalog no longer has", () => {
        expect(applied({ ...state(25), "rag-ab": { prod: state(5)["chat-model-ab"].prod } }).warnings).toEqual([
            expect.stringContaining("has a state for rag-ab.prod, which is no ramp in flags.ts"),
        ]);
    });
});

describe("the rollout state file", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-rollouts-"));
        fs.mkdirSync(path.join(dir, "rollouts"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const written = (text: string) => (fs.writeFileSync(path.join(dir, "rollouts", "dev.json"), text), readRolloutState("dev", dir));

    it("is empty before the first rollout", () => {
        expect(readRolloutState("dev", dir)).toEqual({ state: {}, problems: [] });
    });

    it("is written with its keys sorted, so a state that did not change is a file that did not change", () => {
        const entry = { percent: 5, status: "ramping" as const, since: "2026-12-01T00:00:00.000Z" };
        writeRolloutState("dev", { "rag-ab": { prod: entry }, "chat-model-ab": { prod: entry, dev: entry } }, dir);
        const text = fs.readFileSync(path.join(dir, "rollouts", "dev.json"), "utf8");
        expect(text).toBe(rolloutStateText({ "chat-model-ab": { dev: entry, prod: entry }, "rag-ab": { prod: entry } }));
        expect(text.match(/^ {2}"[^"]+"|^ {4}"[^"]+"/gm)).toEqual([
            '  "chat-model-ab"',
            '    "dev"',
            '    "prod"',
            '  "rag-ab"',
            '    "prod"',
        ]);
        expect(readRolloutState("dev", dir).state).toEqual({ "chat-model-ab": { dev: entry, prod: entry }, "rag-ab": { prod: entry } });
    });

    it.each([
        ["text that is not JSON", "{ percent: 5 }", "rollouts/dev.json", "not JSON"],
        [
            "a percent over 100",
            '{"chat-model-ab": {"prod": {"percent": 250, "status": "ramping", "since": "2026-12-01T00:00:00Z"}}}',
            "rollouts/dev.json chat-model-ab.prod.percent",
            "",
        ],
        [
            "a status it does not know",
            '{"chat-model-ab": {"prod": {"percent": 5, "status": "paused", "since": "2026-12-01T00:00:00Z"}}}',
            "rollouts/dev.json chat-model-ab.prod.status",
            "",
        ],
    ])("names the file and the entry for %s, and says how to restore it", (_, text, subject, found) => {
        expect(written(text).problems).toEqual([
            expect.objectContaining({
                subject,
                found: expect.stringContaining(found),
                fix: expect.stringContaining("git checkout -- rollouts/dev.json"),
            }),
        ]);
    });
});

/** A stand-in Prometheus answering every query with `result`, for the length of `work`. */
async function withPrometheus(result: object[], work: (url: string) => Promise<void>, seen?: (request: http.IncomingMessage) => void) {
    const server = http.createServer((request, response) => {
        seen?.(request);
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ status: "success", data: { resultType: "vector", result } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
        await work(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    }
}
const windowOf = (prometheus: string) => ({
    prometheus,
    label: "treatment",
    candidate: "candidate",
    baseline: "baseline",
    from: new Date(0),
    to: new Date(3_600_000),
});

describe("Prometheus's query API", () => {
    it("measures a ramp at 100%, where only the candidate has series, and lets it finish", async () => {
        await withPrometheus([{ metric: { treatment: "candidate" }, value: [0, "2000"] }], async (url) => {
            const measurement = await measure(RAMP.guard[0], windowOf(url));
            expect(measurement).toEqual({ candidate: expect.objectContaining({ n: 2000 }), baseline: { n: 0, mean: 0, variance: 0 } });
            const at100 = { percent: 100, status: "ramping" as const, since: "1970-01-01T00:00:00.000Z" };
            expect(decide(RAMP, at100, new Date(0), new Date(2 * 86_400_000), [measurement]).decision.action).toBe("finish");
        });
    });

    it("reads a guard whose counts are not counts (NaN) as unreadable, so the ramp holds", async () => {
        const result = ["candidate", "baseline"].map((treatment) => ({ metric: { treatment }, value: [0, "NaN"] }));
        await withPrometheus(result, async (url) => {
            expect(await measure(RAMP.guard[0], windowOf(url))).toEqual({
                unreadable: expect.stringContaining("gave a value that is no count (NaN, infinite or negative)"),
            });
        });
    });

    it("sends a URL's user name and password as basic auth, and never shows the password", async () => {
        let authorization: string | undefined;
        let port = "";
        await withPrometheus(
            [{ metric: { treatment: "a" }, value: [0, "12"] }],
            async (url) => {
                port = new URL(url).port;
                const samples = await instantQuery(`http://reader:s3cret@127.0.0.1:${port}`, "up", new Date());
                expect(samples).toEqual([{ labels: { treatment: "a" }, value: 12 }]);
                expect(authorization).toBe(`Basic ${Buffer.from("reader:s3cret").toString("base64")}`);
            },
            (request) => (authorization = request.headers.authorization),
        );
        const refused = await instantQuery(`http://reader:s3cret@127.0.0.1:${port}`, "up", new Date()).catch(
            (error: Error) => error.message,
        );
        expect(refused).toBe(`Prometheus at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED)`);
    });
});

describe("decide", () => {
    const start = new Date("2026-12-01T00:00:00Z");
    const hours = (h: number) => new Date(start.getTime() + h * 3_600_000);
    const arms = (candidate: [number, number], baseline: [number, number]): Measurement => ({
        candidate: proportion(...candidate),
        baseline: proportion(...baseline),
    });
    const same = arms([100, 5000], [1900, 95000]);
    const doubled = arms([200, 5000], [1900, 95000]);
    const stage = (percent: number, status: RampState["status"] = "ramping"): RampState => ({
        percent,
        status,
        since: start.toISOString(),
    });

    it.each<[string, RampState | undefined, number, Measurement, string, number, string]>([
        ["holds before the hold time", undefined, 12, same, "hold", 5, "stage holds for 1d, until 2026-12-02T00:00:00.000Z"],
        ["advances when the hold is over and the guards hold", undefined, 25, same, "advance", 25, "every guard held over 1d at 5%"],
        ["rolls back on a regression, even before the hold time", stage(25), 6, doubled, "rollback", 0, "error rate regressed"],
        ["holds without the minimum sample", undefined, 25, arms([10, 500], [190, 9500]), "hold", 5, "it needs 1000 each"],
        [
            "holds when a guard has no data",
            undefined,
            25,
            { unreadable: "no data: no series x" },
            "hold",
            5,
            "cannot decide without every guard",
        ],
        ["finishes after holding at 100%", stage(100), 25, arms([100, 5000], [0, 0]), "finish", 100, "held at 100% for 1d"],
        [
            "leaves a rolled-back ramp alone",
            stage(0, "rolled back"),
            25,
            same,
            "hold",
            0,
            'to try again, set its entry to {"percent": 5, "status": "ramping"',
        ],
    ])("%s", (_, state, h, measurement, action, percent, reason) => {
        const { decision, next } = decide(RAMP, state, start, hours(h), [measurement]);
        expect(decision.action).toBe(action);
        expect(next.percent).toBe(percent);
        expect(decision.reasons.join(" ")).toContain(reason);
    });

    describe("with a max on the guard (a ceiling whatever the baseline does)", () => {
        const capped: RampSpec = { ...RAMP, guard: [{ ...RAMP.guard[0], max: 0.03 }] };
        it.each<[string, RampState | undefined, Measurement, string, string]>([
            [
                "rolls back a candidate over it even when the baseline is as bad",
                stage(25),
                arms([400, 5000], [7600, 95000]),
                "rollback",
                "error rate is over its max: 8.00% against 3.00%",
            ],
            [
                "checks it at 100%, where there is no baseline",
                stage(100),
                arms([400, 5000], [0, 0]),
                "rollback",
                "error rate is over its max",
            ],
            ["finishes at 100% under it", stage(100), arms([100, 5000], [0, 0]), "finish", "held at 100% for 1d"],
            [
                "does not roll back a candidate under it by chance",
                stage(25),
                arms([155, 5000], [2850, 95000]),
                "advance",
                "every guard held",
            ],
        ])("%s", (_, state, measurement, action, reason) => {
            const { decision } = decide(capped, state, start, hours(25), [measurement]);
            expect(decision.action).toBe(action);
            expect(decision.reasons.join(" ")).toContain(reason);
        });
    });

    it("records each guard's values, bound and n, and starts the next stage's clock when it moves", () => {
        const { decision, next } = decide(RAMP, undefined, start, hours(25), [same]);
        expect(decision.guards).toEqual([
            { name: "error rate", verdict: "ok", candidate: 0.02, baseline: 0.02, bound: 0.025, n: { candidate: 5000, baseline: 95000 } },
        ]);
        expect(next.since).toBe(hours(25).toISOString());
    });
});

describe("compare (always-valid confidence sequence)", () => {
    it("finds no regression between equal treatments, and one when the candidate is far worse on enough data", () => {
        expect(compare(proportion(200, 10000), proportion(2000, 100000), 0.25, 0.01, 10000).regressed).toBe(false);
        expect(compare(proportion(400, 10000), proportion(2000, 100000), 0.25, 0.01, 10000).regressed).toBe(true);
    });

    it("needs more evidence than a fixed-sample test would, to stay valid over every look", () => {
        // 2.6% against a bound of 2.5% is 2.4 standard errors: significant once, not across looks.
        expect(compare(proportion(260, 10000), proportion(2000, 100000), 0.25, 0.05, 10000).regressed).toBe(false);
    });
});

describe("guard queries", () => {
    it.each([
        ["requests_total", 'requests_total{treatment=~"a|b"}'],
        ['requests_total{outcome="error"}', 'requests_total{outcome="error",treatment=~"a|b"}'],
        ["requests_total{}", 'requests_total{treatment=~"a|b"}'],
    ])("adds the treatment matcher to %s", (selector, query) => {
        expect(withMatcher(selector, 'treatment=~"a|b"')).toBe(query);
    });

    it.each([
        [4, 97],
        [3, 91],
        [0.25, 15],
        [8, 99],
    ])("counts the observations at or below %p s from cumulative buckets, interpolating within one: %p", (bound, count) => {
        const buckets = [
            { le: 0.5, count: 30 },
            { le: 1, count: 60 },
            { le: 2, count: 85 },
            { le: 4, count: 97 },
            { le: 8, count: 99 },
            { le: Infinity, count: 100 },
        ];
        expect(countAtMost(buckets, bound)).toBeCloseTo(count);
    });

    it("reads a histogram's series by suffix", () => {
        expect(series('latency_seconds{app="chat"}', "_bucket")).toBe('latency_seconds_bucket{app="chat"}');
    });
});

describe("ramps on generated data (200 each, 100,000 requests a day, hourly looks, 2% baseline error rate)", () => {
    const scenario = { ramp: RAMP, requestsPerDay: 100_000, baselineErrorRate: 0.02, lookEveryHours: 1 };

    it("rolls back no more than 5% of A/A ramps", () => {
        const runs = simulateRamps({ ...scenario, candidateErrorRate: 0.02 }, 200);
        expect(runs.filter((r) => r.outcome === "rolled back").length / runs.length).toBeLessThanOrEqual(0.05);
    });

    it("rolls back a candidate with double the error rate before it passes 25% in at least 95% of runs", () => {
        const runs = simulateRamps({ ...scenario, candidateErrorRate: 0.04 }, 200);
        expect(runs.filter((r) => r.outcome === "rolled back" && r.atPercent <= 25).length / runs.length).toBeGreaterThanOrEqual(0.95);
    });
});
