import { featureFlagArgs, flagStates, flagSummary, groupsByEnvironment, targetArgs, targetGroupArgs, targetRules, variationValue } from "../catalog/compile";
import type { FlagSpec } from "../catalog/types";
import { catalog as fixture, parsed } from "./catalogFixtures";

const envs = ["dev", "prod"];
const catalog = () => parsed(fixture());
const groups = groupsByEnvironment(catalog().targetGroups, envs);
const modelFlag = (): FlagSpec => catalog().flags[0];
const killSwitch = (): FlagSpec => catalog().flags[1];

describe("variationValue", () => {
    it.each<[unknown, string]>([
        [true, "true"],
        [false, "false"],
        [1024, "1024"],
        [-1, "-1"],
        ["summary-v4", "summary-v4"],
        [{ temperature: 0.2, model: "gpt-4o-mini", maxTokens: 1024 }, '{"maxTokens":1024,"model":"gpt-4o-mini","temperature":0.2}'],
        [["a", "b"], '["a","b"]'],
    ])("%p → %s", (value, expected) => expect(variationValue(value as any)).toBe(expected));
});

describe("featureFlagArgs", () => {
    const args = featureFlagArgs(modelFlag(), envs, groups);

    it("carries the flag's identity, kind and defaults", () => {
        expect(args).toMatchObject({
            identifier: "chat_model",
            name: "Chat model",
            owner: "ml-platform@example.com",
            kind: "json",
            permanent: true,
            tags: [{ identifier: "llm" }],
            defaultOnVariation: "baseline",
            defaultOffVariation: "baseline",
        });
    });

    it("serialises json variations deterministically", () => {
        expect(args.variations).toEqual([
            { identifier: "baseline", name: "Baseline", description: "Current.", value: '{"model":"gpt-4o-mini","temperature":0.2}' },
            { identifier: "candidate", name: "Candidate", description: "New.", value: '{"model":"claude-sonnet","temperature":0.3}' },
        ]);
    });

    it("gives byte-for-byte the same inputs when only the key order of a configuration changes", () => {
        const reordered = modelFlag() as FlagSpec & { kind: "json" };
        reordered.variations[0].value = { temperature: 0.2, model: "gpt-4o-mini" };
        expect(JSON.stringify(featureFlagArgs(reordered, envs, groups))).toBe(JSON.stringify(args));
    });

    it("nests every stack environment, with overrides and target rules", () => {
        expect(args.environments).toEqual([
            { identifier: "dev", state: "on", defaultOnVariation: "candidate", defaultOffVariation: undefined, addTargetRules: [{ variation: "candidate", targets: ["user_1"] }] },
            // testers: included user_1..3 minus excluded user_3
            { identifier: "prod", state: "on", defaultOnVariation: undefined, defaultOffVariation: undefined, addTargetRules: [{ variation: "candidate", targets: ["user_1", "user_2"] }] },
        ]);
    });

    it("turns a flag off in an environment the catalog does not list", () => {
        expect(featureFlagArgs(killSwitch(), envs, groups).environments).toEqual([
            { identifier: "dev", state: "off", defaultOnVariation: undefined, defaultOffVariation: undefined, addTargetRules: undefined },
            { identifier: "prod", state: "off", defaultOnVariation: undefined, defaultOffVariation: undefined, addTargetRules: undefined },
        ]);
        expect(featureFlagArgs(killSwitch(), envs, groups).permanent).toBe(false);
    });
});

describe("an archived flag", () => {
    it("is archived in Harness and off in every environment", () => {
        const archived = { ...modelFlag(), archived: true };
        const args = featureFlagArgs(archived, envs, groups);
        expect(args.archived).toBe(true);
        expect((args.environments as { state: string }[]).map((e) => e.state)).toEqual(["off", "off"]);
        expect(flagSummary(archived, envs)).toMatchObject({ archived: true, environments: { dev: "off", prod: "off" } });
    });

    it("leaves archived unset on a live flag, so existing flags show no diff", () => {
        expect(featureFlagArgs(modelFlag(), envs, groups).archived).toBeUndefined();
    });
});

describe("targetRules", () => {
    it("lists each target once, individual targets first, in variation order", () => {
        const flag = modelFlag();
        flag.environments!.prod = { state: "on", targets: { candidate: ["user_9", "user_2"], baseline: ["user_7"] }, targetGroups: { candidate: ["testers"] } };
        expect(targetRules(flag, "prod", groups.get("prod")!)).toEqual([
            { variation: "baseline", targets: ["user_7"] },
            { variation: "candidate", targets: ["user_9", "user_2", "user_1"] },
        ]);
    });
});

describe("targetGroupArgs, targetArgs and flag summaries", () => {
    it("compiles a target for one environment, with its attributes", () => {
        expect(targetArgs({ identifier: "user_1", name: "User 1", attributes: { team: "qa" } }, "prod", "acct")).toEqual({
            accountId: "acct",
            environment: "prod",
            identifier: "user_1",
            name: "User 1",
            attributes: { team: "qa" },
        });
    });

    it("compiles a rule-based group for one environment", () => {
        expect(targetGroupArgs(catalog().targetGroups[1], "prod", "acct")).toEqual({
            accountId: "acct",
            environment: "prod",
            identifier: "enterprise",
            name: "Enterprise",
            includeds: [],
            excludeds: [],
            rules: [{ attribute: "plan", op: "in", values: ["enterprise"], negate: false }],
        });
    });

    it("puts each group in the environments it names, or in all", () => {
        expect([...groups.get("dev")!.keys()]).toEqual(["testers"]);
        expect([...groups.get("prod")!.keys()]).toEqual(["testers", "enterprise"]);
    });

    it("summarises kind, variation values and per-environment state", () => {
        expect(flagStates(modelFlag(), ["dev", "prod", "qa"])).toEqual({ dev: "on", prod: "on", qa: "off" });
        expect(flagSummary(killSwitch(), envs)).toEqual({ kind: "boolean", archived: false, variations: { on: "true", off: "false" }, environments: { dev: "off", prod: "off" } });
    });
});
