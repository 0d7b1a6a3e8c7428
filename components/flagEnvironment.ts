import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { targetGroupArgs } from "../catalog/compile";
import type { TargetGroupSpec } from "../catalog/types";
import type { EnvironmentSettings, SdkKeyType } from "../config";

export interface FlagEnvironmentArgs {
    orgId: string;
    projectId: string;
    /** Harness account id; required when the environment has target groups. */
    accountId?: string;
    /** The environment and the SDK key types its applications need. */
    environment: EnvironmentSettings;
    /** The catalog's target groups that exist in this environment. */
    targetGroups: readonly TargetGroupSpec[];
}

/** The SDK key identifier for a key type, the same in every environment (keys are per environment). */
export const sdkKeyIdentifier = (type: SdkKeyType) => `ai_feature_flags_${type.toLowerCase()}`;

/** One Harness environment's SDK keys and target groups. */
export class FlagEnvironment extends pulumi.ComponentResource {
    /** The SDK key values by type, `{server?, client?}`: a secret. */
    readonly sdkKeys: pulumi.Output<Partial<Record<"server" | "client", string>>>;

    constructor(name: string, args: FlagEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ai-feature-flags:index:FlagEnvironment", name, {}, opts);
        const { orgId, projectId, environment } = args;
        const keys = environment.sdkKeys.map((type) => {
            const key = new harness.platform.FeatureFlagApiKey(
                `${name}-${type.toLowerCase()}-key`,
                {
                    orgId,
                    projectId,
                    envId: environment.id,
                    identifier: sdkKeyIdentifier(type),
                    name: `ai-feature-flags ${type} key`,
                    description: `${type} SDK key for the applications that evaluate ai-feature-flags in ${environment.id} (managed by Pulumi)`,
                    type,
                },
                { parent: this },
            );
            return [type.toLowerCase(), key.apiKey] as const;
        });
        if (args.targetGroups.length && !args.accountId) throw new Error(`target groups in '${environment.id}' need the Harness account id`);
        for (const group of args.targetGroups) {
            new harness.platform.FeatureFlagTargetGroup(
                `${name}-group-${group.identifier}`,
                { orgId, projectId, ...targetGroupArgs(group, environment.id, args.accountId as string) },
                { parent: this },
            );
        }
        this.sdkKeys = pulumi.secret(pulumi.output(Object.fromEntries(keys)));
        this.registerOutputs({ sdkKeys: this.sdkKeys });
    }
}
