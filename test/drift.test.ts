// The drift report: what a scheduled `pulumi preview --refresh --json` says Harness changed.
import { assessPreview, driftedResources, driftReport } from "../pipeline/drift";
import { HARNESS } from "../resources/identity";

const urn = (type: string, name: string) => `urn:pulumi:dev::ai-feature-flags::ai-feature-flags:index:Flag$${type}::${name}`;

describe("driftedResources", () => {
    it.each<[string, object, object[]]>([
        [
            "a preview with nothing to change",
            { steps: [{ op: "same", urn: urn(HARNESS.featureFlag, "flag-a-flag") }], changeSummary: { same: 1 } },
            [],
        ],
        [
            "a flag toggled in the UI",
            { steps: [{ op: "update", urn: urn(HARNESS.featureFlag, "flag-a-flag"), diffReasons: ["environments"] }] },
            [{ op: "update", type: HARNESS.featureFlag, name: "flag-a-flag", properties: ["environments"] }],
        ],
        [
            "a key deleted in Harness",
            { steps: [{ op: "create", urn: urn(HARNESS.sdkKey, "env-prod-server-key") }] },
            [{ op: "create", type: HARNESS.sdkKey, name: "env-prod-server-key", properties: [] }],
        ],
        [
            "refresh steps and the stack itself",
            {
                steps: [
                    { op: "refresh", urn: urn("x:y:Z", "z") },
                    { op: "update", urn: "urn:pulumi:dev::ai-feature-flags::pulumi:pulumi:Stack::ai-feature-flags-dev" },
                ],
            },
            [],
        ],
        [
            "a detailed diff without reasons",
            { steps: [{ op: "replace", urn: urn(HARNESS.segment, "segment-s"), detailedDiff: { description: { kind: "update" } } }] },
            [{ op: "replace", type: HARNESS.segment, name: "segment-s", properties: ["description"] }],
        ],
    ])("%s", (_label, preview, expected) => {
        expect(driftedResources(preview)).toEqual(expected);
    });
});

it("names each drifted resource and the way forward, and no value", () => {
    const report = driftReport(
        "dev",
        [{ op: "update", type: HARNESS.featureFlag, name: "flag-a-flag", properties: ["environments"] }],
        "https://github.com/o/r/actions/runs/1",
    );
    expect(report).toContain("| update | `flag-a-flag` | `harness:platform/featureFlag:FeatureFlag` | `environments` |");
    expect(report).toContain(
        "found 1 resource that Harness no longer has as the catalog declares them ([run](https://github.com/o/r/actions/runs/1))",
    );
    expect(report).toContain("put the change into `flags.ts`");
});

describe("assessPreview: only a clean preview is no drift", () => {
    const step = (op: string) => ({ op, urn: urn(HARNESS.featureFlag, "flag-a-flag"), diffReasons: ["environments"] });
    const preview = (extra: object = {}) => JSON.stringify({ steps: [step("same")], changeSummary: { same: 1 }, ...extra });

    it.each<[string, string, number | undefined, string]>([
        ["a clean preview that Pulumi calls clean", preview(), 0, "clean"],
        ["a drifted preview that Pulumi calls changed (exit 7)", JSON.stringify({ steps: [step("update")] }), 7, "drift"],
        ["a clean preview, without Pulumi's exit code", preview(), undefined, "clean"],
    ])("%s", (_label, text, code, kind) => {
        expect(assessPreview(text, code).kind).toBe(kind);
    });

    it.each<[string, string, number | undefined, RegExp]>([
        ["{}", "{}", 0, /no list of steps/],
        ["[]", "[]", 0, /is a list, not the object/],
        ["42", "42", 0, /is 42, not the object/],
        ["null", "null", 0, /is null, not the object/],
        ['{"steps":"x"}', '{"steps":"x"}', 0, /no list of steps/],
        ["a step without an op", JSON.stringify({ steps: [{ urn: "u" }] }), 0, /step 0 of the preview has no op or urn/],
        ["an empty file", "", undefined, /not JSON/],
        [
            "error diagnostics and no steps",
            JSON.stringify({ steps: [], diagnostics: [{ severity: "error", message: "could not read the stack\nmore" }] }),
            undefined,
            /reported 1 error: could not read the stack$/,
        ],
        ["a preview Pulumi failed (exit 3, not logged in)", preview(), 3, /failed with exit code 3/],
        ["exit 0 with changes listed", JSON.stringify({ steps: [step("update")] }), 0, /the two disagree/],
        ["exit 7 with no changes listed", preview(), 7, /the two disagree/],
    ])("fails on %s, never calling it no drift", (_label, text, code, reason) => {
        const assessment = assessPreview(text, code);
        expect(assessment.kind).toBe("failed");
        expect(assessment.kind === "failed" && assessment.reason).toMatch(reason);
    });
});
