import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { targetGroupArgs } from "../catalog/compile";
import { Safety, sdkKeyOptions, targetGroupOptions } from "../catalog/options";
import type { TargetGroupSpec } from "../catalog/types";
import type { EnvironmentSettings, SdkKeyType } from "../config";

export interface FlagEnvironmentArgs {
    orgId: string;
    projectId: string;
    /** Harness account id; required when the environment has target groups. */
    accountId?: string;
    /** The environment, the SDK key types its applications need, and the key generations alive. */
    environment: EnvironmentSettings;
    /** The catalog's target groups that exist in this environment. */
    targetGroups: readonly TargetGroupSpec[];
    /** Whether the stack protects live resources. */
    safety: Safety;
}

/** One SDK key to declare: a key type in a generation. */
export interface SdkKeyPlan {
    type: SdkKeyType;
    generation: number;
    role: "current" | "previous";
    /** Harness identifier: generation 1 keeps the name keys had before rotation existed. */
    identifier: string;
    /** Appended to the component's name to name the resource. */
    suffix: string;
    /** Unix seconds at which the key stops working. */
    expiredAt?: number;
}

/** The keys of an environment: every key type in the current generation and, during a rotation, the previous one. */
export function sdkKeyPlan(environment: Pick<EnvironmentSettings, "sdkKeys" | "keyGenerations">): SdkKeyPlan[] {
    return environment.keyGenerations.flatMap(({ generation, expiresOn }, i) =>
        environment.sdkKeys.map((type) => {
            const generationSuffix = generation === 1 ? "" : `_g${generation}`;
            return {
                type,
                generation,
                role: i === 0 ? ("current" as const) : ("previous" as const),
                identifier: `ai_feature_flags_${type.toLowerCase()}${generationSuffix}`,
                suffix: `${type.toLowerCase()}-key${generationSuffix.replace("_", "-")}`,
                ...(expiresOn ? { expiredAt: Date.parse(expiresOn) / 1000 } : {}),
            };
        }),
    );
}

type KeysByType = Partial<Record<"server" | "client", string>>;

/** One Harness environment's SDK keys and target groups. */
export class FlagEnvironment extends pulumi.ComponentResource {
    /** The current generation's SDK keys by type, `{server?, client?}`: a secret. */
    readonly sdkKeys: pulumi.Output<KeysByType>;
    /** The previous generation's keys while a rotation is under way, else `{}`: a secret. */
    readonly previousSdkKeys: pulumi.Output<KeysByType>;

    constructor(name: string, args: FlagEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ai-feature-flags:index:FlagEnvironment", name, {}, opts);
        const { orgId, projectId, environment, safety } = args;
        const keys = sdkKeyPlan(environment).map((plan) => {
            const key = new harness.platform.FeatureFlagApiKey(
                `${name}-${plan.suffix}`,
                {
                    orgId,
                    projectId,
                    envId: environment.id,
                    identifier: plan.identifier,
                    name: plan.generation === 1 ? `ai-feature-flags ${plan.type} key` : `ai-feature-flags ${plan.type} key, generation ${plan.generation}`,
                    description: `${plan.type} SDK key for the applications that evaluate ai-feature-flags in ${environment.id} (managed by Pulumi)`,
                    type: plan.type,
                    expiredAt: plan.expiredAt,
                },
                { parent: this, ...sdkKeyOptions(plan.role, safety) },
            );
            return { plan, apiKey: key.apiKey };
        });
        const byType = (role: SdkKeyPlan["role"]) =>
            pulumi.secret(pulumi.output(Object.fromEntries(keys.filter((k) => k.plan.role === role).map((k) => [k.plan.type.toLowerCase(), k.apiKey]))));
        this.sdkKeys = byType("current");
        this.previousSdkKeys = byType("previous");

        if (args.targetGroups.length && !args.accountId) throw new Error(`target groups in '${environment.id}' need the Harness account id`);
        for (const group of args.targetGroups) {
            new harness.platform.FeatureFlagTargetGroup(
                `${name}-group-${group.identifier}`,
                { orgId, projectId, ...targetGroupArgs(group, environment.id, args.accountId as string) },
                { parent: this, ...targetGroupOptions(safety) },
            );
        }
        this.registerOutputs({ sdkKeys: this.sdkKeys, previousSdkKeys: this.previousSdkKeys });
    }
}
