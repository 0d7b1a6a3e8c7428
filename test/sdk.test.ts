// The @pulumi/harness the project installs, checked against the facts of the published 0.16.0 SDK
// (test/fixtures: a copy of the shared conformance digest): every class where the published SDK
// exports it, with its token, required inputs, secret outputs, plugin defaults, provider
// environment defaults and runtime registration. Written against the published API only, so the
// same tests hold when the registry package replaces sdks/harness.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { Registration, resolveOutput, settle, startMockRuntime } from "../plan/mockRuntime";

interface DigestInput {
    required: boolean;
    type: string;
}
interface DigestResource {
    token: string;
    exportPath: string;
    inputs: Record<string, DigestInput>;
    outputs?: Record<string, unknown>;
    secretOutputs: string[];
}
const digestFile = path.join(__dirname, "fixtures", "harness-0.16.0.digest.json");
const digest: { version: string; resources: Record<string, DigestResource> } = JSON.parse(fs.readFileSync(digestFile, "utf8"));
const sharedDigest = path.join(__dirname, "..", "..", "shared", "tools", "harness-conformance", "harness-0.16.0.digest.json");

/** The classes the program declares: the SDK must have each of them. */
const USED = [
    "FeatureFlag",
    "FeatureFlagApiKey",
    "FeatureFlagTarget",
    "FeatureFlagTargetGroup",
    "FmeFeatureFlag",
    "Definition",
    "FmeSegment",
    "FmeSegmentEnvironmentAssociation",
    "SegmentKeys",
    "FmeApiKey",
];

/** Every resource class the installed SDK exports, by the path code uses (`platform.FeatureFlag`), for the tokens the digest knows. */
function exportedClasses(): Map<string, { exportPath: string; Resource: any }> {
    const known = new Set(Object.values(digest.resources).map((r) => r.token));
    const found = new Map<string, { exportPath: string; Resource: any }>();
    const visit = (namespace: any, prefix: string, depth: number) => {
        for (const key of Object.keys(namespace)) {
            const value = namespace[key];
            if (typeof value === "function" && typeof value.__pulumiType === "string") {
                const token = prefix === "" && key === "Provider" ? "harness" : value.__pulumiType;
                if (known.has(token)) found.set(token, { exportPath: prefix + key, Resource: value });
            } else if (value && typeof value === "object" && depth === 0 && key !== "types" && key !== "config" && key !== "default") {
                visit(value, `${key}.`, 1);
            }
        }
    };
    visit(harness, "", 0);
    return found;
}

/** A value of the input's type, for constructing a resource under mocks. */
function sample(input: DigestInput): unknown {
    if (input.type.endsWith("[]")) return [];
    if (input.type === "boolean") return true;
    if (input.type === "number") return 1;
    if (input.type === "string") return "x";
    return {};
}
const requiredArgs = (resource: DigestResource) =>
    Object.fromEntries(
        Object.entries(resource.inputs)
            .filter(([, input]) => input.required)
            .map(([name, input]) => [name, sample(input)]),
    );

const exported = exportedClasses();
const table = Object.entries(digest.resources)
    .filter(([, resource]) => exported.has(resource.token) && resource.token !== "harness")
    .map(([className, resource]): [string, DigestResource] => [className, resource]);

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

describe("export surface", () => {
    it("works from an up-to-date copy of the shared digest", () => {
        if (fs.existsSync(sharedDigest)) expect(fs.readFileSync(digestFile, "utf8")).toBe(fs.readFileSync(sharedDigest, "utf8"));
    });

    it.each(USED)("exports %s, which the program declares", (className) => {
        expect(exported.get(digest.resources[className].token)?.exportPath).toBe(digest.resources[className].exportPath);
    });

    it("exports every class it has exactly where the published SDK does", () => {
        const where = [...exported].map(([token, { exportPath }]) => [token, exportPath]);
        const published = [...exported.keys()].map((token) => [
            token,
            Object.values(digest.resources).find((r) => r.token === token)!.exportPath,
        ]);
        expect(where).toEqual(published);
        expect(exported.get("harness")?.exportPath).toBe("Provider");
    });
});

