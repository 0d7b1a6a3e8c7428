import { compileDefinition, compileMatcher, experimentSummary, inDependencyOrder, resolveSplit } from "../catalog/experiments";
import type { CatalogInput, ExperimentSpec, Matcher } from "../catalog/types";
import type { Problem } from "../lib/problems";
import { catalog, catalogProblems, modelExperiment, parsed, stack } from "./catalogFixtures";

/** The fixture experiment as the program works with it: parsed by the schema. */
const experimentOf = (change: (e: any) => void = () => undefined): ExperimentSpec => {
    const input = catalog();
    change(input.experiments![0]);
    return parsed(input).experiments[0];
};

describe("resolveSplit", () => {
    const experiment = experimentOf();
    it.each<[Record<string, number>, [number, number]]>([
        [{ candidate: 10 }, [90, 10]],
        [{ candidate: 25 }, [75, 25]],
        [{ candidate: 100 }, [0, 100]],
        [{}, [100, 0]],
        [{ baseline: 50, candidate: 50 }, [50, 50]],
        [{ baseline: 100 }, [100, 0]],
    ])("%p → baseline %p", (split, [baseline, candidate]) => {
        expect(resolveSplit(split, experiment)).toEqual([
            { treatment: "baseline", size: baseline },
            { treatment: "candidate", size: candidate },
        ]);
    });

    it("keeps buckets in treatment order whatever order the split names them in, so bucketing stays sticky", () => {
        const three = { ...experiment, treatments: [...experiment.treatments, { name: "fallback", description: "", configuration: {} }] };
        expect(resolveSplit({ fallback: 5, candidate: 20 }, three).map((b) => b.treatment)).toEqual(["baseline", "candidate", "fallback"]);
        expect(resolveSplit({ fallback: 5, candidate: 20 }, three).map((b) => b.size)).toEqual([75, 20, 5]);
    });
});

describe("compileMatcher", () => {
    it.each<[Matcher, Record<string, unknown>]>([
        [{ inSegment: "internal_testers" }, { type: "IN_SEGMENT", negate: false, string: "internal_testers" }],
        [
            { attribute: "plan", in: ["pro", "team"] },
            { type: "IN_LIST_STRING", negate: false, attribute: "plan", strings: ["pro", "team"] },
        ],
        [
            { attribute: "email", endsWith: ["@example.com"], not: true },
            { type: "ENDS_WITH_STRING", negate: true, attribute: "email", strings: ["@example.com"] },
        ],
        [
            { attribute: "locale", startsWith: ["en"] },
            { type: "STARTS_WITH_STRING", negate: false, attribute: "locale", strings: ["en"] },
        ],
        [
            { attribute: "agent", contains: ["Mobile"] },
            { type: "CONTAINS_STRING", negate: false, attribute: "agent", strings: ["Mobile"] },
        ],
        [
            { attribute: "age_days", equals: 7 },
            { type: "EQUAL_NUMBER", negate: false, attribute: "age_days", number: 7 },
        ],
        [
            { attribute: "seats", atLeast: 50 },
            { type: "GREATER_THAN_OR_EQUAL_NUMBER", negate: false, attribute: "seats", number: 50 },
        ],
        [
            { attribute: "seats", atMost: 5 },
            { type: "LESS_THAN_OR_EQUAL_NUMBER", negate: false, attribute: "seats", number: 5 },
        ],
        [
            { attribute: "seats", between: [5, 50] },
            { type: "BETWEEN_NUMBER", negate: false, attribute: "seats", between: { from: 5, to: 50 } },
        ],
        [
            { attribute: "beta_opt_in", is: true },
            { type: "BOOLEAN", negate: false, attribute: "beta_opt_in", bool: true },
        ],
        [
            { attribute: "signup", onDate: 1764547200000 },
            { type: "ON_DATE", negate: false, attribute: "signup", date: 1764547200000 },
        ],
        [
            { attribute: "signup", onOrAfter: 1764547200000 },
            { type: "ON_OR_AFTER_DATE", negate: false, attribute: "signup", date: 1764547200000 },
        ],
        [
            { attribute: "signup", onOrBefore: 1764547200000 },
            { type: "ON_OR_BEFORE_DATE", negate: false, attribute: "signup", date: 1764547200000 },
        ],
        [
            { attribute: "signup", betweenDates: [1764547200000, 1767139200000] },
            { type: "BETWEEN_DATE", negate: false, attribute: "signup", between: { from: 1764547200000, to: 1767139200000 } },
        ],
        [
            { experiment: "rag-ab", treatments: ["on"] },
            { type: "IN_SPLIT", negate: false, depends: { splitName: "rag-ab", treatments: ["on"] } },
        ],
    ])("%p", (matcher, expected) => expect(compileMatcher(matcher)).toEqual(expected));

    it("writes a YYYY-MM-DD date as whole epoch milliseconds at 00:00 UTC", () => {
        const experiment = experimentOf((e) => (e.environments.prod.rules[0].when = [{ attribute: "signup", onOrAfter: "2026-12-01" }]));
        expect(compileMatcher(experiment.environments.prod.rules![0].when[0])).toEqual({
            type: "ON_OR_AFTER_DATE",
            negate: false,
            attribute: "signup",
            date: Date.UTC(2026, 11, 1),
        });
    });
});

