// The program as `pulumi up` runs it, under the mock runtime, with the dev stack's config and the
// shipped catalog.
import { PROJECT } from "../config";
import { catalog } from "../flags";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";

const FLAG = "harness:platform/featureFlag:FeatureFlag";
const KEY = "harness:platform/featureFlagApiKey:FeatureFlagApiKey";
const GROUP = "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup";

let run: ProgramRun;
const ofType = (token: string) => run.registrations.filter((r) => r.type === token);
const flagInputs = (identifier: string) => ofType(FLAG).find((r) => r.inputs.identifier === identifier)!;

beforeAll(async () => {
    const registrations = await startMockRuntime(PROJECT, "dev", readStackConfig(PROJECT, "dev"));
    run = await runProgram(require.resolve("../index"), registrations);
});

describe("flags", () => {
    it("declares one ExperimentFlag component with one FeatureFlag per catalog flag", () => {
        const components = run.registrations.filter((r) => r.type === "ai-feature-flags:index:ExperimentFlag");
        expect(components.map((c) => c.name)).toEqual(catalog.flags.map((f) => `flag-${f.identifier}`));
        const parents = ofType(FLAG).map((f) => [f.name, f.options.parent]);
        expect(parents.sort()).toEqual(catalog.flags.map((f) => [`flag-${f.identifier}-flag`, `flag-${f.identifier}`]).sort());
    });

    it("nests every environment of the stack in each flag", () => {
        for (const flag of ofType(FLAG)) expect(flag.inputs.environments.map((e: any) => e.identifier)).toEqual(["dev", "prod"]);
    });

    it("declares the core AI experiment flag as before", () => {
        expect(flagInputs("ai_experiment_flag").inputs).toMatchObject({
            orgId: "default",
            projectId: "ai_platform",
            name: "AI Experiment",
            kind: "boolean",
            permanent: false,
            defaultOnVariation: "on",
            defaultOffVariation: "off",
            variations: [
                { identifier: "on", name: "On", description: expect.any(String), value: "true" },
                { identifier: "off", name: "Off", description: expect.any(String), value: "false" },
            ],
        });
    });

    it("serves internal testers the candidate model in prod through their target group's members", () => {
        const prod = flagInputs("chat_model").inputs.environments.find((e: any) => e.identifier === "prod");
        expect(prod).toEqual({ identifier: "prod", state: "on", addTargetRules: [{ variation: "claude_sonnet", targets: ["user_ana_ml", "user_ben_eval", "user_chen_qa"] }] });
        expect(JSON.parse(flagInputs("chat_model").inputs.variations[1].value)).toEqual({ model: "claude-sonnet", temperature: 0.3, maxTokens: 2048, systemPromptVersion: "v4" });
    });

    it("does not protect anything on a stack not named prod*, yet always deletes a fixed identifier before replacing it", () => {
        for (const resource of run.registrations.filter((r) => r.custom)) {
            expect([resource.name, resource.options.protect]).toEqual([resource.name, false]);
            expect([resource.name, resource.options.deleteBeforeReplace]).toEqual([resource.name, true]);
        }
    });

    it("leaves live state of a `targeting: harness` flag to the Harness UI, and only that flag", () => {
        const ignoring = ofType(FLAG).filter((f) => f.options.ignoreChanges);
        expect(ignoring.map((f) => [f.inputs.identifier, f.options.ignoreChanges])).toEqual([["agent_tool_use", ["environments"]]]);
    });
});

describe("environments", () => {
    it("issues the SDK keys each environment lists, inside its FlagEnvironment", () => {
        expect(ofType(KEY).map((k) => [k.options.parent, k.inputs.envId, k.inputs.type, k.inputs.identifier]).sort()).toEqual([
            ["env-dev", "dev", "Client", "ai_feature_flags_client"],
            ["env-dev", "dev", "Server", "ai_feature_flags_server"],
            ["env-prod", "prod", "Server", "ai_feature_flags_server"],
        ]);
        for (const key of ofType(KEY)) expect(key.options.additionalSecretOutputs).toEqual(["apiKey"]);
    });

    it("declares each target group in its environments with the Harness account id", () => {
        expect(ofType(GROUP).map((g) => [g.options.parent, g.inputs.identifier, g.inputs.accountId]).sort()).toEqual([
            ["env-dev", "internal_testers", "your_harness_account_id"],
            ["env-prod", "enterprise_accounts", "your_harness_account_id"],
            ["env-prod", "internal_testers", "your_harness_account_id"],
        ]);
    });
});

