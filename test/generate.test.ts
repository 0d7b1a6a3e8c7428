// The generated flagd files are evaluated for real with flagd-core and compared with what the
// program declares to Harness for the same environment: the served variation and value of every
// flag for every listed target and for everyone else, and each experiment's shares over 10,000 keys.
import * as fs from "fs";
import * as path from "path";
import { FlagdCore } from "@openfeature/flagd-core";
import type { CatalogInput } from "../catalog/types";
import { parseSettings } from "../config";
import { generatedFiles } from "../generate/files";
import type { ProgramRun } from "../plan/mockRuntime";
import { catalog as fixture, parsed, sampleCatalog } from "./catalogFixtures";
import { flagdCore } from "../generate/flagdEvaluation";
import { defaultSplitMismatches, definitionsOf, flagMismatches, KEYS, shareMismatches } from "./flagdAgreement";
import { declared, SAMPLE_DIR, sampleStackConfig } from "./programRun";
import { HARNESS } from "../resources/identity";

jest.mock("../flags", () => jest.requireActual("./programRun").flagsModule);
jest.mock("../rollouts/stateFile", () => jest.requireActual("./programRun").stateFileModule);
const shipped = sampleCatalog();

const settingsOf = () => {
    const result = parseSettings({ values: sampleStackConfig().config, secretKeys: new Set(), stack: "dev" });
    if (!result.ok) throw new Error("the sample's dev stack config is invalid");
    return result.settings;
};

/** The generated files for a catalog, each flagd file loaded into flagd-core with strict schema validation. */
function generate(input: CatalogInput) {
    const files = generatedFiles(parsed(input), settingsOf(), "dev");
    return { files, cores: new Map(["dev", "prod"].map((env) => [env, flagdCore(files.get(`${env}.flagd.json`)!)])) };
}

describe.each<[string, () => CatalogInput]>([
    ["the sample catalog", sampleCatalog],
    ["the test fixture (allocation 80%, group exclusions)", fixture],
])("%s", (_label, catalogOf) => {
    let run: ProgramRun;
    let cores: Map<string, FlagdCore>;
    beforeAll(async () => {
        run = await declared(catalogOf());
        cores = generate(catalogOf()).cores;
    });

    it("serves every flag in every environment as Harness does: each listed target, and everyone else", () => {
        const { mismatches, compared } = flagMismatches(run, cores);
        expect(compared).toBeGreaterThanOrEqual(2 * run.registrations.filter((r) => r.type === HARNESS.featureFlag).length);
        expect(mismatches).toEqual([]);
    });

    it("splits each experiment's traffic as its FME definition does, within 1.5 points over 10,000 keys", () => {
        expect(defaultSplitMismatches(run, cores)).toEqual([]);
    });

    it("sends traffic that matches a rule to that rule's split (after the allocation)", () => {
        const mismatches = definitionsOf(run).flatMap(({ env, flagName, spec }) =>
            spec.rules.flatMap((rule: any, r: number) => {
                const [matcher] = rule.condition.matchers;
                const members =
                    run.registrations.find(
                        (k) => k.type === HARNESS.segmentKeys && k.inputs.segmentName === matcher.string && k.name.endsWith(`-${env}`),
                    )?.inputs.keys ?? [];
                const contexts: Record<string, unknown>[] =
                    matcher.type === "IN_SEGMENT"
                        ? members.map((key: string) => ({ targetingKey: key }))
                        : Array.from({ length: KEYS }, (_, i) => ({
                              targetingKey: `member-${i}`,
                              [matcher.attribute]: matcher.strings[0],
                          }));
                return shareMismatches(cores.get(env)!, flagName, spec, rule.buckets, contexts, `in ${env}, rule ${r}`);
            }),
        );
        expect(mismatches).toEqual([]);
    });
});

