// The local @pulumi/harness SDK: the provider's tokens, required inputs, secret outputs and the
// plugin metadata the engine uses to fetch the real `harness` plugin on `pulumi up`.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { Registration, resolveOutput, settle, startMockRuntime } from "../scripts/mockRuntime";

const sdkPackage = require("@pulumi/harness/package.json");
const scope = { orgId: "default", projectId: "ai_platform" };
const minimalArgs = {
    FeatureFlag: {
        ...scope, identifier: "f", kind: "boolean", permanent: true, defaultOnVariation: "on", defaultOffVariation: "off",
        variations: [{ identifier: "on", name: "On", description: "on", value: "true" }, { identifier: "off", name: "Off", description: "off", value: "false" }],
    },
    FeatureFlagApiKey: { ...scope, envId: "dev", identifier: "k", type: "Server" },
    FeatureFlagTarget: { ...scope, accountId: "acct", environment: "dev", identifier: "t" },
    FeatureFlagTargetGroup: { ...scope, accountId: "acct", environment: "dev", identifier: "g" },
    FmeFeatureFlag: { ...scope, trafficTypeId: "user" },
    Definition: { ...scope, environmentId: "env", flagName: "exp", definition: "{}" },
};
const classes: [keyof typeof minimalArgs, any, string, string[]][] = [
    ["FeatureFlag", harness.platform.FeatureFlag, "harness:platform/featureFlag:FeatureFlag",
        ["defaultOffVariation", "defaultOnVariation", "identifier", "kind", "orgId", "permanent", "projectId", "variations"]],
    ["FeatureFlagApiKey", harness.platform.FeatureFlagApiKey, "harness:platform/featureFlagApiKey:FeatureFlagApiKey",
        ["envId", "identifier", "orgId", "projectId", "type"]],
    ["FeatureFlagTarget", harness.platform.FeatureFlagTarget, "harness:platform/featureFlagTarget:FeatureFlagTarget",
        ["accountId", "environment", "identifier", "orgId", "projectId"]],
    ["FeatureFlagTargetGroup", harness.platform.FeatureFlagTargetGroup, "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup",
        ["accountId", "environment", "identifier", "orgId", "projectId"]],
    ["FmeFeatureFlag", harness.fmeFeatureFlag.FmeFeatureFlag, "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag",
        ["orgId", "projectId", "trafficTypeId"]],
    ["Definition", harness.fmeFeatureFlag.Definition, "harness:fmeFeatureFlag/definition:Definition",
        ["definition", "environmentId", "flagName", "orgId", "projectId"]],
];

let registrations: Registration[];
// Mocks do not see resource options; a transformation on a parent sees each child's final options.
const options = new Map<string, pulumi.CustomResourceOptions>();
let parent: pulumi.ComponentResource;

beforeAll(async () => {
    registrations = await startMockRuntime("sdk-test", "test", { config: {}, secretKeys: [] });
    const recordOptions: pulumi.ResourceTransformation = ({ name, opts }) => {
        options.set(name, opts);
        return undefined;
    };
    parent = new pulumi.ComponentResource("test:index:Options", "options", {}, { transformations: [recordOptions] });
});

describe.each(classes)("%s", (className, Resource, token, required) => {
    it(`has the provider's type token ${token}`, async () => {
        expect(Resource.__pulumiType).toBe(token);
        const resource = new Resource(`token-${className}`, minimalArgs[className], { parent });
        await settle(registrations);
        expect(registrations.find((r) => r.name === `token-${className}`)?.type).toBe(token);
        expect(Resource.isInstance(resource)).toBe(true);
        expect(harness.platform.FeatureFlag.isInstance(resource)).toBe(className === "FeatureFlag");
    });

    it.each(required)(`refuses to construct without the required input '%s'`, (input) => {
        const args: Record<string, unknown> = { ...minimalArgs[className] };
        delete args[input];
        expect(() => new Resource(`missing-${className}-${input}`, args)).toThrow(`Missing required property '${input}'`);
    });

    it("defaults its options to the plugin version and download URL", () => {
        expect(options.get(`token-${className}`)).toMatchObject({ version: "0.16.0", pluginDownloadURL: "github://api.github.com/pulumi" });
    });

    it("reads an existing resource by id without requiring inputs", async () => {
        const existing = Resource.get(`existing-${className}`, "some-id");
        expect(await resolveOutput(existing.id)).toEqual({ value: "some-id", secret: false });
    });
});

describe("FeatureFlagApiKey", () => {
    it("computes apiKey and has the engine store it as a secret", async () => {
        const key = new harness.platform.FeatureFlagApiKey("secret-key", minimalArgs.FeatureFlagApiKey, { parent });
        expect((await resolveOutput(key.apiKey)).value).toBe("mock-sdk-key-secret-key");
        expect(options.get("secret-key")?.additionalSecretOutputs).toEqual(["apiKey"]);
    });
});

describe("Provider", () => {
    it("is the `harness` provider and keeps its API keys secret", async () => {
        const provider = new harness.Provider("explicit", { accountId: "acct", platformApiKey: "pat.x.y.z" }, { parent });
        await settle(registrations);
        expect(registrations.find((r) => r.name === "explicit")?.type).toBe("pulumi:providers:harness");
        expect(harness.Provider.isInstance(provider)).toBe(true);
        expect(options.get("explicit")).toMatchObject({ version: "0.16.0", pluginDownloadURL: "github://api.github.com/pulumi" });
        expect(options.get("explicit")?.additionalSecretOutputs).toEqual(["apiKey", "platformApiKey"]);
    });
});

describe("package metadata", () => {
    it("names the harness plugin, its version and where the engine downloads it", () => {
        expect(sdkPackage.name).toBe("@pulumi/harness");
        expect(sdkPackage.pulumi).toEqual({ resource: true, name: "harness", version: "0.16.0", server: "github://api.github.com/pulumi" });
    });

    it("takes @pulumi/pulumi as a peer, so the program and the SDK share one runtime", () => {
        expect(sdkPackage.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
        expect(sdkPackage.peerDependencies["@pulumi/pulumi"]).toBeDefined();
        const sdkDir = path.dirname(require.resolve("@pulumi/harness/package.json"));
        expect(require.resolve("@pulumi/pulumi", { paths: [sdkDir] })).toBe(require.resolve("@pulumi/pulumi"));
    });
});
