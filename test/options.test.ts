// Resource options are decided by pure functions; the program tests check the components use them.
import { experimentOptions, featureFlagOptions, sdkKeyOptions, targetGroupOptions } from "../catalog/options";
import { sdkKeyPlan } from "../components/flagEnvironment";

const protectedStack = { protect: true };
const openStack = { protect: false };

describe("featureFlagOptions", () => {
    it.each<[string, object, boolean, object]>([
        ["a flag in a protected stack", {}, true, { protect: true }],
        ["a flag in an unprotected stack", {}, false, { protect: false }],
        ["an archived flag in a protected stack", { archived: true }, true, { protect: false }],
        ["a flag allowed to be replaced", { allowReplace: true }, true, { protect: false }],
        ["a harness-targeted flag", { targeting: "harness" }, true, { protect: true, ignoreChanges: ["environments"] }],
        ["a code-targeted flag", { targeting: "code" }, false, { protect: false }],
    ])("%s", (_label, flag, protect, expected) => {
        expect(featureFlagOptions(flag, { protect })).toEqual({ deleteBeforeReplace: true, ...expected });
    });
});

describe("options of the other Harness resources", () => {
    it.each([
        ["current SDK key, protected stack", sdkKeyOptions("current", protectedStack), true],
        ["previous SDK key, protected stack: the next deploy deletes it", sdkKeyOptions("previous", protectedStack), false],
        ["current SDK key, unprotected stack", sdkKeyOptions("current", openStack), false],
        ["target group, protected stack", targetGroupOptions(protectedStack), true],
        ["target group, unprotected stack", targetGroupOptions(openStack), false],
        ["experiment, protected stack", experimentOptions({}, protectedStack), true],
        ["experiment allowed to be replaced", experimentOptions({ allowReplace: true }, protectedStack), false],
    ])("%s", (_label, options, protect) => {
        expect(options).toEqual({ deleteBeforeReplace: true, protect });
    });
});

describe("sdkKeyPlan", () => {
    it("keeps generation 1's identifiers and names as they were before rotation existed", () => {
        expect(sdkKeyPlan({ sdkKeys: ["Server", "Client"], keyGenerations: [{ generation: 1 }] })).toEqual([
            { type: "Server", generation: 1, role: "current", identifier: "ai_feature_flags_server", suffix: "server-key" },
            { type: "Client", generation: 1, role: "current", identifier: "ai_feature_flags_client", suffix: "client-key" },
        ]);
    });

    it("declares the new generation beside the previous one during a rotation, with its expiry in unix seconds", () => {
        expect(sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2, expiresOn: "2027-06-30" }, { generation: 1 }] })).toEqual([
            { type: "Server", generation: 2, role: "current", identifier: "ai_feature_flags_server_g2", suffix: "server-key-g2", expiredAt: 1814313600 },
            { type: "Server", generation: 1, role: "previous", identifier: "ai_feature_flags_server", suffix: "server-key" },
        ]);
    });

    it("drops the previous generation once the rotation is finished, keeping the current key as it was", () => {
        const during = sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2 }, { generation: 1 }] });
        const after = sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2 }] });
        expect(after).toEqual([during[0]]);
    });
});
