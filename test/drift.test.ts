// The drift report: what a scheduled `pulumi preview --refresh --json` says Harness changed.
import { driftedResources, driftReport } from "../pipeline/drift";

const urn = (type: string, name: string) => `urn:pulumi:dev::ai-feature-flags::ai-feature-flags:index:ExperimentFlag$${type}::${name}`;

describe("driftedResources", () => {
    it.each<[string, object, object[]]>([
        ["a preview with nothing to change", { steps: [{ op: "same", urn: urn("harness:platform/featureFlag:FeatureFlag", "flag-a-flag") }], changeSummary: { same: 1 } }, []],
        ["a flag toggled in the UI", { steps: [{ op: "update", urn: urn("harness:platform/featureFlag:FeatureFlag", "flag-a-flag"), diffReasons: ["environments"] }] }, [{ op: "update", type: "harness:platform/featureFlag:FeatureFlag", name: "flag-a-flag", properties: ["environments"] }]],
        ["a key deleted in Harness", { steps: [{ op: "create", urn: urn("harness:platform/featureFlagApiKey:FeatureFlagApiKey", "env-prod-server-key") }] }, [{ op: "create", type: "harness:platform/featureFlagApiKey:FeatureFlagApiKey", name: "env-prod-server-key", properties: [] }]],
        ["refresh steps and the stack itself", { steps: [{ op: "refresh", urn: urn("x:y:Z", "z") }, { op: "update", urn: "urn:pulumi:dev::ai-feature-flags::pulumi:pulumi:Stack::ai-feature-flags-dev" }] }, []],
        ["a detailed diff without reasons", { steps: [{ op: "replace", urn: urn("harness:fmeSegment/fmeSegment:FmeSegment", "segment-s"), detailedDiff: { description: { kind: "update" } } }] }, [{ op: "replace", type: "harness:fmeSegment/fmeSegment:FmeSegment", name: "segment-s", properties: ["description"] }]],
    ])("%s", (_label, preview, expected) => {
        expect(driftedResources(preview)).toEqual(expected);
    });
});

it("names each drifted resource and the way forward, and no value", () => {
    const report = driftReport("dev", [{ op: "update", type: "harness:platform/featureFlag:FeatureFlag", name: "flag-a-flag", properties: ["environments"] }], "https://github.com/o/r/actions/runs/1");
    expect(report).toContain("| update | `flag-a-flag` | `harness:platform/featureFlag:FeatureFlag` | `environments` |");
    expect(report).toContain("found 1 resource that Harness no longer has as the catalog declares them ([run](https://github.com/o/r/actions/runs/1))");
    expect(report).toContain("put the change into `flags.ts`");
});
