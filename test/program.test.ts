// The program as `pulumi up` runs it, under the mock runtime, on the sample catalog and its dev
// stack (test/fixtures/sample), and on stacks and catalogs that change one thing about them.
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { checkedInputs } from "../catalog/checkedInputs";
import { PROJECT } from "../config";
import { ProgramRun, runInStack, startMockRuntime } from "../plan/mockRuntime";
import { Flag } from "../components/flag";
import { parseCatalog } from "../catalog/validate";
import { catalog as smallCatalog, killSwitch, sampleCatalog } from "./catalogFixtures";
import { planReport } from "../plan/report";
import { HARNESS } from "../resources/identity";
import { mistake, paths, replaced } from "./mistakes";
import { declared, Outcome, runCatalog, runStack, sampleStackConfig, setCatalog, withoutStackTraces } from "./programRun";
import { checkedAdoption } from "../adopt/adopt";
import { adoptionFrom, type Adoption } from "../adopt/fromHarness";
import { readStackConfig, stackSettings } from "../project/stacks";
import { ADOPTED_ON, ADOPTED_STACK_DIR, harnessProject } from "./fixtures/harnessProject";

jest.mock("../flags", () => jest.requireActual("./programRun").flagsModule);
jest.mock("../rollouts/stateFile", () => jest.requireActual("./programRun").stateFileModule);
const catalog = sampleCatalog();

const {
    featureFlag: FLAG,
    sdkKey: KEY,
    target: TARGET,
    targetGroup: GROUP,
    segment: SEGMENT,
    segmentAssociation: ASSOCIATION,
    segmentKeys: SEGMENT_KEYS,
    fmeFlag: FME_FLAG,
    definition: DEFINITION,
    fmeSdkKey: FME_KEY,
} = HARNESS;

let run: ProgramRun;
const ofType = (token: string) => run.registrations.filter((r) => r.type === token);
const named = (name: string) => run.registrations.find((r) => r.name === name)!;
const flagInputs = (identifier: string) => ofType(FLAG).find((r) => r.inputs.identifier === identifier)!;

beforeAll(async () => {
    run = await declared(catalog);
});

