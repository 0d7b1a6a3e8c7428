// What a rule or group names must exist where it is used, and targeting must do something: each
// rule here is one Harness or FME behaviour the catalog would otherwise hide.
import { targetsInEnvironment } from "../catalog/flags";
import { groupsByEnvironment } from "../catalog/targets";
import { segmentEnvironments, segmentKeys } from "../catalog/segments";
import type { CatalogInput } from "../catalog/types";
import { validateCatalog } from "../catalog/validate";
import { catalog, catalogProblems, parsed, stack, today } from "./catalogFixtures";

type Change = (c: CatalogInput) => void;
const flag = (c: CatalogInput, i = 0) => c.flags[i] as any;
const segment = (c: CatalogInput) => c.segments![0] as any;
const problemsAfter = (change: Change, settings = stack) => {
    const changed = catalog();
    change(changed);
    return catalogProblems(changed, settings);
};

describe("targets", () => {
    it.each<[string, Change, string, string, string]>([
        [
            "a flag rule naming an undeclared target",
            (c) => (flag(c).environments.dev.targets = { candidate: ["user_9"] }),
            "flag 'chat_model' environments.dev.targets.candidate",
            "target 'user_9' is not declared",
            'add { identifier: "user_9", name: "<who it is>" } to targets in flags.ts',
        ],
        [
            "a group including an undeclared target",
            (c) => c.targetGroups![0].included!.push("usr_1"),
            "target group 'testers' included",
            "target 'usr_1' is not declared",
            "did you mean 'user_1'?",
        ],
        [
            "a group excluding an undeclared target",
            (c) => (c.targetGroups![0].excluded = ["guest"]),
            "target group 'testers' excluded",
            "target 'guest' is not declared",
            "to targets in flags.ts",
        ],
        [
            "a target declared twice",
            (c) => c.targets!.push({ identifier: "user_1", name: "again" }),
            "target 'user_1' identifier",
            "declared twice",
            "flags.ts",
        ],
        [
            "a target identifier Harness refuses",
            (c) => (c.targets![0].identifier = "user 1"),
            "target 'user 1' identifier",
            '"user 1" is not a valid identifier',
            'set identifier: "user_1"',
        ],
        [
            "an attribute that is not text",
            (c) => (c.targets![0].attributes = { seats: 5 as any }),
            "target 'user_1' attributes.seats",
            "5 is a whole number, not text",
            "flags.ts",
        ],
    ])("refuses %s", (_label, change, subject, found, fix) => {
        expect(problemsAfter(change)).toContainEqual(
            expect.objectContaining({ subject, found: expect.stringContaining(found), fix: expect.stringContaining(fix) }),
        );
    });

    it("creates each target only in the environments whose rules or groups name it", () => {
        const input = catalog();
        input.targets!.push({ identifier: "user_4", name: "unused" });
        flag(input, 1).environments = { prod: { state: "on", targets: { on: ["user_3"] } } };
        const c = parsed(input);
        const groups = groupsByEnvironment(c.targetGroups, ["dev", "prod"]);
        const ids = (env: string) => targetsInEnvironment(c, env, groups.get(env)!).map((t) => t.identifier);
        expect(ids("dev")).toEqual(["user_1", "user_2", "user_3"]);
        expect(ids("prod")).toEqual(["user_1", "user_2", "user_3"]);
        expect(validateCatalog(c, stack, today).warnings).toEqual([
            expect.stringContaining("target 'user_4' is named by no flag or target group"),
        ]);
    });

    it("creates no target that exists in Harness already (external), though rules name it", () => {
        const input = catalog();
        input.targets![1].external = true;
        const c = parsed(input);
        const groups = groupsByEnvironment(c.targetGroups, ["dev", "prod"]);
        expect(targetsInEnvironment(c, "prod", groups.get("prod")!).map((t) => t.identifier)).toEqual(["user_1", "user_3"]);
    });
});

describe("targeting that would do nothing", () => {
    it.each<[string, Change, string]>([
        [
            "targets on an environment where the flag is off",
            (c) => (flag(c).environments.dev.state = "off"),
            "flag 'chat_model' environments.dev.state",
        ],
        [
            "target groups on an environment where the flag is off",
            (c) => (flag(c).environments.prod.state = "off"),
            "flag 'chat_model' environments.prod.state",
        ],
        [
            "targets on an archived flag",
            (c) => Object.assign(flag(c), { archived: true, environments: { dev: { state: "off", targets: { candidate: ["user_1"] } } } }),
            "flag 'chat_model' environments.dev.state",
        ],
    ])("refuses %s, with the fix that keeps everyone else's variation", (_label, change, subject) => {
        expect(problemsAfter(change)).toContainEqual({
            subject,
            found: "off, with targeting: Harness serves 'baseline' to everyone while the flag is off and ignores its targets and target groups",
            allowed: "targeting only where the flag is on",
            fix: expect.stringContaining('state: "on", defaultOn: "baseline"'),
        });
    });

    it("keeps the targeting of an off flag whose targeting the Harness UI owns, as Harness does", () => {
        expect(
            problemsAfter((c) =>
                Object.assign(flag(c), {
                    targeting: "harness",
                    environments: { ...flag(c).environments, dev: { ...flag(c).environments.dev, state: "off" } },
                }),
            ),
        ).toEqual([]);
    });

    it.each<[string, Change, string]>([
        [
            "a target listed for two variations",
            (c) => (flag(c).environments.dev.targets = { candidate: ["user_1"], baseline: ["user_1"] }),
            "target 'user_1' is also served 'candidate' in dev",
        ],
        [
            "a target listed and in a group for another variation",
            (c) => (flag(c).environments.prod.targets = { baseline: ["user_2"] }),
            "target 'user_2' is also served 'baseline' in prod",
        ],
        [
            "two groups sharing a member for two variations",
            (c) => {
                c.targetGroups!.push({ identifier: "qa", name: "QA", included: ["user_1"] });
                flag(c).environments.prod.targetGroups.baseline = ["qa"];
            },
            "target 'user_1' is also served 'candidate' in prod",
        ],
    ])("refuses %s: Harness would serve one of them, not both", (_label, change, found) => {
        expect(problemsAfter(change)).toContainEqual(expect.objectContaining({ found }));
    });
});

