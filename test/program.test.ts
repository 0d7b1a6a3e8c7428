// The program as `pulumi up` runs it, under the mock runtime, with the dev stack's config and the
// shipped catalog.
import { PROJECT } from "../config";
import { catalog } from "../flags";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";

const FLAG = "harness:platform/featureFlag:FeatureFlag";
const KEY = "harness:platform/featureFlagApiKey:FeatureFlagApiKey";
const TARGET = "harness:platform/featureFlagTarget:FeatureFlagTarget";
const GROUP = "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup";
const SEGMENT = "harness:fmeSegment/fmeSegment:FmeSegment";
const ASSOCIATION = "harness:fmeSegment/environmentAssociation:EnvironmentAssociation";
const SEGMENT_KEYS = "harness:fmeEnvironment/segmentKeys:SegmentKeys";
const FME_FLAG = "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag";
const DEFINITION = "harness:fmeFeatureFlag/definition:Definition";

let run: ProgramRun;
const ofType = (token: string) => run.registrations.filter((r) => r.type === token);
const named = (name: string) => run.registrations.find((r) => r.name === name)!;
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

    it("declares the core AI experiment flag, on in prod for internal testers only", () => {
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
        const prod = flagInputs("ai_experiment_flag").inputs.environments[1];
        expect(prod).toEqual({ identifier: "prod", state: "on", defaultOnVariation: "off", addTargetRules: [{ variation: "on", targets: ["user_ana_ml", "user_ben_eval", "user_chen_qa"] }] });
    });

    it("serves internal testers the candidate model in prod through their target group's members", () => {
        const prod = flagInputs("chat_model").inputs.environments.find((e: any) => e.identifier === "prod");
        expect(prod).toEqual({ identifier: "prod", state: "on", addTargetRules: [{ variation: "claude_sonnet", targets: ["user_ana_ml", "user_ben_eval", "user_chen_qa"] }] });
        expect(JSON.parse(flagInputs("chat_model").inputs.variations[1].value)).toEqual({ model: "claude-sonnet", temperature: 0.3, maxTokens: 2048, systemPromptVersion: "v4" });
    });

    it("protects every flag, since each carries the Production environment prod, and deletes a fixed identifier before replacing it", () => {
        for (const flag of ofType(FLAG)) expect([flag.name, flag.options.protect, flag.options.deleteBeforeReplace]).toEqual([flag.name, true, true]);
    });

    it("creates a flag after the targets its rules serve, in every environment", () => {
        expect(named("flag-summary_prompt_version-flag").options.dependsOn).toEqual(["env-prod-target-user_ben_eval"]);
        expect(named("flag-chat_model-flag").options.dependsOn).toEqual(["env-prod-target-user_ana_ml", "env-prod-target-user_ben_eval", "env-prod-target-user_chen_qa"]);
        expect(named("flag-llm_assistant_enabled-flag").options.dependsOn).toBeUndefined();
    });

    it("leaves live state of a `targeting: harness` flag to the Harness UI, and only that flag", () => {
        const ignoring = ofType(FLAG).filter((f) => f.options.ignoreChanges);
        expect(ignoring.map((f) => [f.inputs.identifier, f.options.ignoreChanges])).toEqual([["agent_tool_use", ["environments"]]]);
    });
});

describe("environments", () => {
    it("issues the SDK keys each environment lists, inside its FlagEnvironment, protected in Production only", () => {
        expect(ofType(KEY).map((k) => [k.options.parent, k.inputs.envId, k.inputs.type, k.inputs.identifier, k.options.protect]).sort()).toEqual([
            ["env-dev", "dev", "Client", "ai_feature_flags_client", false],
            ["env-dev", "dev", "Server", "ai_feature_flags_server", false],
            ["env-prod", "prod", "Server", "ai_feature_flags_server", true],
        ]);
        for (const key of ofType(KEY)) expect(key.options.additionalSecretOutputs).toEqual(["apiKey"]);
    });

    it("declares each target where a rule or group names it, and each group after its members", () => {
        expect(ofType(TARGET).map((t) => [t.options.parent, t.inputs.identifier, t.inputs.accountId, t.options.protect])).toEqual([
            ["env-dev", "user_ana_ml", "your_harness_account_id", false],
            ["env-dev", "user_ben_eval", "your_harness_account_id", false],
            ["env-dev", "user_chen_qa", "your_harness_account_id", false],
            ["env-prod", "user_ana_ml", "your_harness_account_id", true],
            ["env-prod", "user_ben_eval", "your_harness_account_id", true],
            ["env-prod", "user_chen_qa", "your_harness_account_id", true],
        ]);
        expect(named("env-prod-target-user_ana_ml").inputs).toMatchObject({ environment: "prod", name: "Ana (ML platform)", attributes: { team: "ml-platform" } });
        expect(ofType(GROUP).map((g) => [g.options.parent, g.inputs.identifier, g.options.protect, g.options.dependsOn]).sort()).toEqual([
            ["env-dev", "internal_testers", false, ["env-dev-target-user_ana_ml", "env-dev-target-user_ben_eval", "env-dev-target-user_chen_qa"]],
            ["env-prod", "enterprise_accounts", true, undefined],
            ["env-prod", "internal_testers", true, ["env-prod-target-user_ana_ml", "env-prod-target-user_ben_eval", "env-prod-target-user_chen_qa"]],
        ]);
    });
});

