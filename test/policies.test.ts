// The policies, called as the policy runtime calls them, on the props the program declares.
import type {
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { compileDefinition } from "../catalog/experiments";
import {
    allPolicies,
    definitionBucketsSumTo100,
    ENVIRONMENT_COMPONENT,
    environmentTypeOf,
    identifiersAreValid,
    productionKeysAreServerKeys,
    temporaryFlagsHaveOwners,
} from "../policy/policies";
import { HARNESS as TOKENS } from "../resources/identity";
import { catalog, parsed } from "./catalogFixtures";
import { configDefaults } from "./policyRun";

const modelExperiment = () => parsed(catalog()).experiments[0];

/** Runs one policy on one resource; returns the violations it reports. */
function violations(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, unknown>,
    { stack = "dev", config = {} } = {},
): string[] {
    const reported: string[] = [];
    const defaults = configDefaults(policy);
    const args = {
        type,
        props,
        urn: `urn:pulumi:${stack}::ai-feature-flags::${type}::resource`,
        name: "resource",
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: {} },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: () => ({ ...defaults, ...config }),
        notApplicable: () => {
            throw new Error("not applicable");
        },
    } as unknown as ResourceValidationArgs;
    const validate = policy.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void;
    validate(args, (message) => reported.push(message));
    return reported;
}

const flag = {
    identifier: "rag_retrieval",
    permanent: false,
    owner: "team-search",
    variations: [{ identifier: "enabled" }, { identifier: "disabled" }],
};
const key = { identifier: "ai_feature_flags_server", envId: "prod", type: "Server" };

describe("temporaryFlagsHaveOwners", () => {
    const policy = temporaryFlagsHaveOwners();
    it("passes a temporary flag with an owner and a permanent flag without one", () => {
        expect(violations(policy, TOKENS.featureFlag, flag)).toEqual([]);
        expect(violations(policy, TOKENS.featureFlag, { ...flag, permanent: true, owner: undefined })).toEqual([]);
    });
    it.each([undefined, "", "  "])("reports a temporary flag with owner %p", (owner) => {
        expect(violations(policy, TOKENS.featureFlag, { ...flag, owner })).toEqual([
            "Flag 'rag_retrieval' is temporary (permanent: false) and has no owner. Set owner in flags.ts.",
        ]);
    });
    it("ignores other resource types", () => {
        expect(violations(policy, TOKENS.sdkKey, { permanent: false })).toEqual([]);
    });
});

describe("identifiersAreValid", () => {
    const policy = identifiersAreValid();
    it("passes valid identifiers", () => {
        expect(violations(policy, TOKENS.featureFlag, flag)).toEqual([]);
        expect(violations(policy, TOKENS.sdkKey, key)).toEqual([]);
    });
    it.each<[string, string, Record<string, unknown>, string]>([
        [
            "a flag identifier with a dash",
            TOKENS.featureFlag,
            { ...flag, identifier: "rag-retrieval" },
            "identifier: 'rag-retrieval' is not a valid identifier. Harness identifiers are a letter or _, then letters, digits, _ or $.",
        ],
        [
            "a reserved key identifier",
            TOKENS.sdkKey,
            { ...key, identifier: "status" },
            "identifier: 'status' is a reserved word in Harness. Harness identifiers are a letter or _, then letters, digits, _ or $.",
        ],
        [
            "a variation identifier starting with a digit",
            TOKENS.featureFlag,
            { ...flag, variations: [{ identifier: "4o" }, { identifier: "mini" }] },
            "variations[0].identifier: '4o' is not a valid identifier. Harness identifiers are a letter or _, then letters, digits, _ or $.",
        ],
    ])("reports %s", (_label, type, props, message) => {
        expect(violations(policy, type, props)).toEqual([message]);
    });
    it("ignores resources of other providers", () => {
        expect(violations(policy, "aws:s3/bucket:Bucket", { identifier: "not-checked" })).toEqual([]);
    });
});

/** Runs a stack policy on SDK keys, each inside the FlagEnvironment of an environment of the given type. */
function stackViolations(
    policy: StackValidationPolicy,
    keys: { props: Record<string, unknown>; environmentType?: string; environment?: string; type?: string }[],
    config: object = {},
): string[] {
    const reported: string[] = [];
    const resources = keys.map(({ props, environmentType, environment, type = TOKENS.sdkKey }, i) => {
        const parent =
            environmentType === undefined
                ? undefined
                : ({ type: ENVIRONMENT_COMPONENT, props: { environment, environmentType }, urn: `env-${i}` } as unknown as PolicyResource);
        return {
            type,
            props,
            urn: `urn:pulumi:dev::ai-feature-flags::key-${i}`,
            name: `key-${i}`,
            parent,
            dependencies: [],
            propertyDependencies: {},
        } as unknown as PolicyResource;
    });
    const defaults = configDefaults(policy);
    const args = { resources, stackTags: new Map(), getConfig: () => ({ ...defaults, ...config }) } as unknown as StackValidationArgs;
    (policy.validateStack as (args: StackValidationArgs, report: (message: string) => void) => void)(args, (message) =>
        reported.push(message),
    );
    return reported;
}

