// `npm run plan -- --diff`: pairs of catalogs and configs (the sample stack with one change), each
// run through the real program under the mock runtime, compared as a reviewer reads a rollout.
import type { CatalogInput } from "../catalog/types";
import { exitCodeOf, planDiff, PlanDiff, propertyChanges, resourceChanges } from "../plan/diff";
import type { ProgramRun } from "../plan/mockRuntime";
import { diffMarkdown, diffReport, secretsOf } from "../plan/report";
import { sampleCatalog } from "./catalogFixtures";
import { declared } from "./programRun";

jest.mock("../flags", () => jest.requireActual("./programRun").flagsModule);
jest.mock("../rollouts/stateFile", () => jest.requireActual("./programRun").stateFileModule);

/** Each distinct catalog and config is run once: a run is never changed by what reads it. */
const runs = new Map<string, Promise<ProgramRun>>();
const runOf = (input: CatalogInput, overrides: Record<string, unknown> = {}): Promise<ProgramRun> => {
    const key = JSON.stringify([input, overrides]);
    if (!runs.has(key)) runs.set(key, declared(input, { overrides }));
    return runs.get(key)!;
};
const copy = (): any => sampleCatalog();
const baseline = (overrides: Record<string, unknown> = {}) => runOf(copy(), overrides);
async function diffOf(
    change: (c: any) => void,
    overrides: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): Promise<PlanDiff> {
    const after = copy();
    change(after);
    const before = await baseline(overrides.before);
    return planDiff(before, await runOf(after, overrides.after));
}
const lines = (diff: PlanDiff) => diff.rollout.map((l) => `${l.subject}: ${l.change}`);

it("sees no change in an unchanged catalog, and exits 0", async () => {
    const diff = await diffOf(() => undefined);
    expect(diff).toMatchObject({ resources: [], aliased: [], rollout: [], blockers: [] });
    expect(exitCodeOf(diff)).toBe(0);
    expect(diffReport(diff, { stack: "dev", base: "HEAD", secrets: new Set(), after: await baseline() })).toContain("\nNo changes.");
});

it("summarises a state flip, and shows only the changed input", async () => {
    const diff = await diffOf((c) => (c.flags.find((f: any) => f.identifier === "llm_assistant_enabled").environments.prod.state = "off"));
    expect(lines(diff)).toEqual(["flag 'llm_assistant_enabled' × prod: state on → off"]);
    expect(diff.resources).toEqual([
        expect.objectContaining({
            op: "update",
            name: "flag-llm_assistant_enabled-flag",
            properties: [{ path: "environments[prod].state", before: "on", after: "off" }],
        }),
    ]);
});

it("says a guarded ramp's stage move, with what its guards saw, when its rollout state advances it", async () => {
    const input = copy();
    const prod = input.experiments[0].environments.prod;
    delete prod.split;
    prod.ramp = {
        treatment: "candidate",
        stages: [5, 25, 50, 100],
        hold: "1d",
        guard: [{ name: "error rate", kind: "ratio", events: "errors_total", total: "requests_total", maxIncrease: 0.25 }],
    };
    const since = "2026-12-01T00:00:00.000Z";
    const guards = [
        { name: "error rate", verdict: "ok", candidate: 0.02, baseline: 0.02, bound: 0.025, n: { candidate: 12345, baseline: 234567 } },
    ];
    const at = (percent: number, decision?: object) => ({ "chat-model-ab": { prod: { percent, status: "ramping", since, decision } } });
    const before = await declared(input, { rollouts: at(5) as never });
    const after = await declared(input, { rollouts: at(25, { at: since, action: "advance", reasons: [], guards }) as never });
    expect(lines(planDiff(before, after))).toEqual([
        "experiment 'chat-model-ab' × prod: ramp stage 2/4: 5% → 25% (guards: ok, n = 12,345)",
        "experiment 'chat-model-ab' × prod: split baseline 95% / candidate 5% → baseline 75% / candidate 25%",
    ]);
});

it("summarises a split ramp from 10% to 50%, changing only the two bucket sizes", async () => {
    const diff = await diffOf((c) => (c.experiments[0].environments.prod.split = { candidate: 50 }));
    expect(lines(diff)).toEqual(["experiment 'chat-model-ab' × prod: split baseline 90% / candidate 10% → baseline 50% / candidate 50%"]);
    expect(exitCodeOf(diff)).toBe(3);
    expect(diff.resources).toEqual([
        expect.objectContaining({
            op: "update",
            name: "experiment-chat-model-ab-definition-prod",
            properties: [
                { path: "definition.defaultRule[baseline].size", before: 90, after: 50 },
                { path: "definition.defaultRule[candidate].size", before: 10, after: 50 },
            ],
        }),
    ]);
});