describe("conditions in the flagd file", () => {
    const withRule = (condition: object, extra: (c: any) => void = () => undefined) => {
        const input: any = fixture();
        input.experiments[0].environments.prod = { split: {}, rules: [{ when: [condition], split: { candidate: 100 } }] };
        extra(input);
        const core = generate(input).cores.get("prod")!;
        return (context: Record<string, unknown>) =>
            core.resolveObjectEvaluation("chat-model-ab", {}, { targetingKey: "k", ...context } as any).variant;
    };
    const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

    it.each<[string, object, Record<string, unknown>, Record<string, unknown>]>([
        ["in", { attribute: "plan", in: ["pro", "team"] }, { plan: "team" }, { plan: "free" }],
        ["startsWith", { attribute: "email", startsWith: ["ana@", "ben@"] }, { email: "ben@example.com" }, { email: "chen@example.com" }],
        ["endsWith", { attribute: "email", endsWith: ["@example.com"] }, { email: "ana@example.com" }, { email: "ana@other.org" }],
        ["contains", { attribute: "agent", contains: ["Mobile"] }, { agent: "Safari Mobile 17" }, { agent: "Firefox" }],
        ["equals", { attribute: "seats", equals: 5 }, { seats: 5 }, { seats: 6 }],
        ["atLeast", { attribute: "seats", atLeast: 50 }, { seats: 50 }, { seats: 49 }],
        ["atMost", { attribute: "seats", atMost: 5 }, { seats: 5 }, { seats: 6 }],
        ["between", { attribute: "seats", between: [5, 50] }, { seats: 20 }, { seats: 51 }],
        ["is", { attribute: "beta", is: true }, { beta: true }, { beta: false }],
        ["onDate", { attribute: "signup", onDate: "2026-12-01" }, { signup: day("2026-12-01") + 3_600_000 }, { signup: day("2026-12-02") }],
        ["onOrAfter", { attribute: "signup", onOrAfter: "2026-12-01" }, { signup: day("2026-12-01") }, { signup: day("2026-11-30") }],
        [
            "onOrBefore",
            { attribute: "signup", onOrBefore: "2026-12-01" },
            { signup: day("2026-11-30") },
            { signup: day("2026-12-01") + 120_000 },
        ],
        [
            "betweenDates",
            { attribute: "signup", betweenDates: ["2026-01-01", "2026-12-31"] },
            { signup: day("2026-06-01") },
            { signup: day("2027-01-01") },
        ],
        // Epoch-ms dates off a minute boundary: the Split SDK drops the seconds of the rule's date too,
        // which moves a lower bound (an upper bound compares the same either way).
        [
            "onOrAfter 10:00:30, at 10:00:10 (the same minute)",
            { attribute: "signup", onOrAfter: day("2026-12-01") + 36_030_000 },
            { signup: day("2026-12-01") + 36_010_000 },
            { signup: day("2026-12-01") + 35_990_000 },
        ],
        [
            "betweenDates from 10:00:30, at 10:00:10 (the same minute)",
            { attribute: "signup", betweenDates: [day("2026-12-01") + 36_030_000, day("2026-12-02")] },
            { signup: day("2026-12-01") + 36_010_000 },
            { signup: day("2026-12-01") + 35_990_000 },
        ],
        ["not", { attribute: "plan", in: ["free"], not: true }, { plan: "pro" }, { plan: "free" }],
        ["a missing attribute, which matches nothing, as in FME", { attribute: "seats", atMost: 5 }, { seats: 1 }, {}],
    ])("%s", (_label, condition, matching, other) => {
        const serve = withRule(condition);
        expect([serve(matching), serve(other)]).toEqual(["candidate", "baseline"]);
    });

    it("experiment (IN_SPLIT): the other experiment's own evaluation, inlined", () => {
        const serve = withRule({ experiment: "gate-ab", treatments: ["open"] }, (c) =>
            c.experiments.push({
                ...c.experiments[0],
                name: "gate-ab",
                treatments: [
                    { name: "shut", description: "", configuration: {} },
                    { name: "open", description: "", configuration: {} },
                ],
                baseline: "shut",
                defaultTreatment: "shut",
                environments: { prod: { split: {}, rules: [{ when: [{ attribute: "plan", in: ["pro"] }], split: { open: 100 } }] } },
            }),
        );
        expect([serve({ plan: "pro" }), serve({ plan: "free" })]).toEqual(["candidate", "baseline"]);
    });
});

describe("the generated files", () => {
    it("of the sample, which the end-to-end OpenFeature test reads, are current", () => {
        const dir = path.join(SAMPLE_DIR, "generated");
        for (const [name, text] of generate(shipped).files)
            expect([name, fs.readFileSync(path.join(dir, name), "utf8") === text]).toEqual([name, true]);
    });

    it("are compared closely enough that a wrong default is caught, naming the flag, environment, target and both values", async () => {
        const run = await declared(shipped);
        const { files } = generate(shipped);
        const tampered = JSON.parse(files.get("prod.flagd.json")!);
        tampered.flags.llm_assistant_enabled.defaultVariant = "disabled";
        const cores = new Map([
            ["dev", generate(shipped).cores.get("dev")!],
            ["prod", flagdCore(JSON.stringify(tampered))],
        ]);
        expect(flagMismatches(run, cores).mismatches).toEqual([
            "flag 'llm_assistant_enabled' in prod, target 'someone_else': Harness serves 'enabled' (true), the flagd file 'disabled' (false)",
        ]);
    });

    it("are byte for byte the same whatever order a catalog writes its JSON keys in", () => {
        const reordered = JSON.parse(JSON.stringify(shipped));
        const model = reordered.flags.find((f: any) => f.identifier === "chat_model");
        model.variations[0].value = Object.fromEntries(Object.entries(model.variations[0].value).reverse());
        reordered.experiments[0].treatments[1].configuration = JSON.stringify(reordered.experiments[0].treatments[1].configuration);
        expect([...generate(reordered).files]).toEqual([...generate(shipped).files]);
    });

    it("serve a flag that is off its default-off variation as a value, not flagd's DISABLED (where the caller's default would win)", () => {
        const { files } = generate(fixture());
        const killSwitch = JSON.parse(files.get("dev.flagd.json")!).flags.assistant_enabled;
        expect(killSwitch).toMatchObject({ state: "ENABLED", defaultVariant: "off" });
        expect(killSwitch.targeting).toBeUndefined();
    });

    it("give each flag and experiment a typed constant with a safe default", () => {
        const constants = generate(shipped).files.get("flags.ts")!;
        expect(constants).toContain(
            "export type ChatModelValue = { maxTokens: number; model: string; systemPromptVersion: string; temperature: number };",
        );
        expect(constants).toContain("export type MaxOutputTokensValue = 512 | 1024 | 2048;");
        expect(constants).toContain(
            '        default: {"maxTokens":1024,"model":"gpt-4o-mini","systemPromptVersion":"v3","temperature":0.2} as ChatModelValue,',
        );
        expect(constants).toContain('    chatModelAb: {\n        key: "chat-model-ab",');
    });
});