describe("flags", () => {
    it("declares one Flag component with one FeatureFlag per catalog flag, reachable from stacks deployed when it was ExperimentFlag", () => {
        const components = run.registrations.filter((r) => r.type === "ai-feature-flags:index:Flag");
        // Its URN under the old type, exactly as the engine spelled it for the stack deployed then.
        for (const component of components)
            expect(component.options.aliases).toEqual([
                `urn:pulumi:dev::ai-feature-flags::ai-feature-flags:index:ExperimentFlag::${component.name}`,
            ]);
        expect(components.map((c) => c.name)).toEqual(catalog.flags.map((f) => `flag-${f.identifier}`));
        const parents = ofType(FLAG).map((f) => [f.name, f.options.parent]);
        expect(parents.sort()).toEqual(catalog.flags.map((f) => [`flag-${f.identifier}-flag`, `flag-${f.identifier}`]).sort());
    });

    it("aliases a Flag declared under another parent by type, since its old URN runs through that parent", async () => {
        const registrations = await startMockRuntime(PROJECT, "dev", sampleStackConfig());
        await withoutStackTraces(() =>
            runInStack(() => {
                const group = new pulumi.ComponentResource("test:index:Group", "group");
                const args = { orgId: "default", projectId: "ai_platform", environments: ["dev"], targetGroups: new Map(), targets: [] };
                const flag = parseCatalog(catalog).catalog.flags[0];
                new Flag("flag-nested", { ...args, flag, safety: { types: { dev: "PreProduction" } } }, { parent: group });
                return {};
            }, registrations),
        );
        expect(registrations.find((r) => r.name === "flag-nested")!.options.aliases).toEqual(["ai-feature-flags:index:ExperimentFlag"]);
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
        expect(prod).toEqual({
            identifier: "prod",
            state: "on",
            defaultOnVariation: "off",
            defaultOffVariation: "off",
            addTargetRules: [
                { variation: "on", targets: ["user_ana_ml", "user_ben_eval", "user_chen_qa"] },
                { variation: "off", targets: [] },
            ],
        });
    });

    it("serves internal testers the candidate model in prod through their target group's members", () => {
        const prod = flagInputs("chat_model").inputs.environments.find((e: any) => e.identifier === "prod");
        expect(prod).toEqual({
            identifier: "prod",
            state: "on",
            defaultOnVariation: "gpt_4o_mini",
            defaultOffVariation: "gpt_4o_mini",
            addTargetRules: [
                { variation: "gpt_4o_mini", targets: [] },
                { variation: "claude_sonnet", targets: ["user_ana_ml", "user_ben_eval", "user_chen_qa"] },
                { variation: "llama_70b_self_hosted", targets: [] },
            ],
        });
        expect(JSON.parse(flagInputs("chat_model").inputs.variations[1].value)).toEqual({
            model: "claude-sonnet",
            temperature: 0.3,
            maxTokens: 2048,
            systemPromptVersion: "v4",
        });
    });

    it("protects every flag, since each carries the Production environment prod, and deletes a fixed identifier before replacing it", () => {
        for (const flag of ofType(FLAG))
            expect([flag.name, flag.options.protect, flag.options.deleteBeforeReplace]).toEqual([flag.name, true, true]);
    });

    it("creates a flag after the targets its rules serve, in every environment", () => {
        expect(named("flag-summary_prompt_version-flag").options.dependsOn).toEqual(["env-prod-target-user_ben_eval"]);
        expect(named("flag-chat_model-flag").options.dependsOn).toEqual([
            "env-prod-target-user_ana_ml",
            "env-prod-target-user_ben_eval",
            "env-prod-target-user_chen_qa",
        ]);
        expect(named("flag-llm_assistant_enabled-flag").options.dependsOn).toBeUndefined();
    });

    it("leaves live state of a `targeting: harness` flag to the Harness UI, and only that flag", () => {
        const ignoring = ofType(FLAG).filter((f) => f.options.ignoreChanges);
        expect(ignoring.map((f) => [f.inputs.identifier, f.options.ignoreChanges])).toEqual([["agent_tool_use", ["environments"]]]);
    });
});

