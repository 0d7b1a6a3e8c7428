import { compileDefinition, compileMatcher, experimentSummary, resolveSplit, validateExperiments } from "../catalog/experiments";
import type { ExperimentSpec, Matcher } from "../catalog/types";
import type { Problem } from "../lib/problems";
import { modelExperiment, stack } from "./catalogFixtures";

describe("resolveSplit", () => {
    const experiment = modelExperiment();
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
        [{ attribute: "plan", in: ["pro", "team"] }, { type: "IN_LIST_STRING", negate: false, attribute: "plan", strings: ["pro", "team"] }],
        [{ attribute: "email", endsWith: ["@example.com"], not: true }, { type: "ENDS_WITH_STRING", negate: true, attribute: "email", strings: ["@example.com"] }],
        [{ attribute: "locale", startsWith: ["en"] }, { type: "STARTS_WITH_STRING", negate: false, attribute: "locale", strings: ["en"] }],
        [{ attribute: "agent", contains: ["Mobile"] }, { type: "CONTAINS_STRING", negate: false, attribute: "agent", strings: ["Mobile"] }],
        [{ attribute: "age_days", equals: 7 }, { type: "EQUAL_NUMBER", negate: false, attribute: "age_days", number: 7 }],
        [{ attribute: "seats", atLeast: 50 }, { type: "GREATER_THAN_OR_EQUAL_NUMBER", negate: false, attribute: "seats", number: 50 }],
        [{ attribute: "seats", atMost: 5 }, { type: "LESS_THAN_OR_EQUAL_NUMBER", negate: false, attribute: "seats", number: 5 }],
        [{ attribute: "seats", between: [5, 50] }, { type: "BETWEEN_NUMBER", negate: false, attribute: "seats", between: { from: 5, to: 50 } }],
        [{ attribute: "beta_opt_in", is: true }, { type: "BOOLEAN", negate: false, attribute: "beta_opt_in", bool: true }],
        [{ experiment: "rag-ab", treatments: ["on"] }, { type: "IN_SPLIT", negate: false, depends: { splitName: "rag-ab", treatments: ["on"] } }],
    ])("%p", (matcher, expected) => expect(compileMatcher(matcher)).toEqual(expected));
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
        expect(compileDefinition(modelExperiment(), "prod")).toBe(expected);
    });

    it("is the same text when configuration keys or split keys are written in another order", () => {
        const reordered = modelExperiment();
        reordered.treatments[0].configuration = { model: "gpt-4o-mini", temperature: 0.2 };
        reordered.environments.prod.split = { candidate: 10 };
        expect(compileDefinition(reordered, "prod")).toBe(expected);
    });

    it("defaults trafficAllocation to 100 and rules to none", () => {
        expect(JSON.parse(compileDefinition(modelExperiment(), "dev"))).toMatchObject({
            trafficAllocation: 100,
            rules: [],
            defaultRule: [{ treatment: "baseline", size: 50 }, { treatment: "candidate", size: 50 }],
        });
    });

    it("a ramp from 10% to 25% changes only the two bucket sizes", () => {
        const ramped = modelExperiment();
        ramped.environments.prod.split = { candidate: 25 };
        expect(compileDefinition(ramped, "prod")).toBe(expected.replace('"size":90', '"size":75').replace('"size":10,', '"size":25,'));
    });
});

describe("experimentSummary", () => {
    it("shows each environment's full split and allocation", () => {
        expect(experimentSummary(modelExperiment())).toEqual({
            environments: {
                dev: { split: { baseline: 50, candidate: 50 }, trafficAllocation: 100 },
                prod: { split: { baseline: 90, candidate: 10 }, trafficAllocation: 80 },
            },
        });
    });
});