describe.each(table)("%s", (className, resource) => {
    const { Resource } = exported.get(resource.token)!;
    const required = Object.keys(resource.inputs).filter((name) => resource.inputs[name].required);

    it(`registers with the provider's type token`, async () => {
        expect(Resource.__pulumiType).toBe(resource.token);
        const instance = new Resource(`token-${className}`, requiredArgs(resource), { parent });
        await settle(registrations);
        expect(registrations.find((r) => r.name === `token-${className}`)?.type).toBe(resource.token);
        expect(Resource.isInstance(instance)).toBe(true);
        expect(harness.platform.FeatureFlag.isInstance(instance)).toBe(className === "FeatureFlag");
    });

    it("refuses to construct without each required input, naming it", () => {
        for (const input of required) {
            const args: Record<string, unknown> = requiredArgs(resource);
            delete args[input];
            expect(() => new Resource(`missing-${className}-${input}`, args)).toThrow(`Missing required property '${input}'`);
        }
    });

    it("sends exactly the provider's input names", async () => {
        const all = Object.fromEntries(Object.entries(resource.inputs).map(([name, input]) => [name, sample(input)]));
        new Resource(`inputs-${className}`, { ...all, notAnInput: "dropped" }, { parent });
        await settle(registrations);
        const sent = registrations.find((r) => r.name === `inputs-${className}`)!.inputs;
        expect(Object.keys(sent).sort()).toEqual(Object.keys(resource.inputs).sort());
    });

    it("defaults its options to the plugin version and download URL, and keeps the published secret outputs secret", () => {
        expect(options.get(`token-${className}`)).toMatchObject({
            version: digest.version,
            pluginDownloadURL: "github://api.github.com/pulumi",
        });
        expect(options.get(`token-${className}`)?.additionalSecretOutputs ?? []).toEqual(resource.secretOutputs);
    });

    it("reads an existing resource by id without requiring inputs", async () => {
        const existing = Resource.get(`existing-${className}`, "some-id");
        expect(await resolveOutput(existing.id)).toEqual({ value: "some-id", secret: false });
    });

    it("is registered with the runtime, so the engine can rebuild it from its URN", async () => {
        const original = new Resource(`original-${className}`, requiredArgs(resource));
        const urn = (await resolveOutput(original.urn)).value as string;
        const module = pulumi.runtime.getResourceModule("harness", resource.token.split(":")[1], digest.version);
        const rebuilt = module?.construct(`original-${className}`, resource.token, urn);
        expect(Resource.isInstance(rebuilt)).toBe(true);
        expect(await resolveOutput(rebuilt!.urn)).toEqual({ value: urn, secret: false });
    });
});

describe("FeatureFlagApiKey", () => {
    it("computes apiKey and has the engine store it as a secret", async () => {
        const key = new harness.platform.FeatureFlagApiKey(
            "secret-key",
            { orgId: "o", projectId: "p", envId: "dev", identifier: "k", type: "Server" },
            { parent },
        );
        expect((await resolveOutput(key.apiKey)).value).toBe("mock-sdk-key-secret-key");
        expect(options.get("secret-key")?.additionalSecretOutputs).toEqual(["apiKey"]);
    });
});

describe("Provider", () => {
    const variables = {
        HARNESS_ACCOUNT_ID: "acct_from_env",
        HARNESS_API_KEY: "api-key-from-env",
        HARNESS_ENDPOINT: "https://harness.example/gateway",
        HARNESS_PLATFORM_API_KEY: "pat-from-env",
    };
    const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
    afterAll(() => {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    });

    it("is the `harness` provider with the plugin defaults", async () => {
        const provider = new harness.Provider("explicit", { accountId: "acct" }, { parent });
        await settle(registrations);
        expect(registrations.find((r) => r.name === "explicit")?.type).toBe("pulumi:providers:harness");
        expect(harness.Provider.isInstance(provider)).toBe(true);
        expect(options.get("explicit")).toMatchObject({ version: digest.version, pluginDownloadURL: "github://api.github.com/pulumi" });
    });

    it("reads HARNESS_ACCOUNT_ID, HARNESS_API_KEY, HARNESS_ENDPOINT and HARNESS_PLATFORM_API_KEY for arguments left out", async () => {
        Object.assign(process.env, variables);
        new harness.Provider("from-env", {}, { parent });
        new harness.Provider("explicit-wins", { accountId: "acct_explicit" }, { parent });
        await settle(registrations);
        expect(registrations.find((r) => r.name === "from-env")?.inputs).toMatchObject({
            accountId: "acct_from_env",
            apiKey: "api-key-from-env",
            endpoint: "https://harness.example/gateway",
            platformApiKey: "pat-from-env",
        });
        expect(registrations.find((r) => r.name === "explicit-wins")?.inputs.accountId).toBe("acct_explicit");
    });

    it("is registered as the package's provider, so the engine can rebuild it from its URN", async () => {
        const urn = (await resolveOutput(new harness.Provider("original", {}).urn)).value as string;
        const provider = pulumi.runtime
            .getResourcePackage("harness", digest.version)
            ?.constructProvider("original", "pulumi:providers:harness", urn);
        expect(harness.Provider.isInstance(provider)).toBe(true);
    });
});

describe("package metadata", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package's own package.json, which an import would not type.
    const sdkPackage = require("@pulumi/harness/package.json");

    it("names the harness plugin, its version and where the engine downloads it", () => {
        expect(sdkPackage.name).toBe("@pulumi/harness");
        expect(sdkPackage.version).toBe(digest.version);
        expect(sdkPackage.pulumi).toEqual({
            resource: true,
            name: "harness",
            version: digest.version,
            server: "github://api.github.com/pulumi",
        });
    });

    it("shares the program's copy of @pulumi/pulumi, so mocks and isInstance work across the two", () => {
        const sdkDir = path.dirname(require.resolve("@pulumi/harness/package.json"));
        expect(require.resolve("@pulumi/pulumi", { paths: [sdkDir] })).toBe(require.resolve("@pulumi/pulumi"));
    });
});