describe("compileDefinition", () => {
    const expected =
        '{"baselineTreatment":"baseline",' +
        '"defaultRule":[{"size":90,"treatment":"baseline"},{"size":10,"treatment":"candidate"}],' +
        '"defaultTreatment":"baseline",' +
        '"rules":[{"buckets":[{"size":0,"treatment":"baseline"},{"size":100,"treatment":"candidate"}],' +
        '"condition":{"combiner":"AND","matchers":[{"negate":false,"string":"internal_testers","type":"IN_SEGMENT"}]}}],' +
        '"trafficAllocation":80,' +
        '"treatments":[{"configurations":"{\\"model\\":\\"gpt-4o-mini\\",\\"temperature\\":0.2}","description":"Current model.","name":"baseline"},' +
        '{"configurations":"{\\"model\\":\\"claude-sonnet\\",\\"temperature\\":0.3}","description":"New model.","name":"candidate"}]}';

    it("compiles the spec to FME's definition JSON, byte for byte", () => {
        expect(compileDefinition(experimentOf(), "prod")).toBe(expected);
    });

    it("is the same text when configuration keys are written in another order, or as JSON text", () => {
        expect(
            compileDefinition(
                experimentOf((e) => (e.treatments[0].configuration = { model: "gpt-4o-mini", temperature: 0.2 })),
                "prod",
            ),
        ).toBe(expected);
        expect(
            compileDefinition(
                experimentOf((e) => (e.treatments[0].configuration = '{"temperature": 0.2, "model": "gpt-4o-mini"}')),
                "prod",
            ),
        ).toBe(expected);
    });

    it("defaults trafficAllocation to 100 and rules to none", () => {
        expect(JSON.parse(compileDefinition(experimentOf(), "dev"))).toMatchObject({
            trafficAllocation: 100,
            rules: [],
            defaultRule: [
                { treatment: "baseline", size: 50 },
                { treatment: "candidate", size: 50 },
            ],
        });
    });

    it("a ramp from 10% to 25% changes only the two bucket sizes", () => {
        const ramped = experimentOf((e) => (e.environments.prod.split = { candidate: 25 }));
        expect(compileDefinition(ramped, "prod")).toBe(expected.replace('"size":90', '"size":75').replace('"size":10,', '"size":25,'));
    });
});

describe("experimentSummary", () => {
    it("shows each environment's full split and allocation", () => {
        expect(experimentSummary(experimentOf())).toEqual({
            environments: {
                dev: { split: { baseline: 50, candidate: 50 }, trafficAllocation: 100 },
                prod: { split: { baseline: 90, candidate: 10 }, trafficAllocation: 80 },
            },
        });
    });
});