it("summarises a target added to a flag, which also creates the target first", async () => {
    const diff = await diffOf((c) => {
        c.targets.push({ identifier: "user_dana_pm", name: "Dana (PM)" });
        c.flags.find((f: any) => f.identifier === "summary_prompt_version").environments.prod.targets.v4_concise.push("user_dana_pm");
    });
    expect(lines(diff)).toEqual(["flag 'summary_prompt_version' × prod: targets served 'v4_concise': + user_dana_pm"]);
    expect(diff.resources.map((r) => [r.op, r.name])).toEqual([
        ["create", "env-prod-target-user_dana_pm"],
        ["update", "flag-summary_prompt_version-flag"],
    ]);
});

it("calls a kind change a replace, and blocks it on a protected flag with the way forward", async () => {
    const diff = await diffOf((c) => {
        const flag = c.flags.find((f: any) => f.identifier === "max_output_tokens");
        flag.kind = "string";
        for (const v of flag.variations) v.value = String(v.value);
    });
    expect(lines(diff)).toEqual(["flag 'max_output_tokens': kind int → string"]);
    expect(diff.resources[0]).toMatchObject({ op: "replace", name: "flag-max_output_tokens-flag", replaceBecause: ["kind"] });
    expect(diff.blockers).toEqual([
        {
            subject: "flag 'max_output_tokens'",
            reason: "the change replaces (kind changed) a protected flag: protect stops the update",
            fix: "keep its identifier and kind, or set allowReplace: true on the flag for this deploy",
        },
    ]);
});

it("blocks a flag removed from a stack that protects it, and says to archive it first", async () => {
    const diff = await diffOf((c) => (c.flags = c.flags.filter((f: any) => f.identifier !== "rag_retrieval")));
    expect(lines(diff)).toEqual([
        "flag 'rag_retrieval': removed (boolean, owner team-search, expires 2027-02-28); it served in dev 'enabled' to everyone; in prod 'enabled' to internal_testers (3 targets), 'disabled' to everyone but 3 targets served other variations",
    ]);
    expect(diff.resources.map((r) => [r.op, r.name])).toEqual([["delete", "flag-rag_retrieval-flag"]]);
    expect(diff.blockers).toEqual([
        {
            subject: "flag 'rag_retrieval'",
            reason: "the change deletes a protected flag: protect stops the update",
            fix: "mark it archived: true first, deploy, and remove it in a later change",
        },
    ]);
});

it("does not block a flag leaving after it was archived", async () => {
    const archived = copy();
    Object.assign(
        archived.flags.find((f: any) => f.identifier === "rag_retrieval"),
        { archived: true, environments: {} },
    );
    const removed = copy();
    removed.flags = removed.flags.filter((f: any) => f.identifier !== "rag_retrieval");
    const diff = planDiff(await runOf(archived), await runOf(removed));
    expect(diff.blockers).toEqual([]);
});

describe("an SDK key rotation", () => {
    const environments = (prodGenerations: unknown[]) => ({
        environments: [
            { id: "dev", type: "PreProduction", sdkKeys: ["Server", "Client"] },
            { id: "prod", type: "Production", sdkKeys: ["Server"], sdkKeyGenerations: prodGenerations },
        ],
    });

    it("shows its start: the new generation beside the old, nothing blocked", async () => {
        const diff = await diffOf(() => undefined, { before: environments([1]), after: environments([2, 1]) });
        expect(lines(diff)).toEqual([
            "SDK key prod Server: rotation started: generation 2 created beside generation 1, which stays valid",
            "protection: 1 resource no longer protected",
        ]);
        expect(diff.resources.map((r) => [r.op, r.name])).toEqual([
            ["create", "env-prod-server-key-g2"],
            ["update", "env-prod-server-key"],
        ]);
        expect(diff.blockers).toEqual([]);
    });

    it("shows its finish: the old generation deleted, not a blocker", async () => {
        const diff = await diffOf(() => undefined, { before: environments([2, 1]), after: environments([2]) });
        expect(lines(diff)).toEqual(["SDK key prod Server: rotation finished: generation 1 deleted; generation 2 stays"]);
        expect(diff.resources.map((r) => [r.op, r.name])).toEqual([["delete", "env-prod-server-key"]]);
        expect(diff.blockers).toEqual([]);
    });

    it("blocks deleting the only key of a type, which applications still use", async () => {
        const diff = await diffOf(() => undefined, {
            before: environments([1]),
            after: {
                environments: [
                    { id: "dev", type: "PreProduction", sdkKeys: ["Server"] },
                    { id: "prod", type: "Production", sdkKeys: ["Server"] },
                ],
            },
        });
        expect(lines(diff)).toEqual(["SDK key dev Client: deleted (generation 1)"]);
        expect(diff.blockers).toEqual([
            expect.objectContaining({
                subject: "SDK key dev Client (ai_feature_flags_client)",
                fix: expect.stringMatching(/^rotate instead/),
            }),
        ]);
    });
});