describe("validateExperiments", () => {
    type Change = (e: any, all: ExperimentSpec[]) => void;
    function problemsAfter(change: Change, settings = stack): Problem[] {
        const experiments = [modelExperiment()];
        change(experiments[0], experiments);
        const problems: Problem[] = [];
        validateExperiments(experiments, settings, (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix }));
        return problems;
    }
    const dependent = (treatments: string[]): Change => (e, all) => {
        all.push({ ...modelExperiment(), name: "summary-ab", environments: { prod: { split: {}, rules: [{ when: [{ experiment: "chat-model-ab", treatments }], split: { candidate: 100 } }] } } });
    };

    it("accepts the fixture experiment, and one that depends on it", () => {
        expect(problemsAfter(() => undefined)).toEqual([]);
        expect(problemsAfter(dependent(["candidate"]))).toEqual([]);
    });

    it.each<[string, Change, string, string]>([
        ["an invalid name", (e) => (e.name = "chat model"), "experiment 'chat model' name", '"chat model"'],
        ["a duplicate name", (e, all) => all.push(modelExperiment()), "experiment 'chat-model-ab' name", "declared twice"],
        ["a missing owner", (e) => delete e.owner, "experiment 'chat-model-ab' owner", "missing"],
        ["a traffic type the stack does not map", (e) => (e.trafficType = "account"), "experiment 'chat-model-ab' trafficType", "'account' has no id in the stack config"],
        ["no treatments", (e) => (e.treatments = []), "experiment 'chat-model-ab' treatments", "0 treatments"],
        ["21 treatments", (e) => (e.treatments = Array.from({ length: 21 }, (_, i) => ({ name: i ? `t${i}` : "baseline", description: "", configuration: {} }))), "experiment 'chat-model-ab' treatments", "21 treatments"],
        ["duplicate treatment names", (e) => (e.treatments[1].name = "baseline"), "experiment 'chat-model-ab' treatments[1].name", "'baseline' is declared twice"],
        ["a treatment named control", (e) => (e.treatments[1].name = "control"), "experiment 'chat-model-ab' treatments[1].name", "'control' is reserved by FME"],
        ["a treatment named Split", (e) => (e.treatments[1].name = "Split"), "experiment 'chat-model-ab' treatments[1].name", "'Split' is reserved by FME"],
        ["a treatment named true", (e) => (e.treatments[1].name = "true"), "experiment 'chat-model-ab' treatments[1].name", "'true' is reserved by FME"],
        ["a treatment name with a space", (e) => (e.treatments[1].name = "new model"), "experiment 'chat-model-ab' treatments[1].name", '"new model"'],
        ["a configuration that is not JSON", (e) => (e.treatments[1].configuration = { temperature: Infinity }), "experiment 'chat-model-ab' treatments[1].configuration", "$.temperature is Infinity"],
        ["a configuration that is a list", (e) => (e.treatments[1].configuration = ["a"]), "experiment 'chat-model-ab' treatments[1].configuration", 'is not an object'],
        ["an unknown baseline", (e) => (e.baseline = "control_group"), "experiment 'chat-model-ab' baseline", '"control_group" is not one of its treatments'],
        ["an unknown default treatment", (e) => (e.defaultTreatment = "off"), "experiment 'chat-model-ab' defaultTreatment", '"off" is not one of its treatments'],
        ["no environments", (e) => (e.environments = {}), "experiment 'chat-model-ab' environments", "none"],
        ["an environment the stack does not list", (e) => (e.environments.staging = { split: {} }), "experiment 'chat-model-ab' environments.staging", "'staging' is not an environment of this stack"],
        ["an environment FME does not map", (e) => undefined, "experiment 'chat-model-ab' environments.prod", "'prod' has no FME environment id"],
        ["a fractional trafficAllocation", (e) => (e.environments.prod.trafficAllocation = 12.5), "experiment 'chat-model-ab' environments.prod.trafficAllocation", "12.5"],
        ["a trafficAllocation over 100", (e) => (e.environments.prod.trafficAllocation = 120), "experiment 'chat-model-ab' environments.prod.trafficAllocation", "120"],
        ["a split over 100 without the baseline", (e) => (e.environments.dev.split = { candidate: 110 }), "experiment 'chat-model-ab' environments.dev.split.candidate", "110"],
        ["named treatments over 100", (e) => (e.treatments.push({ name: "third", description: "", configuration: {} }), (e.environments.dev.split = { candidate: 60, third: 50 })), "experiment 'chat-model-ab' environments.dev.split", "adds up to 110, leaving nothing for the baseline"],
        ["a full split not adding up to 100", (e) => (e.environments.dev.split = { baseline: 40, candidate: 50 }), "experiment 'chat-model-ab' environments.dev.split", "adds up to 90"],
        ["a since that is not a date", (e) => (e.environments.prod.since = "last week"), "experiment 'chat-model-ab' environments.prod.since", '"last week" is not a date'],
        ["a fractional percent", (e) => (e.environments.dev.split = { candidate: 12.5 }), "experiment 'chat-model-ab' environments.dev.split.candidate", "12.5"],
        ["a split naming an unknown treatment", (e) => (e.environments.dev.split = { gpt5: 10 }), "experiment 'chat-model-ab' environments.dev.split.gpt5", "'gpt5' is not one of its treatments"],
        ["a rule split naming an unknown treatment", (e) => (e.environments.prod.rules[0].split = { gpt5: 100 }), "experiment 'chat-model-ab' environments.prod.rules[0].split.gpt5", "'gpt5' is not one of its treatments"],
        ["a rule without conditions", (e) => (e.environments.prod.rules[0].when = []), "experiment 'chat-model-ab' environments.prod.rules[0].when", "[]"],
        ["an unknown matcher", (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", like: "pro" }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0]", "unknown key 'like'"],
        ["two conditions in one matcher", (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", in: ["a"], contains: ["b"] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0]", "2 conditions (in, contains)"],
        ["a string matcher without values", (e) => (e.environments.prod.rules[0].when = [{ attribute: "plan", in: [] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].in", "[]"],
        ["a number matcher with a string", (e) => (e.environments.prod.rules[0].when = [{ attribute: "seats", atLeast: "50" }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].atLeast", '"50"'],
        ["a reversed between", (e) => (e.environments.prod.rules[0].when = [{ attribute: "seats", between: [50, 5] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].between", "[50,5]"],
        ["a boolean matcher with a string", (e) => (e.environments.prod.rules[0].when = [{ attribute: "beta", is: "yes" }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].is", '"yes"'],
        ["an attribute matcher without attribute", (e) => (e.environments.prod.rules[0].when = [{ startsWith: ["en"] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].attribute", "missing"],
        ["a segment matcher with an attribute", (e) => (e.environments.prod.rules[0].when = [{ inSegment: "qa", attribute: "plan" }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].attribute", "set on a condition that reads no attribute"],
        ["a dependency on itself", (e) => (e.environments.prod.rules[0].when = [{ experiment: "chat-model-ab", treatments: ["candidate"] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].experiment", "depends on itself"],
        ["a dependency on an unknown experiment", (e) => (e.environments.prod.rules[0].when = [{ experiment: "rag-ab", treatments: ["on"] }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].experiment", "'rag-ab' is not an experiment in the catalog"],
        ["a dependency on an unknown treatment", dependent(["gpt5"]), "experiment 'summary-ab' environments.prod.rules[0].when[0].treatments", '["gpt5"] are not treatments of \'chat-model-ab\''],
        ["a dependency without treatments", (e) => (e.environments.prod.rules[0].when = [{ experiment: "x" }]), "experiment 'chat-model-ab' environments.prod.rules[0].when[0].experiment", '"x"'],
    ])("rejects %s", (label, change, subject, found) => {
        const settings = label === "an environment FME does not map" ? { ...stack, fme: { ...stack.fme, environments: { dev: "fme_dev" } } } : stack;
        expect(problemsAfter(change, settings)).toContainEqual(expect.objectContaining({ subject, found: expect.stringContaining(found) }));
    });
});