describe("segments and experiments", () => {
    it("declares the internal testers as an FME segment, activated with the group's members in each FME environment", () => {
        expect(ofType(SEGMENT).map((s) => [s.name, s.inputs.name, s.inputs.trafficTypeId, s.options.protect])).toEqual([["segment-internal_testers-segment", "internal_testers", "your_fme_user_traffic_type_id", true]]);
        expect(ofType(ASSOCIATION).map((a) => [a.name, a.inputs.environmentId, a.inputs.segmentName])).toEqual([
            ["segment-internal_testers-association-dev", "your_fme_dev_environment_id", "internal_testers"],
            ["segment-internal_testers-association-prod", "your_fme_prod_environment_id", "internal_testers"],
        ]);
        expect(ofType(SEGMENT_KEYS).map((k) => [k.name, k.inputs.keys, k.options.dependsOn])).toEqual([
            ["segment-internal_testers-keys-dev", ["user_ana_ml", "user_ben_eval", "user_chen_qa"], ["segment-internal_testers-association-dev"]],
            ["segment-internal_testers-keys-prod", ["user_ana_ml", "user_ben_eval", "user_chen_qa"], ["segment-internal_testers-association-prod"]],
        ]);
    });

    it("declares one FME flag per experiment with the mapped traffic type, inside its Experiment component", () => {
        expect(ofType(FME_FLAG).map((f) => [f.options.parent, f.inputs.name, f.inputs.trafficTypeId])).toEqual([["experiment-chat-model-ab", "chat-model-ab", "your_fme_user_traffic_type_id"]]);
        expect(named("experiment-chat-model-ab").type).toBe("ai-feature-flags:index:Experiment");
    });

    it("declares one definition per environment, the prod one after the segment its rule names", () => {
        expect(ofType(DEFINITION).map((d) => [d.name, d.inputs.flagName, d.inputs.environmentId, d.options.dependsOn])).toEqual([
            ["experiment-chat-model-ab-definition-dev", "chat-model-ab", "your_fme_dev_environment_id", undefined],
            ["experiment-chat-model-ab-definition-prod", "chat-model-ab", "your_fme_prod_environment_id", ["segment-internal_testers-association-prod", "segment-internal_testers-keys-prod"]],
        ]);
        const prod = JSON.parse(named("experiment-chat-model-ab-definition-prod").inputs.definition);
        expect(prod.defaultRule).toEqual([{ treatment: "baseline", size: 90 }, { treatment: "candidate", size: 10 }]);
        expect(prod.rules[0]).toEqual({
            condition: { combiner: "AND", matchers: [{ type: "IN_SEGMENT", negate: false, string: "internal_testers" }] },
            buckets: [{ treatment: "baseline", size: 0 }, { treatment: "candidate", size: 100 }],
        });
    });

    it("exports each experiment's split and each segment's keys per environment", () => {
        expect(run.outputs.experiments.value).toEqual({
            "chat-model-ab": {
                environments: {
                    dev: { split: { baseline: 50, candidate: 50 }, trafficAllocation: 100 },
                    prod: { split: { baseline: 90, candidate: 10 }, trafficAllocation: 100 },
                },
            },
        });
        expect(run.outputs.segments).toEqual({ secret: false, value: { internal_testers: { managedBy: "this stack", environments: { dev: { keys: 3 }, prod: { keys: 3 } } } } });
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

    it("exports each environment's type and whether it is protected", () => {
        expect(run.outputs.environments).toEqual({
            secret: false,
            value: { dev: { type: "PreProduction", typeFrom: "config", protected: false }, prod: { type: "Production", typeFrom: "config", protected: true } },
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

    it("declares no explicit Harness provider: the default one reads the API key in the plugin, so no key reaches the state", () => {
        expect(run.registrations.filter((r) => r.type.startsWith("pulumi:providers:"))).toEqual([]);
    });
});