describe("the reports", () => {
    it("put the rollout first, fold the resource changes in markdown, and never print a secret", async () => {
        const before = await baseline();
        const after = copy();
        after.experiments[0].environments.prod.split = { candidate: 50 };
        const afterRun = await runOf(after);
        const diff = planDiff(before, afterRun);
        const context = { stack: "dev", base: "origin/main", secrets: secretsOf([before, afterRun], []), after: afterRun };
        const markdown = diffMarkdown(diff, context);
        expect(markdown.indexOf("**Rollout**")).toBeLessThan(markdown.indexOf("<details>"));
        expect(markdown).toContain(
            "- experiment 'chat-model-ab' × prod: split baseline 90% / candidate 10% → baseline 50% / candidate 50%",
        );
        expect(markdown).toContain(
            "<details><summary>Resource changes: 0 to create, 1 to update, 0 to replace, 0 to delete, 28 unchanged</summary>",
        );
        expect(markdown).toContain("~ harness:fmeFeatureFlag/definition:Definition  experiment-chat-model-ab-definition-prod");
        expect(diffReport(diff, context)).toMatch(/^Offline plan diff for stack 'dev': origin\/main → working tree/);
        for (const text of [markdown, diffReport(diff, context)]) expect(text).not.toMatch(/mock-sdk-key/);
    });

    it("masks a secret that changes, in the changed property itself", () => {
        const changes = propertyChanges({ token: "old-secret-value" }, { token: "new-secret-value" });
        const diff: PlanDiff = {
            resources: [{ op: "update", type: "t", name: "n", properties: changes, protect: {} }],
            unchanged: 0,
            aliased: [],
            rollout: [],
            blockers: [],
        };
        const text = diffReport(diff, {
            stack: "dev",
            base: "HEAD",
            secrets: new Set(["old-secret-value", "new-secret-value"]),
            after: { registrations: [], outputs: {} },
        });
        expect(text).toContain('token: "[secret]" → "[secret]"');
        expect(text).not.toContain("secret-value");
    });
});

it("sends the removal of a variation's last target, as an update of that rule to no targets", async () => {
    const diff = await diffOf((c) => (c.flags.find((f: any) => f.identifier === "summary_prompt_version").environments.prod.targets = {}));
    expect(lines(diff)).toEqual(["flag 'summary_prompt_version' × prod: targets no longer served individually: - user_ben_eval"]);
    expect(diff.resources.find((r) => r.name === "flag-summary_prompt_version-flag")).toEqual(
        expect.objectContaining({
            op: "update",
            properties: [{ path: "environments[prod].addTargetRules[v4_concise].targets", before: ["user_ben_eval"], after: [] }],
        }),
    );
});

it("shows what the engine sends: no update for a change to an input the flag ignores", async () => {
    const archived = copy();
    Object.assign(
        archived.flags.find((f: any) => f.identifier === "rag_retrieval"),
        { archived: true, environments: {} },
    );
    const edited = copy();
    Object.assign(
        edited.flags.find((f: any) => f.identifier === "rag_retrieval"),
        { archived: true, environments: {}, description: "Kept for the record." },
    );
    expect(resourceChanges(await runOf(archived), await runOf(edited)).changes).toEqual([]);
});