describe("experiments", () => {
    const FME_FLAG = "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag";
    const DEFINITION = "harness:fmeFeatureFlag/definition:Definition";

    it("declares one FME flag per experiment with the mapped traffic type, inside its Experiment component", () => {
        expect(ofType(FME_FLAG).map((f) => [f.options.parent, f.inputs.name, f.inputs.trafficTypeId])).toEqual([
            ["experiment-chat-model-ab", "chat-model-ab", "your_fme_user_traffic_type_id"],
        ]);
        expect(run.registrations.find((r) => r.name === "experiment-chat-model-ab")?.type).toBe("ai-feature-flags:index:Experiment");
    });

    it("declares one definition per environment, for the FME environment the config maps it to", () => {
        const definitions = ofType(DEFINITION).map((d) => [d.name, d.inputs.flagName, d.inputs.environmentId]).sort();
        expect(definitions).toEqual([
            ["experiment-chat-model-ab-definition-dev", "chat-model-ab", "your_fme_dev_environment_id"],
            ["experiment-chat-model-ab-definition-prod", "chat-model-ab", "your_fme_prod_environment_id"],
        ]);
        const prod = JSON.parse(ofType(DEFINITION).find((d) => d.name.endsWith("prod"))!.inputs.definition);
        expect(prod.defaultRule).toEqual([{ treatment: "baseline", size: 90 }, { treatment: "candidate", size: 10 }]);
        expect(prod.rules[0]).toEqual({
            condition: { combiner: "AND", matchers: [{ type: "IN_SEGMENT", negate: false, string: "internal_testers" }] },
            buckets: [{ treatment: "baseline", size: 0 }, { treatment: "candidate", size: 100 }],
        });
    });

    it("exports each experiment's split and allocation per environment", () => {
        expect(run.outputs.experiments).toEqual({
            secret: false,
            value: {
                "chat-model-ab": {
                    environments: {
                        dev: { split: { baseline: 50, candidate: 50 }, trafficAllocation: 100 },
                        prod: { split: { baseline: 90, candidate: 10 }, trafficAllocation: 100 },
                    },
                },
            },
        });
    });
});

describe("outputs", () => {
    it("exports flags with id, kind, variations and per-environment state, in the clear", () => {
        const { value, secret } = run.outputs.flags as { value: any; secret: boolean };
        expect(secret).toBe(false);
        expect(Object.keys(value)).toEqual(catalog.flags.map((f) => f.identifier));
        expect(value.max_output_tokens).toEqual({
            id: "flag-max_output_tokens-flag-id",
            kind: "int",
            archived: false,
            variations: { small: "512", standard: "1024", large: "2048" },
            environments: { dev: "on", prod: "on" },
        });
    });

    it("exports the SDK keys per environment as one secret", () => {
        expect(run.outputs.sdkKeys).toEqual({
            secret: true,
            value: {
                dev: { server: "mock-sdk-key-env-dev-server-key", client: "mock-sdk-key-env-dev-client-key" },
                prod: { server: "mock-sdk-key-env-prod-server-key" },
            },
        });
    });

    it("keeps the core stack's outputs: the AI experiment flag's id and the first key, secret", () => {
        expect(run.outputs.featureFlagId).toEqual({ value: "flag-ai_experiment_flag-flag-id", secret: false });
        expect(run.outputs.featureFlagApiKey).toEqual({ value: "mock-sdk-key-env-dev-server-key", secret: true });
    });

    it("exports no previous keys when no rotation is under way, still as a secret", () => {
        expect(run.outputs.previousSdkKeys).toEqual({ value: { dev: {}, prod: {} }, secret: true });
    });
});
