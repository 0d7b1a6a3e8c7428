// CrossGuard policies over the Harness resources a stack declares. Each is an exported factory
// taking its enforcement level; only policy/index.ts builds the PolicyPack (its constructor starts
// a server), so tests call the factories directly.
import type { EnforcementLevel, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { identifierProblem } from "../lib/identifiers";
import { COMPONENTS, HARNESS as TOKENS } from "../resources/identity";

/** The component that holds an environment's SDK keys; its `environmentType` output is the environment's Harness type. */
export const ENVIRONMENT_COMPONENT = COMPONENTS.environment;

/**
 * The Harness environment type of the environment a resource belongs to, as the stack config
 * declares it (read from the FlagEnvironment component that holds the resource), or undefined
 * when the resource is not inside one.
 */
export function environmentTypeOf(resource: Pick<PolicyResource, "parent">): string | undefined {
    return environmentOf(resource)?.environmentType;
}

/** The environment a resource belongs to, as the FlagEnvironment holding it says: its id and Harness type. */
function environmentOf(resource: Pick<PolicyResource, "parent">): { environment?: string; environmentType?: string } | undefined {
    for (let parent = resource.parent; parent; parent = parent.parent) {
        if (parent.type === ENVIRONMENT_COMPONENT) return parent.props as { environment?: string; environmentType?: string };
    }
    return undefined;
}

/** A temporary flag is one someone must remove: it needs an owner. */
export function temporaryFlagsHaveOwners(enforcementLevel: EnforcementLevel = "mandatory"): ResourceValidationPolicy {
    return {
        name: "temporary-flags-have-owners",
        description: "A feature flag that is not permanent names an owner, who answers for removing it.",
        enforcementLevel,
        validateResource: ({ type, props }, reportViolation) => {
            if (type !== TOKENS.featureFlag || props.permanent === true) return;
            if (typeof props.owner !== "string" || props.owner.trim() === "")
                reportViolation(`Flag '${props.identifier}' is temporary (permanent: false) and has no owner. Set owner in flags.ts.`);
        },
    };
}

/** Harness refuses identifiers that break its pattern or are reserved words. */
export function identifiersAreValid(enforcementLevel: EnforcementLevel = "mandatory"): ResourceValidationPolicy {
    return {
        name: "harness-identifiers-are-valid",
        description: "Every Harness identifier (resources and flag variations) matches Harness's pattern and is not a reserved word.",
        enforcementLevel,
        validateResource: ({ type, props }, reportViolation) => {
            if (!type.startsWith("harness:")) return;
            const identifiers: [string, unknown][] = [["identifier", props.identifier]];
            const variations = (props as { variations?: ({ identifier?: unknown } | null)[] }).variations;
            if (type === TOKENS.featureFlag)
                for (const [i, v] of (variations ?? []).entries()) identifiers.push([`variations[${i}].identifier`, v?.identifier]);
            for (const [field, value] of identifiers) {
                if (value === undefined) continue;
                const problem = typeof value === "string" ? identifierProblem(value) : "is not text";
                if (problem) reportViolation(`${field}: ${problem}. Harness identifiers are a letter or _, then letters, digits, _ or $.`);
            }
        },
    };
}

interface ServerKeysConfig {
    /** Production environments where Client keys are allowed (a browser app's environment, say). */
    allowClientKeysIn: string[];
}

/**
 * Client keys ship to browsers and phones; Production environments issue server keys (Harness
 * `Server`, FME `serverSide`) unless allowed. The environment and its type come from the stack
 * config (through its FlagEnvironment), not from the stack's name: a dev stack can manage the
 * Production environment too.
 */
export function productionKeysAreServerKeys(enforcementLevel: EnforcementLevel = "mandatory"): StackValidationPolicy {
    return {
        name: "production-sdk-keys-are-server-keys",
        description:
            "SDK keys (and FME SDK keys) of Production environments are server keys, except in environments listed in allowClientKeysIn.",
        enforcementLevel,
        configSchema: {
            properties: { allowClientKeysIn: { type: "array", items: { type: "string" }, default: [] } },
        },
        validateStack: (args, reportViolation) => {
            const { allowClientKeysIn = [] } = args.getConfig<ServerKeysConfig>();
            for (const resource of args.resources) {
                if (environmentTypeOf(resource) !== "Production") continue;
                if (resource.type === TOKENS.sdkKey) {
                    const props = resource.props as { type?: string; envId?: string; identifier?: string };
                    if (props.type === "Server" || (props.envId !== undefined && allowClientKeysIn.includes(props.envId))) continue;
                    reportViolation(
                        `SDK key '${props.identifier}' in the Production environment '${props.envId}' is a ${props.type} key. ` +
                            `Use Server, or allow Client keys there with the policy config allowClientKeysIn: ["${props.envId}"].`,
                        resource.urn,
                    );
                } else if (resource.type === TOKENS.fmeSdkKey) {
                    const props = resource.props as { apiKeyType?: string; name?: string };
                    const env = environmentOf(resource)?.environment ?? "?";
                    if (props.apiKeyType === "serverSide" || allowClientKeysIn.includes(env)) continue;
                    reportViolation(
                        `FME SDK key '${props.name}' in the Production environment '${env}' is a ${props.apiKeyType} key. ` +
                            `Use serverSide (fme.sdkKeys), or allow client keys there with the policy config allowClientKeysIn: ["${env}"].`,
                        resource.urn,
                    );
                }
            }
        },
    };
}

/** Why the buckets of one FME rule do not divide all of its traffic, or undefined. */
export function bucketProblem(buckets: unknown): string | undefined {
    if (!Array.isArray(buckets) || buckets.length === 0) return "has no buckets";
    const sizes = (buckets as ({ size?: unknown } | null)[]).map((b) => b?.size);
    const whole = (s: unknown): s is number => Number.isInteger(s) && (s as number) >= 0 && (s as number) <= 100;
    if (!sizes.every(whole)) return `has bucket sizes ${JSON.stringify(sizes)}, which are not whole percents`;
    const total = sizes.reduce((sum, s) => sum + s, 0);
    return total === 100 ? undefined : `has buckets adding up to ${total}, not 100`;
}

/** Every FME rule must place all of its traffic. */
export function definitionBucketsSumTo100(enforcementLevel: EnforcementLevel = "mandatory"): ResourceValidationPolicy {
    return {
        name: "fme-definition-buckets-sum-to-100",
        description: "In every FME definition, the default rule's buckets and each targeting rule's buckets add up to 100.",
        enforcementLevel,
        validateResource: ({ type, props }, reportViolation) => {
            if (type !== TOKENS.definition) return;
            let definition: { defaultRule?: unknown; rules?: { buckets?: unknown }[] };
            try {
                definition = JSON.parse(String((props as { definition?: unknown }).definition)) as typeof definition;
            } catch {
                reportViolation(`The definition of '${props.flagName}' is not JSON.`);
                return;
            }
            const rules: [string, unknown][] = [
                ["defaultRule", definition.defaultRule],
                ...(definition.rules ?? []).map((r, i): [string, unknown] => [`rules[${i}]`, r?.buckets]),
            ];
            for (const [where, buckets] of rules) {
                const problem = bucketProblem(buckets);
                if (problem) reportViolation(`'${props.flagName}' ${where} ${problem}.`);
            }
        },
    };
}

/** Every policy of the pack, at the level the pack enforces it. */
export const allPolicies = (): (ResourceValidationPolicy | StackValidationPolicy)[] => [
    temporaryFlagsHaveOwners(),
    identifiersAreValid(),
    productionKeysAreServerKeys(),
    definitionBucketsSumTo100(),
];