describe("environments", () => {
    it("issues the SDK keys each environment lists, inside its FlagEnvironment, protected in Production only", () => {
        expect(
            ofType(KEY)
                .map((k) => [k.options.parent, k.inputs.envId, k.inputs.type, k.inputs.identifier, k.options.protect])
                .sort(),
        ).toEqual([
            ["env-dev", "dev", "Client", "ai_feature_flags_client", false],
            ["env-dev", "dev", "Server", "ai_feature_flags_server", false],
            ["env-prod", "prod", "Server", "ai_feature_flags_server", true],
        ]);
        for (const key of ofType(KEY)) expect(key.options.additionalSecretOutputs).toEqual(["apiKey"]);
    });

    it("registers each environment's id and Harness type as its component's outputs, which the policy pack reads from a key's parent", () => {
        const components = run.registrations.filter((r) => r.type === "ai-feature-flags:index:FlagEnvironment");
        expect(components.map((c) => [c.name, c.outputs?.environment, c.outputs?.environmentType])).toEqual([
            ["env-dev", "dev", "PreProduction"],
            ["env-prod", "prod", "Production"],
        ]);
    });

    it("issues a server-side FME SDK key in each FME environment, for the applications that evaluate experiments, protected in Production only", () => {
        expect(ofType(FME_KEY).map((k) => [k.name, k.options.parent, k.inputs, k.options.protect])).toEqual([
            [
                "env-dev-fme-server-side-key",
                "env-dev",
                {
                    orgId: "default",
                    projectId: "ai_platform",
                    environmentId: "your_fme_dev_environment_id",
                    apiKeyType: "serverSide",
                    name: "ai-feature-flags serverSide key (dev)",
                },
                false,
            ],
            [
                "env-prod-fme-server-side-key",
                "env-prod",
                {
                    orgId: "default",
                    projectId: "ai_platform",
                    environmentId: "your_fme_prod_environment_id",
                    apiKeyType: "serverSide",
                    name: "ai-feature-flags serverSide key (prod)",
                },
                true,
            ],
        ]);
        for (const key of ofType(FME_KEY)) expect(key.options.additionalSecretOutputs).toEqual(["apiKey"]);
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
        expect(named("env-prod-target-user_ana_ml").inputs).toMatchObject({
            environment: "prod",
            name: "Ana (ML platform)",
            attributes: { team: "ml-platform" },
        });
        expect(
            ofType(GROUP)
                .map((g) => [g.options.parent, g.inputs.identifier, g.options.protect, g.options.dependsOn])
                .sort(),
        ).toEqual([
            [
                "env-dev",
                "internal_testers",
                false,
                ["env-dev-target-user_ana_ml", "env-dev-target-user_ben_eval", "env-dev-target-user_chen_qa"],
            ],
            ["env-prod", "enterprise_accounts", true, undefined],
            [
                "env-prod",
                "internal_testers",
                true,
                ["env-prod-target-user_ana_ml", "env-prod-target-user_ben_eval", "env-prod-target-user_chen_qa"],
            ],
        ]);
    });
});