describe("segments", () => {
    const twoTrafficTypes = { ...stack, fme: { ...stack.fme, trafficTypes: { user: "tt_user", account: "tt_account" } } };

    it.each<[string, Change, string, string]>([
        [
            "a rule naming an undeclared segment",
            (c) => (c.segments = []),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].inSegment",
            "segment 'internal_testers' is not declared",
        ],
        [
            "a misspelt segment",
            (c) => (c.experiments![0].environments.prod.rules![0].when[0] = { inSegment: "internal_tester" }),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].inSegment",
            "segment 'internal_tester' is not declared",
        ],
        [
            "a segment absent from the rule's environment",
            (c) => ((segment(c).from = undefined), (segment(c).keys = { dev: ["user_1"] })),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].inSegment",
            "segment 'internal_testers' does not exist in 'prod'",
        ],
        [
            "a segment of another traffic type",
            (c) => (segment(c).trafficType = "account"),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].inSegment",
            "segment 'internal_testers' holds 'account' keys, the experiment 'user' traffic",
        ],
        ["a segment with no source", (c) => delete segment(c).from, "segment 'internal_testers'", "has no keys, from or external"],
        ["a segment with two sources", (c) => (segment(c).keys = { dev: ["x"] }), "segment 'internal_testers'", "has keys and from"],
        [
            "a segment from an unknown group",
            (c) => (segment(c).from = "tester"),
            "segment 'internal_testers' from",
            "target group 'tester' is not declared",
        ],
        [
            "a segment from a rule-based group",
            (c) => (segment(c).from = "enterprise"),
            "segment 'internal_testers' from",
            "target group 'enterprise' is defined by attribute rules",
        ],
        [
            "segment keys for an environment the stack lacks",
            (c) => Object.assign(segment(c), { from: undefined, keys: { dev: ["a"], prod: ["a"], qa: ["b"] } }),
            "segment 'internal_testers' keys.qa",
            "'qa' is not an environment of this stack",
        ],
        [
            "a segment with an unmapped traffic type",
            (c) => (segment(c).trafficType = "device"),
            "segment 'internal_testers' trafficType",
            "'device' has no id in the stack config",
        ],
        [
            "a segment name FME refuses",
            (c) => (segment(c).name = "internal testers"),
            "segment 'internal testers' name",
            '"internal testers" is not a valid FME name',
        ],
        [
            "external given as text",
            (c) => Object.assign(segment(c), { from: undefined, external: "yes" }),
            "segment 'internal_testers' external",
            '"yes" is text, not true or false',
        ],
    ])("refuses %s", (_label, change, subject, found) => {
        expect(problemsAfter(change, twoTrafficTypes)).toContainEqual(
            expect.objectContaining({ subject, found: expect.stringContaining(found) }),
        );
    });

    it("accepts a rule on a segment managed elsewhere (external), which creates nothing", () => {
        expect(problemsAfter((c) => (c.segments = [{ name: "internal_testers", trafficType: "user", external: true }]))).toEqual([]);
    });

    it("takes a segment's keys from its group's members (included minus excluded) in each environment the group is in", () => {
        const c = parsed(catalog());
        const groups = groupsByEnvironment(c.targetGroups, ["dev", "prod"]);
        expect(segmentEnvironments(c.segments[0], groups, stack.fme)).toEqual(["dev", "prod"]);
        expect(segmentKeys(c.segments[0], "prod", groups)).toEqual(["user_1", "user_2"]);
    });

    it("puts a segment with listed keys only where its keys are, and only in environments mapped to FME", () => {
        const input = catalog();
        Object.assign(input.segments![0], { from: undefined, keys: { prod: ["k1", "k2"] } });
        const c = parsed(input);
        const groups = groupsByEnvironment(c.targetGroups, ["dev", "prod"]);
        expect(segmentEnvironments(c.segments[0], groups, stack.fme)).toEqual(["prod"]);
        expect(segmentEnvironments(c.segments[0], groups, { environments: { dev: "fme_dev" } })).toEqual([]);
        expect(segmentKeys(c.segments[0], "prod", groups)).toEqual(["k1", "k2"]);
    });
});