describe("experiment rules", () => {
    type Change = (e: any, c: CatalogInput) => void;
    function problemsAfter(change: Change, settings = stack): Problem[] {
        const changed = catalog();
        change(changed.experiments![0], changed);
        return catalogProblems(changed, settings);
    }
    const dependent =
        (treatments: string[], extra: object = {}): Change =>
        (e, c) => {
            c.experiments!.push({
                ...modelExperiment(),
                name: "summary-ab",
                environments: {
                    prod: { split: {}, rules: [{ when: [{ experiment: "chat-model-ab", treatments }], split: { candidate: 100 } }] },
                },
                ...extra,
            });
        };

    it("accepts the fixture experiment, and one that depends on it", () => {
        expect(problemsAfter(() => undefined)).toEqual([]);
        expect(problemsAfter(dependent(["candidate"]))).toEqual([]);
    });

    it.each<[string, Change, string, string]>([
        ["an invalid name", (e) => (e.name = "chat model"), "experiment 'chat model' name", '"chat model" is not a valid FME name'],
        ["a duplicate name", (e, c) => c.experiments!.push(modelExperiment()), "experiment 'chat-model-ab' name", "declared twice"],
        ["a missing owner", (e) => delete e.owner, "experiment 'chat-model-ab' owner", "missing"],
        [
            "a traffic type the stack does not map",
            (e) => (e.trafficType = "account"),
            "experiment 'chat-model-ab' trafficType",
            "'account' has no id in the stack config",
        ],
        ["no treatments", (e) => (e.treatments = []), "experiment 'chat-model-ab' treatments", "an empty list"],
        [
            "21 treatments",
            (e) =>
                (e.treatments = Array.from({ length: 21 }, (_, i) => ({
                    name: i ? `t${i}` : "baseline",
                    description: "",
                    configuration: {},
                }))),
            "experiment 'chat-model-ab' treatments",
            "21 items",
        ],
        [
            "duplicate treatment names",
            (e) => (e.treatments[1].name = "baseline"),
            "experiment 'chat-model-ab' treatments[1].name",
            "'baseline' is declared twice",
        ],
        [
            "a treatment named control",
            (e) => (e.treatments[1].name = "control"),
            "experiment 'chat-model-ab' treatments[1].name",
            '"control" is reserved by FME',
        ],
        [
            "a treatment named Split",
            (e) => (e.treatments[1].name = "Split"),
            "experiment 'chat-model-ab' treatments[1].name",
            '"Split" is reserved by FME',
        ],
        [
            "a treatment named true",
            (e) => (e.treatments[1].name = "true"),
            "experiment 'chat-model-ab' treatments[1].name",
            '"true" is reserved by FME',
        ],
        [
            "a treatment name with a space",
            (e) => (e.treatments[1].name = "new model"),
            "experiment 'chat-model-ab' treatments[1].name",
            '"new model" is not a valid FME name',
        ],
        [
            "a configuration that is not JSON",
            (e) => (e.treatments[1].configuration = { temperature: Infinity }),
            "experiment 'chat-model-ab' treatments[1].configuration",
            "$.temperature is Infinity",
        ],
        [
            "a configuration that is a list",
            (e) => (e.treatments[1].configuration = ["a"]),
            "experiment 'chat-model-ab' treatments[1].configuration",
            "is not an object",
        ],
        [
            "a configuration as text that is not JSON",
            (e) => (e.treatments[1].configuration = "{model: x}"),
            "experiment 'chat-model-ab' treatments[1].configuration",
            "is text that is not valid JSON",
        ],
        [
            "an unknown baseline",
            (e) => (e.baseline = "control_group"),
            "experiment 'chat-model-ab' baseline",
            "'control_group' is not one of its treatments",
        ],
        [
            "an unknown default treatment",
            (e) => (e.defaultTreatment = "off"),
            "experiment 'chat-model-ab' defaultTreatment",
            "'off' is not one of its treatments",
        ],
        ["no environments", (e) => (e.environments = {}), "experiment 'chat-model-ab' environments", "none"],
        [
            "an environment the stack does not list",
            (e) => (e.environments.staging = { split: {} }),
            "experiment 'chat-model-ab' environments.staging",
            "'staging' is not an environment of this stack",
        ],
        [
            "an environment FME does not map",
            () => undefined,
            "experiment 'chat-model-ab' environments.prod",
            "'prod' has no FME environment id",
        ],
        [
            "a fractional trafficAllocation",
            (e) => (e.environments.prod.trafficAllocation = 12.5),
            "experiment 'chat-model-ab' environments.prod.trafficAllocation",
            "12.5 is a number, not a whole number",
        ],
        [
            "a trafficAllocation over 100",
            (e) => (e.environments.prod.trafficAllocation = 120),
            "experiment 'chat-model-ab' environments.prod.trafficAllocation",
            "120",
        ],
        [
            "a split over 100 without the baseline",
            (e) => (e.environments.dev.split = { candidate: 110 }),
            "experiment 'chat-model-ab' environments.dev.split.candidate",
            "110",
        ],
        [
            "named treatments over 100",
            (e) => (
                e.treatments.push({ name: "third", description: "", configuration: {} }),
                (e.environments.dev.split = { candidate: 60, third: 50 })
            ),
            "experiment 'chat-model-ab' environments.dev.split",
            "adds up to 110, leaving nothing for the baseline",
        ],
        [
            "a full split not adding up to 100",
            (e) => (e.environments.dev.split = { baseline: 40, candidate: 50 }),
            "experiment 'chat-model-ab' environments.dev.split",
            "adds up to 90",
        ],
        [
            "a since that is not a date",
            (e) => (e.environments.prod.since = "last week"),
            "experiment 'chat-model-ab' environments.prod.since",
            '"last week" is not a calendar date',
        ],
        [
            "a fractional percent",
            (e) => (e.environments.dev.split = { candidate: 12.5 }),
            "experiment 'chat-model-ab' environments.dev.split.candidate",
            "12.5 is a number, not a whole number",
        ],
        [
            "a split naming an unknown treatment",
            (e) => (e.environments.dev.split = { gpt5: 10 }),
            "experiment 'chat-model-ab' environments.dev.split.gpt5",
            "'gpt5' is not one of its treatments",
        ],
        [
            "a rule split naming an unknown treatment",
            (e) => (e.environments.prod.rules[0].split = { gpt5: 100 }),
            "experiment 'chat-model-ab' environments.prod.rules[0].split.gpt5",
            "'gpt5' is not one of its treatments",
        ],
        [
            "a rule without conditions",
            (e) => (e.environments.prod.rules[0].when = []),
            "experiment 'chat-model-ab' environments.prod.rules[0].when",
            "an empty list",
        ],
        [
            "an unknown matcher key",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", like: "pro" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].like",
            "unknown key 'like'",
        ],
        [
            "two conditions in one matcher",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", in: ["a"], contains: ["b"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0]",
            "has 2 conditions (in, contains)",
        ],
        [
            "a string matcher without values",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", in: [] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].in",
            "an empty list",
        ],
        [
            "a number matcher with a string",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "seats", atLeast: "50" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].atLeast",
            '"50" is text, not a whole number',
        ],
        [
            "a number matcher with a fraction",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "score", atLeast: 0.5 }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].atLeast",
            "0.5 is a number, not a whole number",
        ],
        [
            "a between with a fraction",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "score", between: [0, 2.5] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].between[1]",
            "2.5 is a number, not a whole number",
        ],
        [
            "a reversed between",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "seats", between: [50, 5] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].between",
            "goes from 50 down to 5",
        ],
        [
            "a date that is not a date",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "signup", onOrAfter: "2026-13-01" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].onOrAfter",
            '"2026-13-01" is not a date',
        ],
        [
            "a date in fractional milliseconds",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "signup", onDate: 1764547200000.5 }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].onDate",
            "is not a date",
        ],
        [
            "a reversed date range",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "signup", betweenDates: ["2026-12-31", "2026-01-01"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].betweenDates",
            "goes from 1798675200000 down to 1767225600000",
        ],
        [
            "a boolean matcher with a string",
            (e) => (e.environments.prod.rules[0].when = [{ attribute: "beta", is: "yes" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].is",
            '"yes" is text, not true or false',
        ],
        [
            "a negation given as text",
            (e) => (e.environments.prod.rules[0].when[0].not = "false"),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].not",
            '"false" is text, not true or false',
        ],
        [
            "an attribute matcher without attribute",
            (e) => (e.environments.prod.rules[0].when = [{ startsWith: ["en"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].attribute",
            "is missing",
        ],
        [
            "a segment matcher with an attribute",
            (e) => (e.environments.prod.rules[0].when = [{ inSegment: "qa", attribute: "plan" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].attribute",
            "is set, but inSegment reads no attribute",
        ],
        [
            "a dependency on itself",
            (e) => (e.environments.prod.rules[0].when = [{ experiment: "chat-model-ab", treatments: ["candidate"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].experiment",
            "depends on itself",
        ],
        [
            "a dependency on an unknown experiment",
            (e) => (e.environments.prod.rules[0].when = [{ experiment: "rag-ab", treatments: ["on"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].experiment",
            "'rag-ab' is not an experiment in the catalog",
        ],
        [
            "a dependency on an unknown treatment",
            dependent(["gpt5"]),
            "experiment 'summary-ab' environments.prod.rules[0].when[0].treatments",
            "[\"gpt5\"] are not treatments of 'chat-model-ab'",
        ],
        [
            "a dependency without treatments",
            (e) => (e.environments.prod.rules[0].when = [{ experiment: "x" }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].treatments",
            "is missing",
        ],
        [
            "a dependency on an experiment absent from the environment",
            (e) => delete e.environments.prod,
            "experiment 'summary-ab' environments.prod.rules[0].when[0].experiment",
            "'chat-model-ab' does not run in 'prod'",
        ],
        [
            "a dependency across traffic types",
            (e, c) => (dependent(["candidate"], { trafficType: "account" })(e, c), (c.segments = [])),
            "experiment 'summary-ab' environments.prod.rules[0].when[0].experiment",
            "'chat-model-ab' splits 'user' traffic, this experiment 'account'",
        ],
    ])("rejects %s", (label, change, subject, found) => {
        const settings =
            label === "an environment FME does not map"
                ? { ...stack, fme: { ...stack.fme, environments: { dev: "fme_dev" } } }
                : label === "a dependency across traffic types"
                  ? { ...stack, fme: { ...stack.fme, trafficTypes: { user: "tt_user", account: "tt_account" } } }
                  : stack;
        const combined: Change =
            label === "a dependency on an experiment absent from the environment"
                ? (e, c) => (change(e, c), dependent(["candidate"])(e, c))
                : change;
        expect(problemsAfter(combined, settings)).toContainEqual(
            expect.objectContaining({ subject, found: expect.stringContaining(found) }),
        );
    });

    it.each<[string, [string, string][], string]>([
        [
            "two experiments that depend on each other",
            [
                ["a-ab", "b-ab"],
                ["b-ab", "a-ab"],
            ],
            "closes a circular dependency: a-ab → b-ab → a-ab",
        ],
        [
            "three in a ring",
            [
                ["a-ab", "b-ab"],
                ["b-ab", "c-ab"],
                ["c-ab", "a-ab"],
            ],
            "closes a circular dependency: a-ab → b-ab → c-ab → a-ab",
        ],
        [
            "a ring beside a chain",
            [
                ["x-ab", "a-ab"],
                ["a-ab", "b-ab"],
                ["b-ab", "a-ab"],
            ],
            "closes a circular dependency: a-ab → b-ab → a-ab",
        ],
    ])("refuses %s, once", (_label, edges, found) => {
        const problems = problemsAfter((e, c) => {
            const names = [...new Set(edges.flat())];
            c.experiments = names.map((name) => ({
                ...modelExperiment(),
                name,
                environments: {
                    prod: {
                        split: {},
                        rules: edges
                            .filter(([from]) => from === name)
                            .map(([, to]) => ({ when: [{ experiment: to, treatments: ["candidate"] }], split: { candidate: 100 } })),
                    },
                },
            }));
        });
        expect(problems.filter((p) => p.found.startsWith("closes a circular"))).toEqual([expect.objectContaining({ found })]);
    });
});

describe("inDependencyOrder", () => {
    it("puts each experiment after those its rules depend on, so their definitions exist first", () => {
        const input = catalog();
        const rule = (on: string) => ({ when: [{ experiment: on, treatments: ["candidate"] }], split: { candidate: 100 } });
        input.experiments = [
            { ...modelExperiment(), name: "c-ab", environments: { prod: { split: {}, rules: [rule("b-ab")] } } },
            { ...modelExperiment(), name: "b-ab", environments: { prod: { split: {}, rules: [rule("a-ab")] } } },
            { ...modelExperiment(), name: "a-ab", environments: { prod: { split: {} } } },
        ];
        expect(inDependencyOrder(parsed(input).experiments).map((e) => e.name)).toEqual(["a-ab", "b-ab", "c-ab"]);
    });
});

describe("the FME payload", () => {
    // The payload the provider decodes a definition into (harness-go-sdk SplitDefinitionRequest):
    // a key outside it is dropped silently, and an int field given a fraction fails the update.
    const PAYLOAD: Record<string, Record<string, string>> = {
        definition: {
            treatments: "treatment[]",
            rules: "rule[]",
            defaultRule: "bucket[]",
            defaultTreatment: "string",
            baselineTreatment: "string",
            comment: "string",
            title: "string",
            trafficAllocation: "int",
        },
        treatment: { name: "string", configurations: "string", description: "string", keys: "string[]", segments: "string[]" },
        rule: { condition: "condition", buckets: "bucket[]" },
        bucket: { treatment: "string", size: "int" },
        condition: { combiner: "string", matchers: "matcher[]" },
        matcher: {
            negate: "bool",
            type: "string",
            attribute: "string",
            string: "string",
            bool: "bool",
            strings: "string[]",
            number: "int",
            date: "int",
            between: "range",
            depends: "dependency",
        },
        range: { from: "int", to: "int" },
        dependency: { splitName: "string", treatments: "string[]" },
    };
    function outside(value: unknown, shape: string, at: string): string[] {
        const fields = PAYLOAD[shape];
        return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
            const type = fields[key];
            if (!type) return [`${at}.${key} is not in the payload`];
            const base = type.replace("[]", "");
            return (type.endsWith("[]") ? (item as unknown[]) : [item]).flatMap((one, i) => {
                const where = `${at}.${key}${type.endsWith("[]") ? `[${i}]` : ""}`;
                if (PAYLOAD[base]) return outside(one, base, where);
                const ok = { int: Number.isInteger(one), string: typeof one === "string", bool: typeof one === "boolean" }[base];
                return ok ? [] : [`${where} is ${JSON.stringify(one)}, not ${base}`];
            });
        });
    }

    it("carries every condition the catalog has, in fields the provider decodes, with whole numbers", () => {
        const experiment = experimentOf((e) => {
            const when = [
                { inSegment: "internal_testers" },
                { attribute: "plan", in: ["pro"] },
                { attribute: "email", startsWith: ["a"], not: true },
                { attribute: "email", endsWith: ["b"] },
                { attribute: "agent", contains: ["c"] },
                { attribute: "seats", equals: 3 },
                { attribute: "seats", atLeast: 1 },
                { attribute: "seats", atMost: 9 },
                { attribute: "seats", between: [1, 9] },
                { attribute: "beta", is: true },
                { attribute: "signup", onDate: "2026-12-01" },
                { attribute: "signup", onOrAfter: 1764547200000 },
                { attribute: "signup", onOrBefore: "2027-01-01" },
                { attribute: "signup", betweenDates: ["2026-01-01", 1798675200000] },
            ];
            e.environments.prod.rules = when.map((condition) => ({ when: [condition], split: { candidate: 100 } }));
        });
        expect(outside(JSON.parse(compileDefinition(experiment, "prod")), "definition", "definition")).toEqual([]);
        expect(outside(JSON.parse(compileDefinition(experimentOf(), "dev")), "definition", "definition")).toEqual([]);
    });
});