describe("what people are served, told truthfully", () => {
    it("a variation's new value, and who is served it in each environment", async () => {
        const diff = await diffOf((c) => {
            const sonnet = c.flags
                .find((f: any) => f.identifier === "chat_model")
                .variations.find((v: any) => v.identifier === "claude_sonnet");
            Object.assign(sonnet.value, { model: "claude-opus", maxTokens: 8192 });
        });
        expect(lines(diff)).toEqual([
            "flag 'chat_model' variation 'claude_sonnet': maxTokens 2048 → 8192, model claude-sonnet → claude-opus; served in dev to everyone, in prod to internal_testers (3 targets)",
        ]);
    });

    it("a treatment's new configuration, and the share of traffic served it in each environment", async () => {
        const diff = await diffOf(
            (c) => (c.experiments[0].treatments.find((t: any) => t.name === "candidate").configuration.maxTokens = 4096),
        );
        expect(lines(diff)).toEqual([
            "experiment 'chat-model-ab' treatment 'candidate': configuration maxTokens 2048 → 4096; served in dev to 50% of traffic, in prod to 10% of traffic (100% of what its rules match)",
        ]);
    });

    it("a new flag: what it serves to whom in each environment, its owner and expiry", async () => {
        const diff = await diffOf((c) =>
            c.flags.push({
                identifier: "streaming_responses",
                name: "Streaming responses",
                description: "Stream tokens as they arrive.",
                owner: "team-chat",
                kind: "boolean",
                expiresOn: "2027-06-30",
                variations: [
                    { identifier: "stream", name: "Stream", description: "", value: true },
                    { identifier: "wait", name: "Wait", description: "", value: false },
                ],
                defaultOn: "stream",
                defaultOff: "wait",
                environments: {
                    dev: { state: "on" },
                    prod: { state: "on", defaultOn: "wait", targetGroups: { stream: ["internal_testers"] } },
                },
            }),
        );
        expect(lines(diff)).toEqual([
            "flag 'streaming_responses': added (boolean, owner team-chat, expires 2027-06-30): serves in dev 'stream' to everyone; in prod 'stream' to internal_testers (3 targets), 'wait' to everyone but 3 targets served other variations",
        ]);
    });

    it("a blocker exits 4, above a change's 3, so a pull request that would be stopped fails", async () => {
        const diff = await diffOf((c) => (c.flags = c.flags.filter((f: any) => f.identifier !== "rag_retrieval")));
        expect(diff.blockers).not.toEqual([]);
        expect(exitCodeOf(diff)).toBe(4);
    });
});

it("blocks dropping an FME SDK key applications may use, and says how to move them first", async () => {
    const fme = (sdkKeys: string[]) => ({
        fme: {
            trafficTypes: { user: "your_fme_user_traffic_type_id" },
            environments: { dev: "your_fme_dev_environment_id", prod: "your_fme_prod_environment_id" },
            sdkKeys,
        },
    });
    const diff = await diffOf(() => undefined, { before: fme(["serverSide", "clientSide"]), after: fme(["serverSide"]) });
    expect(diff.resources.map((r) => [r.op, r.name])).toEqual([
        ["delete", "env-dev-fme-client-side-key"],
        ["delete", "env-prod-fme-client-side-key"],
    ]);
    expect(diff.blockers.map((b) => b.subject)).toEqual([
        "FME SDK key clientSide (env-dev-fme-client-side-key)",
        "FME SDK key clientSide (env-prod-fme-client-side-key)",
    ]);
    expect(diff.blockers[1].reason).toMatch(/and protect stops the update$/);
});

describe("a renamed component (ExperimentFlag → Flag)", () => {
    /** The same run as a stack deployed before the rename registered it: the old type, no alias. */
    const beforeRename = (run: ProgramRun): ProgramRun => ({
        ...run,
        registrations: run.registrations.map((r) =>
            r.type === "ai-feature-flags:index:Flag"
                ? { ...r, type: "ai-feature-flags:index:ExperimentFlag", options: { ...r.options, aliases: undefined } }
                : r,
        ),
    });

    it("keeps every resource through the alias: no replace, no delete, and says so", async () => {
        const now = await baseline();
        const diff = planDiff(beforeRename(now), now);
        expect(diff.resources).toEqual([]);
        expect(diff.aliased).toEqual([
            { from: "ai-feature-flags:index:ExperimentFlag", to: "ai-feature-flags:index:Flag", count: sampleCatalog().flags.length },
        ]);
        expect(exitCodeOf(diff)).toBe(0);
        expect(diffReport(diff, { stack: "dev", base: "v1", secrets: new Set(), after: now })).toContain(
            `Kept through an alias: ${sampleCatalog().flags.length} resources of ai-feature-flags:index:ExperimentFlag, now ai-feature-flags:index:Flag (the same resources: nothing is replaced or deleted for it)`,
        );
    });

    it("without the alias, would delete and create every flag: blocked", async () => {
        const now = await baseline();
        const unaliased: ProgramRun = {
            ...now,
            registrations: now.registrations.map((r) => ({ ...r, options: { ...r.options, aliases: undefined } })),
        };
        const diff = planDiff(beforeRename(now), unaliased);
        expect(diff.resources.filter((r) => r.type === "harness:platform/featureFlag:FeatureFlag").map((r) => r.op)).toEqual([
            ...sampleCatalog().flags.map(() => "create"),
            ...sampleCatalog().flags.map(() => "delete"),
        ]);
        expect(exitCodeOf(diff)).toBe(4);
    });
});
