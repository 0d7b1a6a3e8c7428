// Resource options are decided by pure functions; the program tests check the components use them.
import { environmentResourceOptions, experimentOptions, featureFlagOptions, sdkKeyOptions, segmentOptions } from "../resources/options";
import { protectsAnything, Safety } from "../resources/protection";
import { sdkKeyPlan } from "../resources/sdkKeys";

const types = { dev: "PreProduction", prod: "Production" } as const;
const byDefault: Safety = { types };
const everything: Safety = { protect: true, types };
const optedOut: Safety = { protect: false, types };

describe("featureFlagOptions: one FeatureFlag carries every environment", () => {
    it.each<[string, object, Safety, string[], object]>([
        ["a flag in a stack with a Production environment", {}, byDefault, ["dev", "prod"], { protect: true }],
        ["a flag in a stack of PreProduction environments only", {}, byDefault, ["dev"], { protect: false }],
        ["a flag with protect: true", {}, everything, ["dev"], { protect: true }],
        ["a flag with the explicit opt-out protect: false", {}, optedOut, ["dev", "prod"], { protect: false }],
        [
            "an archived flag, which Harness refuses to update until it is restored: only archived may change",
            { archived: true, targeting: "harness" },
            byDefault,
            ["dev", "prod"],
            {
                protect: false,
                ignoreChanges: [
                    "name",
                    "description",
                    "owner",
                    "tags",
                    "permanent",
                    "variations",
                    "defaultOnVariation",
                    "defaultOffVariation",
                    "environments",
                ],
            },
        ],
        ["a flag allowed to be replaced", { allowReplace: true }, byDefault, ["dev", "prod"], { protect: false }],
        [
            "a harness-targeted flag",
            { targeting: "harness" },
            byDefault,
            ["dev", "prod"],
            { protect: true, ignoreChanges: ["environments"] },
        ],
        ["a code-targeted flag", { targeting: "code" }, byDefault, ["dev"], { protect: false }],
    ])("%s", (_label, flag, safety, environments, expected) => {
        expect(featureFlagOptions(flag, safety, environments)).toEqual({ deleteBeforeReplace: true, ...expected });
    });
});

describe("options of the resources of one environment", () => {
    it.each([
        ["current SDK key in Production", sdkKeyOptions("current", byDefault, "prod"), true],
        ["previous SDK key in Production: the next deploy deletes it", sdkKeyOptions("previous", byDefault, "prod"), false],
        ["current SDK key in PreProduction", sdkKeyOptions("current", byDefault, "dev"), false],
        ["current SDK key in PreProduction with protect: true", sdkKeyOptions("current", everything, "dev"), true],
        ["current SDK key in Production with protect: false", sdkKeyOptions("current", optedOut, "prod"), false],
        ["target or target group in Production", environmentResourceOptions(byDefault, "prod"), true],
        ["target or target group in PreProduction", environmentResourceOptions(byDefault, "dev"), false],
        ["experiment running in Production", experimentOptions({}, byDefault, ["dev", "prod"]), true],
        ["experiment definition in PreProduction", experimentOptions({}, byDefault, ["dev"]), false],
        ["experiment allowed to be replaced", experimentOptions({ allowReplace: true }, byDefault, ["prod"]), false],
        ["segment present in Production", segmentOptions(byDefault, ["dev", "prod"]), true],
    ])("%s", (_label, options, protect) => {
        expect(options).toEqual({ deleteBeforeReplace: true, protect });
    });

    it("checks the last deployment whenever anything is protected", () => {
        expect(protectsAnything(byDefault)).toBe(true);
        expect(protectsAnything({ types: { dev: "PreProduction" } })).toBe(false);
        expect(protectsAnything({ protect: true, types: { dev: "PreProduction" } })).toBe(true);
        expect(protectsAnything(optedOut)).toBe(false);
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
        expect(
            sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2, expiresOn: "2027-06-30" }, { generation: 1 }] }),
        ).toEqual([
            {
                type: "Server",
                generation: 2,
                role: "current",
                identifier: "ai_feature_flags_server_g2",
                suffix: "server-key-g2",
                expiredAt: 1814313600,
            },
            { type: "Server", generation: 1, role: "previous", identifier: "ai_feature_flags_server", suffix: "server-key" },
        ]);
    });

    it("drops the previous generation once the rotation is finished, keeping the current key as it was", () => {
        const during = sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2 }, { generation: 1 }] });
        const after = sdkKeyPlan({ sdkKeys: ["Server"], keyGenerations: [{ generation: 2 }] });
        expect(after).toEqual([during[0]]);
    });
});