describe("productionKeysAreServerKeys", () => {
    const policy = productionKeysAreServerKeys();
    it.each<[string, Record<string, unknown>, string | undefined, object, boolean]>([
        ["a Server key in a Production environment", key, "Production", {}, false],
        ["a Client key in a PreProduction environment", { ...key, type: "Client" }, "PreProduction", {}, false],
        ["a Client key in a Production environment", { ...key, type: "Client" }, "Production", {}, true],
        ["a Client key in a Production environment not named prod", { ...key, type: "Client", envId: "live" }, "Production", {}, true],
        [
            "a Client key in an environment named prod that config calls PreProduction",
            { ...key, type: "Client" },
            "PreProduction",
            {},
            false,
        ],
        [
            "a Client key in an allowed Production environment",
            { ...key, type: "Client", envId: "web" },
            "Production",
            { allowClientKeysIn: ["web"] },
            false,
        ],
        [
            "a Client key in another Production environment than the allowed one",
            { ...key, type: "Client" },
            "Production",
            { allowClientKeysIn: ["web"] },
            true,
        ],
        ["a Client key outside any FlagEnvironment", { ...key, type: "Client" }, undefined, {}, false],
    ])("%s: violation = %s", (_label, props, environmentType, config, violated) => {
        const reported = stackViolations(policy, [{ props, environmentType }], config);
        expect(reported.length > 0).toBe(violated);
        if (violated)
            expect(reported[0]).toBe(
                `SDK key 'ai_feature_flags_server' in the Production environment '${String(props.envId)}' is a Client key. Use Server, or allow Client keys there with the policy config allowClientKeysIn: ["${String(props.envId)}"].`,
            );
    });

    it("reads the environment type from the nearest FlagEnvironment above the key", () => {
        const environment = { type: ENVIRONMENT_COMPONENT, props: { environmentType: "Production" } } as unknown as PolicyResource;
        const wrapper = { type: "example:index:Wrapper", props: {}, parent: environment } as unknown as PolicyResource;
        expect(environmentTypeOf({ parent: wrapper })).toBe("Production");
        expect(environmentTypeOf({ parent: undefined })).toBeUndefined();
    });
});

describe("productionKeysAreServerKeys, for FME SDK keys", () => {
    const policy = productionKeysAreServerKeys();
    const fmeKey = (apiKeyType: string) => ({
        type: TOKENS.fmeSdkKey,
        props: { apiKeyType, name: `ai-feature-flags ${apiKeyType} key (prod)` },
        environment: "prod",
    });
    it.each<[string, string, string, object, boolean]>([
        ["a serverSide key in a Production environment", "serverSide", "Production", {}, false],
        ["a clientSide key in a PreProduction environment", "clientSide", "PreProduction", {}, false],
        ["a clientSide key in a Production environment", "clientSide", "Production", {}, true],
        ["a clientSide key in an allowed Production environment", "clientSide", "Production", { allowClientKeysIn: ["prod"] }, false],
    ])("%s", (_label, apiKeyType, environmentType, config, violated) => {
        const reported = stackViolations(policy, [{ ...fmeKey(apiKeyType), environmentType }], config);
        expect(reported).toEqual(
            violated
                ? [
                      "FME SDK key 'ai-feature-flags clientSide key (prod)' in the Production environment 'prod' is a clientSide key. Use serverSide (fme.sdkKeys), or allow client keys there with the policy config allowClientKeysIn: [\"prod\"].",
                  ]
                : [],
        );
    });
});

describe("definitionBucketsSumTo100", () => {
    const policy = definitionBucketsSumTo100();
    const withDefinition = (definition: unknown) => ({
        flagName: "chat-model-ab",
        definition: typeof definition === "string" ? definition : JSON.stringify(definition),
    });
    it("passes what the catalog compiles", () => {
        expect(violations(policy, TOKENS.definition, withDefinition(compileDefinition(modelExperiment(), "prod")))).toEqual([]);
    });
    it.each<[string, unknown, string]>([
        [
            "a default rule short of 100",
            { defaultRule: [{ treatment: "a", size: 90 }], rules: [] },
            "'chat-model-ab' defaultRule has buckets adding up to 90, not 100.",
        ],
        [
            "a rule over 100",
            {
                defaultRule: [{ treatment: "a", size: 100 }],
                rules: [
                    {
                        buckets: [
                            { treatment: "a", size: 60 },
                            { treatment: "b", size: 50 },
                        ],
                    },
                ],
            },
            "'chat-model-ab' rules[0] has buckets adding up to 110, not 100.",
        ],
        [
            "a fractional bucket",
            {
                defaultRule: [
                    { treatment: "a", size: 99.5 },
                    { treatment: "b", size: 0.5 },
                ],
            },
            "'chat-model-ab' defaultRule has bucket sizes [99.5,0.5], which are not whole percents.",
        ],
        ["no default rule", { rules: [] }, "'chat-model-ab' defaultRule has no buckets."],
        ["a definition that is not JSON", "{treatments:", "The definition of 'chat-model-ab' is not JSON."],
    ])("reports %s", (_label, definition, message) => {
        expect(violations(policy, TOKENS.definition, withDefinition(definition))).toEqual([message]);
    });
});

it("the pack enforces every policy as mandatory", () => {
    expect(allPolicies().map((p) => [p.name, p.enforcementLevel])).toEqual([
        ["temporary-flags-have-owners", "mandatory"],
        ["harness-identifiers-are-valid", "mandatory"],
        ["production-sdk-keys-are-server-keys", "mandatory"],
        ["fme-definition-buckets-sum-to-100", "mandatory"],
    ]);
});
