// The program as `pulumi up` runs it, under the mock runtime, with the dev stack's config.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";

let run: ProgramRun;
const ofType = (token: string) => run.registrations.filter((r) => r.type === token);

beforeAll(async () => {
    const registrations = await startMockRuntime(PROJECT, "dev", readStackConfig(PROJECT, "dev", { sdkKeyType: "Client" }));
    run = await runProgram(require.resolve("../index"), registrations);
});

describe("the dev stack", () => {
    it("declares the AI experiment flag as a boolean with on/off variations", () => {
        const [flag] = ofType("harness:platform/featureFlag:FeatureFlag");
        expect(flag.inputs).toMatchObject({
            orgId: "default",
            projectId: "ai_platform",
            identifier: "ai_experiment_flag",
            name: "AI Experiment",
            kind: "boolean",
            permanent: false,
            defaultOnVariation: "on",
            defaultOffVariation: "off",
        });
        expect(flag.inputs.variations).toEqual([
            { identifier: "on", name: "On", description: expect.any(String), value: "true" },
            { identifier: "off", name: "Off", description: expect.any(String), value: "false" },
        ]);
    });

    it("issues one SDK key of the configured type for the configured environment", () => {
        const keys = ofType("harness:platform/featureFlagApiKey:FeatureFlagApiKey");
        expect(keys).toHaveLength(1);
        expect(keys[0].inputs).toMatchObject({
            orgId: "default",
            projectId: "ai_platform",
            envId: "dev",
            type: "Client",
            identifier: "ai_feature_flags_client",
        });
    });

    it("exports the flag id in the clear and the SDK key as a secret", () => {
        expect(run.outputs.featureFlagId).toEqual({ value: "ai-experiment-flag-id", secret: false });
        expect(run.outputs.featureFlagApiKey).toEqual({ value: "mock-sdk-key-sdk-key-dev", secret: true });
    });

    it("really marks the exported key secret in the Pulumi runtime", async () => {
        const program = require("../index");
        expect(await pulumi.isSecret(program.featureFlagApiKey)).toBe(true);
    });
});
