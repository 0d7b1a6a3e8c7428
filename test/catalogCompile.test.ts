import { featureFlagArgs, flagStates, flagSummary, targetRules, variationValue } from "../catalog/flags";
import { groupsByEnvironment, targetArgs, targetGroupArgs } from "../catalog/targets";
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
            {
                identifier: "dev",
                state: "on",
                defaultOnVariation: "candidate",
                defaultOffVariation: "baseline",
                addTargetRules: [
                    { variation: "baseline", targets: [] },
                    { variation: "candidate", targets: ["user_1"] },
                ],
            },
            // testers: included user_1..3 minus excluded user_3
            {
                identifier: "prod",
                state: "on",
                defaultOnVariation: "baseline",
                defaultOffVariation: "baseline",
                addTargetRules: [
                    { variation: "baseline", targets: [] },
                    { variation: "candidate", targets: ["user_1", "user_2"] },
                ],
            },
        ]);
    });

    it("turns a flag off in an environment the catalog does not list", () => {
        expect(featureFlagArgs(killSwitch(), envs, groups).environments).toEqual([
            {
                identifier: "dev",
                state: "off",
                defaultOnVariation: "on",
                defaultOffVariation: "off",
                addTargetRules: [
                    { variation: "on", targets: [] },
                    { variation: "off", targets: [] },
                ],
            },
            {
                identifier: "prod",
                state: "off",
                defaultOnVariation: "on",
                defaultOffVariation: "off",
                addTargetRules: [
                    { variation: "on", targets: [] },
                    { variation: "off", targets: [] },
                ],
            },
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
        flag.environments!.prod = {
            state: "on",
            targets: { candidate: ["user_9", "user_2"], baseline: ["user_7"] },
            targetGroups: { candidate: ["testers"] },
        };
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

    it("summarises kind, owner, expiry, variation values and per-environment state", () => {
        expect(flagStates(modelFlag(), ["dev", "prod", "qa"])).toEqual({ dev: "on", prod: "on", qa: "off" });
        expect(flagSummary(killSwitch(), envs)).toEqual({
            kind: "boolean",
            archived: false,
            owner: "ai-safety",
            expiresOn: "2027-06-30",
            variations: { on: "true", off: "false" },
            environments: { dev: "off", prod: "off" },
        });
        expect(flagSummary(modelFlag(), envs)).not.toHaveProperty("expiresOn");
    });
});

// A removal reaches Harness only as an input the program declares. The provider's environment fields
// (state, default_on_variation, default_off_variation, add_target_rule) are Optional + Computed, and
// its PUT body drops empty ones (terraform-provider-harness internal/service/platform/feature_flag/
// resource_feature_flag.go: the "environment" schema block; `Environment` with `json:"…,omitempty"`;
// getEnvironmentData), so each is declared every time, and every variation keeps a rule, empty when
// nobody is targeted. A target group's included, excluded and rules are patched from the old and new
// lists (…/feature_flag_target_group/resource_feature_flag_target_group.go, buildFFTargetGroupPatchOpts),
// so they are always declared, as [] when empty.
describe("removals are declared, so the engine sends them", () => {
    const prodOf = (change: (c: any) => void) => {
        const input: any = fixture();
        change(input);
        const c = parsed(input);
        return featureFlagArgs(c.flags[0], envs, groupsByEnvironment(c.targetGroups, envs)).environments as unknown[];
    };
    const before = {
        identifier: "dev",
        state: "on",
        defaultOnVariation: "candidate",
        defaultOffVariation: "baseline",
        addTargetRules: [
            { variation: "baseline", targets: [] },
            { variation: "candidate", targets: ["user_1"] },
        ],
    };

    it("starts from a dev environment with an override and a target", () => {
        expect(prodOf(() => undefined)[0]).toEqual(before);
    });

    it.each<[string, (c: any) => void, object]>([
        [
            "the last target of a variation: its rule stays, with no targets",
            (c) => (c.flags[0].environments.dev.targets = {}),
            {
                addTargetRules: [
                    { variation: "baseline", targets: [] },
                    { variation: "candidate", targets: [] },
                ],
            },
        ],
        [
            "a defaultOn override: the flag's own defaultOn, declared",
            (c) => delete c.flags[0].environments.dev.defaultOn,
            { defaultOnVariation: "baseline" },
        ],
        [
            "the whole environment from the flag: off, both defaults, every rule empty",
            (c) => delete c.flags[0].environments.dev,
            {
                state: "off",
                defaultOnVariation: "baseline",
                defaultOffVariation: "baseline",
                addTargetRules: [
                    { variation: "baseline", targets: [] },
                    { variation: "candidate", targets: [] },
                ],
            },
        ],
    ])("removing %s", (_label, change, expected) => {
        expect(prodOf(change)[0]).toEqual({ ...before, ...expected });
    });

    it("removing a group from a variation empties the rule its members were served by", () => {
        const prod = prodOf((c) => (c.flags[0].environments.prod.targetGroups = {}))[1] as { addTargetRules: unknown };
        expect(prod.addTargetRules).toEqual([
            { variation: "baseline", targets: [] },
            { variation: "candidate", targets: [] },
        ]);
    });

    it.each<[string, (g: any) => void, object]>([
        ["the last included target", (g) => (g.included = []), { includeds: [], excludeds: ["user_3"] }],
        ["the last excluded target", (g) => (g.excluded = []), { includeds: ["user_1", "user_2", "user_3"], excludeds: [] }],
        ["every rule", (g) => (g.rules = []), { rules: [] }],
    ])("removing %s of a target group declares the empty list", (_label, change, expected) => {
        const group = catalog().targetGroups[0];
        change(group);
        expect(targetGroupArgs(group, "prod", "acct")).toMatchObject(expected);
    });
});