describe("segments and experiments", () => {
    it("declares the internal testers as an FME segment, activated with the group's members in each FME environment", () => {
        expect(ofType(SEGMENT).map((s) => [s.name, s.inputs.name, s.inputs.trafficTypeId, s.options.protect])).toEqual([
            ["segment-internal_testers-segment", "internal_testers", "your_fme_user_traffic_type_id", true],
        ]);
        expect(ofType(ASSOCIATION).map((a) => [a.name, a.inputs.environmentId, a.inputs.segmentName])).toEqual([
            ["segment-internal_testers-association-dev", "your_fme_dev_environment_id", "internal_testers"],
            ["segment-internal_testers-association-prod", "your_fme_prod_environment_id", "internal_testers"],
        ]);
        expect(ofType(SEGMENT_KEYS).map((k) => [k.name, k.inputs.keys, k.options.dependsOn])).toEqual([
            [
                "segment-internal_testers-keys-dev",
                ["user_ana_ml", "user_ben_eval", "user_chen_qa"],
                ["segment-internal_testers-association-dev"],
            ],
            [
                "segment-internal_testers-keys-prod",
                ["user_ana_ml", "user_ben_eval", "user_chen_qa"],
                ["segment-internal_testers-association-prod"],
            ],
        ]);
    });

    it("declares one FME flag per experiment with the mapped traffic type, inside its Experiment component", () => {
        expect(ofType(FME_FLAG).map((f) => [f.options.parent, f.inputs.name, f.inputs.trafficTypeId])).toEqual([
            ["experiment-chat-model-ab", "chat-model-ab", "your_fme_user_traffic_type_id"],
        ]);
        expect(named("experiment-chat-model-ab").type).toBe("ai-feature-flags:index:Experiment");
    });

    it("declares one definition per environment, the prod one after the segment its rule names", () => {
        expect(ofType(DEFINITION).map((d) => [d.name, d.inputs.flagName, d.inputs.environmentId, d.options.dependsOn])).toEqual([
            ["experiment-chat-model-ab-definition-dev", "chat-model-ab", "your_fme_dev_environment_id", undefined],
            [
                "experiment-chat-model-ab-definition-prod",
                "chat-model-ab",
                "your_fme_prod_environment_id",
                ["segment-internal_testers-association-prod", "segment-internal_testers-keys-prod"],
            ],
        ]);
        const prod = JSON.parse(named("experiment-chat-model-ab-definition-prod").inputs.definition);
        expect(prod.defaultRule).toEqual([
            { treatment: "baseline", size: 90 },
            { treatment: "candidate", size: 10 },
        ]);
        expect(prod.rules[0]).toEqual({
            condition: { combiner: "AND", matchers: [{ type: "IN_SEGMENT", negate: false, string: "internal_testers" }] },
            buckets: [
                { treatment: "baseline", size: 0 },
                { treatment: "candidate", size: 100 },
            ],
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
        expect(run.outputs.segments).toEqual({
            secret: false,
            value: { internal_testers: { managedBy: "this stack", environments: { dev: { keys: 3 }, prod: { keys: 3 } } } },
        });
    });
});

describe("outputs", () => {
    it("exports flags with id, kind, owner, variations and per-environment state, in the clear", () => {
        const { value, secret } = run.outputs.flags as { value: any; secret: boolean };
        expect(secret).toBe(false);
        expect(Object.keys(value)).toEqual(catalog.flags.map((f) => f.identifier));
        expect(value.max_output_tokens).toEqual({
            id: "flag-max_output_tokens-flag-id",
            kind: "int",
            archived: false,
            owner: "ml-platform@example.com",
            variations: { small: "512", standard: "1024", large: "2048" },
            environments: { dev: "on", prod: "on" },
        });
    });

    it("exports each environment's type and whether it is protected", () => {
        expect(run.outputs.environments).toEqual({
            secret: false,
            value: {
                dev: { type: "PreProduction", typeFrom: "config", protected: false },
                prod: { type: "Production", typeFrom: "config", protected: true },
            },
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

    it("exports the FME SDK keys per FME environment as one secret", () => {
        expect(run.outputs.fmeSdkKeys).toEqual({
            secret: true,
            value: {
                dev: { serverSide: "mock-fme-sdk-key-env-dev-fme-server-side-key" },
                prod: { serverSide: "mock-fme-sdk-key-env-prod-fme-server-side-key" },
            },
        });
    });

    it("exports no previous keys when no rotation is under way, still as a secret", () => {
        expect(run.outputs.previousSdkKeys).toEqual({ value: { dev: {}, prod: {} }, secret: true });
    });

    it("declares no explicit Harness provider: the default one reads the API key in the plugin, so no key reaches the state", () => {
        expect(run.registrations.filter((r) => r.type.startsWith("pulumi:providers:"))).toEqual([]);
    });
});

describe("a stack named dev that manages the Production environment prod, mid-way through an SDK key rotation", () => {
    // Its last deployment matches the catalog: protection follows the environment's type, not the stack's name.
    let rotating: ProgramRun & { warnings: string[] };
    const resource = (name: string) => rotating.registrations.find((r) => r.name === name)!;

    beforeAll(async () => {
        const environments = [
            { id: "dev", sdkKeys: ["Server", "Client"] },
            { id: "prod", sdkKeys: ["Server"], sdkKeyGenerations: [{ generation: 2, expiresOn: "2099-06-30" }, 1] },
        ];
        const lastDeployment = { flags: Object.fromEntries(catalog.flags.map((f) => [f.identifier, { kind: f.kind, archived: false }])) };
        rotating = await declared(catalog, { overrides: { environments }, lastDeployment });
    });

    it("protects by default everything that touches the Production environment, whatever the stack is called", () => {
        for (const name of [
            "flag-chat_model-flag",
            "env-prod-group-internal_testers",
            "env-prod-target-user_ana_ml",
            "experiment-chat-model-ab-flag",
            "experiment-chat-model-ab-definition-prod",
            "segment-internal_testers-segment",
            "segment-internal_testers-keys-prod",
            "env-prod-server-key-g2",
        ]) {
            expect([name, resource(name).options]).toEqual([name, expect.objectContaining({ protect: true, deleteBeforeReplace: true })]);
        }
    });

    it("leaves PreProduction resources unprotected", () => {
        for (const name of [
            "env-dev-server-key",
            "env-dev-group-internal_testers",
            "experiment-chat-model-ab-definition-dev",
            "segment-internal_testers-association-dev",
        ]) {
            expect([name, resource(name).options.protect]).toEqual([name, false]);
        }
    });

    it("leaves the previous key generation unprotected, so the next deploy can drop it", () => {
        expect(resource("env-prod-server-key").options).toMatchObject({ protect: false, deleteBeforeReplace: true });
    });

    it("declares the new generation beside the old one, with its expiry", () => {
        expect(resource("env-prod-server-key-g2").inputs).toMatchObject({
            identifier: "ai_feature_flags_server_g2",
            envId: "prod",
            type: "Server",
            expiredAt: 4086460800,
        });
        expect(resource("env-prod-server-key").inputs).toMatchObject({ identifier: "ai_feature_flags_server", envId: "prod" });
        expect(resource("env-prod-server-key").inputs.expiredAt).toBeUndefined();
    });

    it("exports the current keys as sdkKeys and the still-valid previous ones as previousSdkKeys, both secret", () => {
        expect(rotating.outputs.sdkKeys).toEqual({
            secret: true,
            value: {
                dev: { server: "mock-sdk-key-env-dev-server-key", client: "mock-sdk-key-env-dev-client-key" },
                prod: { server: "mock-sdk-key-env-prod-server-key-g2" },
            },
        });
        expect(rotating.outputs.previousSdkKeys).toEqual({
            secret: true,
            value: { dev: {}, prod: { server: "mock-sdk-key-env-prod-server-key" } },
        });
    });

    it("says which environment types it assumed from the ids, and how to state them", () => {
        expect(rotating.outputs.environments.value).toEqual({
            dev: { type: "PreProduction", typeFrom: "id", protected: false },
            prod: { type: "Production", typeFrom: "id", protected: true },
        });
        expect(rotating.warnings).toEqual([
            expect.stringContaining(
                "environment 'dev' is treated as PreProduction, assumed from its id; say so in config: pulumi config set --path 'ai-feature-flags:environments[0].type' PreProduction",
            ),
            expect.stringContaining(
                "environment 'prod' is treated as Production, assumed from its id; say so in config: pulumi config set --path 'ai-feature-flags:environments[1].type' Production",
            ),
        ]);
    });
});

describe("a stack whose browser applications evaluate experiments too (fme.sdkKeys: [serverSide, clientSide])", () => {
    it("issues both FME key types in each FME environment, and exports both", async () => {
        const fme = {
            trafficTypes: { user: "tt_user" },
            environments: { dev: "fme_dev", prod: "fme_prod" },
            sdkKeys: ["serverSide", "clientSide"],
        };
        const both = await declared(catalog, { overrides: { fme } });
        expect(both.registrations.filter((r) => r.type === FME_KEY).map((k) => [k.name, k.inputs.apiKeyType, k.options.protect])).toEqual([
            ["env-dev-fme-server-side-key", "serverSide", false],
            ["env-dev-fme-client-side-key", "clientSide", false],
            ["env-prod-fme-server-side-key", "serverSide", true],
            ["env-prod-fme-client-side-key", "clientSide", true],
        ]);
        expect(both.outputs.fmeSdkKeys.value).toEqual({
            dev: { serverSide: "mock-fme-sdk-key-env-dev-fme-server-side-key", clientSide: "mock-fme-sdk-key-env-dev-fme-client-side-key" },
            prod: {
                serverSide: "mock-fme-sdk-key-env-prod-fme-server-side-key",
                clientSide: "mock-fme-sdk-key-env-prod-fme-client-side-key",
            },
        });
    });
});

describe("a stack configured as before `environments` existed (environmentId + sdkKeyType)", () => {
    let legacy: ProgramRun;

    beforeAll(async () => {
        const flag = { ...killSwitch(), identifier: "ai_experiment_flag", environments: { staging: { state: "on" as const } } };
        legacy = await declared(
            { flags: [flag], targetGroups: [] },
            { overrides: { environments: undefined, fme: undefined, environmentId: "staging", sdkKeyType: "Client" } },
        );
    });

    it("issues one key of sdkKeyType for environmentId", () => {
        const keys = legacy.registrations.filter((r) => r.type === KEY);
        expect(keys.map((k) => [k.inputs.envId, k.inputs.type])).toEqual([["staging", "Client"]]);
    });

    it("deploys the flag to that environment", () => {
        const [flag] = legacy.registrations.filter((r) => r.type === FLAG);
        expect(flag.inputs.environments).toEqual([
            {
                identifier: "staging",
                state: "on",
                defaultOnVariation: "on",
                defaultOffVariation: "off",
                addTargetRules: [
                    { variation: "on", targets: [] },
                    { variation: "off", targets: [] },
                ],
            },
        ]);
    });

    it("exports featureFlagId and featureFlagApiKey as the core stack did", () => {
        expect(legacy.outputs.featureFlagId).toEqual({ value: "flag-ai_experiment_flag-flag-id", secret: false });
        expect(legacy.outputs.featureFlagApiKey).toEqual({ value: "mock-sdk-key-env-staging-client-key", secret: true });
        expect(legacy.outputs.sdkKeys).toEqual({ value: { staging: { client: "mock-sdk-key-env-staging-client-key" } }, secret: true });
    });

    it("declares no FME key without an FME environment", () => {
        expect(legacy.registrations.filter((r) => r.type === FME_KEY)).toEqual([]);
        expect(legacy.outputs.fmeSdkKeys).toEqual({ value: {}, secret: true });
    });
});

// Whatever is wrong, the program fails with one RunError (which pulumi prints without a stack
// trace) naming every problem with its fix, and registers nothing.
describe.each<[string, () => Promise<Outcome>, RegExp, string[], string[]]>([
    [
        "bad config",
        () =>
            runCatalog(smallCatalog(), {
                overrides: { orgId: "my-org", environments: [{ id: "dev", sdkKeys: ["server"] }, { id: "dev" }], fme: undefined },
            }),
        /^Stack 'dev' config: 3 problems; nothing was declared\./,
        [
            "pulumi config set ai-feature-flags:orgId my_org",
            "pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server",
            "pulumi config rm --path 'ai-feature-flags:environments[1]'",
        ],
        [],
    ],
    [
        "a catalog that breaks the rules",
        () => {
            const broken = smallCatalog();
            broken.flags[0].owner = "";
            broken.flags[1].environments = { staging: { state: "on" } };
            return runCatalog(broken);
        },
        /^flags\.ts catalog: 2 problems; nothing was declared\./,
        [
            `flag 'chat_model' owner: "" is empty`,
            `fix:     set owner: "ml-platform@example.com" on flag 'chat_model' in flags.ts`,
            "flag 'assistant_enabled' environments.staging: 'staging' is not an environment of this stack",
        ],
        [],
    ],
    [
        "a live flag removed from, or changed in kind in, a protected stack",
        () => {
            const lastDeployment = {
                flags: {
                    chat_model: { kind: "string" },
                    legacy_prompt_router: { kind: "boolean", archived: false },
                    old_banner: { kind: "boolean", archived: true },
                },
            };
            return runCatalog(sampleCatalog(), { lastDeployment });
        },
        /^flags\.ts catalog: 2 problems; nothing was declared\./,
        [
            "flag 'legacy_prompt_router': removed from flags.ts, but it is live in this protected stack",
            "put it back in flags.ts with archived: true",
            "flag 'chat_model' kind: changes string → json",
        ],
        ["old_banner"],
    ],
])("%s", (_label, run, heading, contained, absent) => {
    let outcome: Outcome;
    beforeAll(async () => {
        outcome = await run();
    });

    it("fails with one RunError naming each problem and its fix", () => {
        expect(pulumi.RunError.isInstance(outcome.failure)).toBe(true);
        const message = (outcome.failure as Error).message;
        expect(message).toMatch(heading);
        for (const text of contained) expect(message).toContain(text);
        for (const text of absent) expect(message).not.toContain(text);
    });

    it("registers no resource", () => {
        expect(outcome.registrations.filter((r) => r.type !== "pulumi:pulumi:StackReference")).toEqual([]);
    });
});

describe("a stack given a catalog one mistake away from valid", () => {
    it("either takes it or fails with a RunError (printed without a stack trace), and declares nothing", async () => {
        const registrations = await startMockRuntime(PROJECT, "dev", sampleStackConfig());
        const valid = smallCatalog();
        await withoutStackTraces(() =>
            fc.assert(
                fc.asyncProperty(fc.constantFrom(...paths(valid)), mistake, async (path, value) => {
                    const failure = await checkedInputs(replaced(valid, path, value)).then(
                        () => undefined,
                        (error) => error,
                    );
                    return (
                        (failure === undefined || pulumi.RunError.isInstance(failure)) &&
                        registrations.every((r) => r.type === "pulumi:pulumi:StackReference")
                    );
                }),
                { numRuns: 100 },
            ),
        );
    });
});

describe("the offline plan a reviewer reads: structure, options, and no secret in plain text", () => {
    let report: string;
    let run: ProgramRun;

    beforeAll(async () => {
        const overrides = { "harness:platformApiKey": { secure: "AAABAJ0x" } };
        const config = sampleStackConfig(overrides);
        run = await declared(undefined, { overrides });
        report = planReport(
            run,
            "dev",
            config.secretKeys.map((key) => config.config[key]),
        );
    });

    it("says that everything is a create here, and how to see a change instead", () => {
        expect(report.split("\n").slice(0, 2)).toEqual([
            "Offline plan for stack 'dev' (mock runtime: nothing is sent to Harness)",
            "Everything is shown as + (create): this plan compares with nothing. To see what a change does: npm run plan -- --diff <git ref>",
        ]);
    });

    it("says each environment's type and whether it is protected", () => {
        expect(report).toContain("Environments: dev PreProduction; prod Production, protected");
    });

    it("shows each component as a header with its resources nested under it, never as an import (=)", () => {
        expect(report).not.toMatch(/^\s*= /m);
        expect(report).toContain(
            [
                "  Flag flag-agent_tool_use",
                "      + harness:platform/featureFlag:FeatureFlag  flag-agent_tool_use-flag",
                '          (protect=true, ignoreChanges=["environments"])',
            ].join("\n"),
        );
        expect(report).toContain("Resources: 29 Harness resources in 11 components");
    });

    it("shows variations one per line and FME definitions as indented JSON", () => {
        expect(report).toContain('      - {"description":"The assistant answers.","identifier":"enabled","name":"Enabled","value":"true"}');
        expect(report).toMatch(/ {10}definition:\n {12}\{\n {14}"baselineTreatment": "baseline",/);
    });

    it("prints secret outputs as [secret] and no SDK key anywhere", () => {
        expect(report).toContain("  sdkKeys: [secret]");
        expect(report).toContain("  featureFlagApiKey: [secret]");
        expect(report).not.toMatch(/mock-sdk-key/);
    });

    it("masks a secret wherever it appears, even inside another resource's inputs", () => {
        const key = run.outputs.featureFlagApiKey.value as string;
        const leaky: ProgramRun = {
            outputs: { sdkKeys: run.outputs.sdkKeys, echoed: { value: { copy: key }, secret: false } },
            registrations: [
                {
                    type: "example:index:Thing",
                    name: "thing",
                    custom: true,
                    options: {},
                    inputs: { token: key, nested: [{ value: "mock-secret-for-harness:platformApiKey" }] },
                },
            ],
        };
        const masked = planReport(leaky, "dev", ["mock-secret-for-harness:platformApiKey"]);
        expect(masked).toContain("token: [secret]");
        expect(masked).toContain('- {"value":"[secret]"}');
        expect(masked).toContain('"copy": "[secret]"');
        expect(masked).not.toContain(key);
    });

    it("prints an output the program leaves undefined as (none)", () => {
        const report = planReport({ registrations: [], outputs: { featureFlagId: { value: undefined, secret: false } } }, "dev", []);
        expect(report).toContain("  featureFlagId: (none)");
    });
});

describe("a project adopted from Harness (npm run adopt)", () => {
    let run: Outcome;
    let adopted: Adoption;
    const adoptedOfType = (token: string) => run.registrations.filter((r) => r.type === token);
    beforeAll(async () => {
        const parsed = stackSettings("dev", ADOPTED_STACK_DIR);
        if (!parsed.ok) throw new Error("the adopted stack file");
        adopted = checkedAdoption(adoptionFrom(harnessProject, ADOPTED_ON), parsed.settings, ADOPTED_ON).adoption;
        setCatalog({ ...adopted.catalog });
        run = await runStack("dev", readStackConfig(PROJECT, "dev", {}, ADOPTED_STACK_DIR));
    });

    it("declares what Harness serves: variations, defaults, states and targets, a group's members by name", () => {
        expect(run.failure).toBeUndefined();
        const flags = new Map(adoptedOfType(HARNESS.featureFlag).map((r) => [r.inputs.identifier, r]));
        const summary = flags.get("summary_model")!.inputs;
        expect(summary.variations).toEqual([
            { identifier: "mini", name: "GPT-4o mini", description: "", value: "gpt-4o-mini" },
            { identifier: "sonnet", name: "Claude Sonnet", description: "Better answers, slower", value: "claude-sonnet" },
        ]);
        // Ana is served Sonnet by name; Bob through the group (Ana is excluded from it).
        expect(summary.environments.find((e: { identifier: string }) => e.identifier === "prod")).toEqual({
            identifier: "prod",
            state: "on",
            defaultOnVariation: "mini",
            defaultOffVariation: "mini",
            addTargetRules: [
                { variation: "mini", targets: [] },
                { variation: "sonnet", targets: ["ana@example.com", "bob_7"] },
            ],
        });
        // The same JSON, its keys sorted: the one text the first deploy changes (docs/adopting.md).
        expect(JSON.parse(flags.get("prompt_config")!.inputs.variations[1].value)).toEqual({ template: "v2", temperature: 0.3 });
        // The flags Harness keeps targeting for send no environment after the import.
        expect(
            adoptedOfType(HARNESS.featureFlag)
                .filter((r) => r.options.ignoreChanges?.includes("environments"))
                .map((r) => r.inputs.identifier)
                .sort(),
        ).toEqual(["assistant_enabled", "max_tokens", "prompt_config"]);
    });

    it("creates nothing for the targets and groups Harness has", () => {
        expect([...adoptedOfType(HARNESS.target), ...adoptedOfType(HARNESS.targetGroup)]).toEqual([]);
    });

    it("imports exactly what it declares: each entry's type, name and parent", () => {
        expect(adopted.imports).toHaveLength(8);
        for (const entry of adopted.imports) {
            const registration = run.registrations.find((r) => r.name === entry.name);
            expect(registration && { type: registration.type, parent: registration.options.parent }).toEqual({
                type: entry.type,
                parent: entry.parent,
            });
        }
        expect(adopted.imports.find((e) => e.type === HARNESS.featureFlag)?.id).toBe("acme/chatbot/assistant_enabled");
    });
});
