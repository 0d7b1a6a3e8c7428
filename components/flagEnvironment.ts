import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { targetArgs, targetGroupArgs } from "../catalog/targets";
import { environmentResourceOptions, fmeSdkKeyOptions, sdkKeyOptions } from "../resources/options";
import type { Safety } from "../resources/protection";
import type { TargetGroupSpec, TargetSpec } from "../catalog/types";
import type { EnvironmentSettings, FmeSdkKeyType } from "../config";
import { sdkKeyPlan, SdkKeyPlan } from "../resources/sdkKeys";
import { COMPONENTS } from "../resources/identity";

export interface FlagEnvironmentArgs {
    orgId: string;
    projectId: string;
    /** Harness account id; required when the environment has targets or target groups. */
    accountId?: string;
    /** The environment, the SDK key types its applications need, and the key generations alive. */
    environment: EnvironmentSettings;
    /** The catalog's targets that rules or groups in this environment name. */
    targets: readonly TargetSpec[];
    /** The catalog's target groups that exist in this environment. */
    targetGroups: readonly TargetGroupSpec[];
    /** The environment's FME (Split) environment and the SDK key types its applications need there, when it has one. */
    fme?: { environmentId: string; sdkKeys: readonly FmeSdkKeyType[] };
    /** Which environments the stack protects. */
    safety: Safety;
}

type KeysByType = Partial<Record<"server" | "client", string>>;
type FmeKeysByType = Partial<Record<FmeSdkKeyType, string>>;

/** One Harness environment's SDK keys, targets and target groups. */
export class FlagEnvironment extends pulumi.ComponentResource {
    /** The current generation's SDK keys by type, `{server?, client?}`: a secret. */
    readonly sdkKeys: pulumi.Output<KeysByType>;
    /** The previous generation's keys while a rotation is under way, else `{}`: a secret. */
    readonly previousSdkKeys: pulumi.Output<KeysByType>;
    /** The FME SDK keys by type, `{serverSide?, clientSide?}`, for the applications that evaluate experiments: a secret. */
    readonly fmeSdkKeys: pulumi.Output<FmeKeysByType>;
    /** The environment's targets by identifier: flags that serve them depend on them. */
    readonly targets: ReadonlyMap<string, harness.platform.FeatureFlagTarget>;

    constructor(name: string, args: FlagEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENTS.environment, name, {}, opts);
        const { orgId, projectId, environment, safety } = args;
        const keys = sdkKeyPlan(environment).map((plan) => {
            const key = new harness.platform.FeatureFlagApiKey(
                `${name}-${plan.suffix}`,
                {
                    orgId,
                    projectId,
                    envId: environment.id,
                    identifier: plan.identifier,
                    name:
                        plan.generation === 1
                            ? `ai-feature-flags ${plan.type} key`
                            : `ai-feature-flags ${plan.type} key, generation ${plan.generation}`,
                    description: `${plan.type} SDK key for the applications that evaluate ai-feature-flags in ${environment.id} (managed by Pulumi)`,
                    type: plan.type,
                    expiredAt: plan.expiredAt,
                },
                { parent: this, ...sdkKeyOptions(plan.role, safety, environment.id) },
            );
            return { plan, apiKey: key.apiKey };
        });
        const byType = (role: SdkKeyPlan["role"]) =>
            pulumi.secret(
                pulumi.output(
                    Object.fromEntries(keys.filter((k) => k.plan.role === role).map((k) => [k.plan.type.toLowerCase(), k.apiKey])),
                ),
            );
        this.sdkKeys = byType("current");
        this.previousSdkKeys = byType("previous");

        // FME keys: one per type the config asks for (server-side by default), in the FME environment.
        const fmeKeys = (args.fme?.sdkKeys ?? []).map((type) => {
            const key = new harness.fme.ApiKey(
                `${name}-fme-${type.replace("Side", "-side")}-key`,
                {
                    orgId,
                    projectId,
                    environmentId: args.fme!.environmentId,
                    apiKeyType: type,
                    name: `ai-feature-flags ${type} key (${environment.id})`,
                },
                { parent: this, ...fmeSdkKeyOptions(safety, environment.id) },
            );
            return [type, key.apiKey] as const;
        });
        this.fmeSdkKeys = pulumi.secret(pulumi.output(Object.fromEntries(fmeKeys)));

        if ((args.targets.length || args.targetGroups.length) && !args.accountId)
            throw new Error(`targets in '${environment.id}' need the Harness account id`);
        const accountId = args.accountId as string;
        const options = { parent: this, ...environmentResourceOptions(safety, environment.id) };
        // Harness needs a target to exist before a group or a flag rule names it.
        this.targets = new Map(
            args.targets.map((target) => [
                target.identifier,
                new harness.platform.FeatureFlagTarget(
                    `${name}-target-${target.identifier}`,
                    { orgId, projectId, ...targetArgs(target, environment.id, accountId) },
                    options,
                ),
            ]),
        );
        for (const group of args.targetGroups) {
            const members = [...(group.included ?? []), ...(group.excluded ?? [])].flatMap((id) => this.targets.get(id) ?? []); // an external target exists already
            new harness.platform.FeatureFlagTargetGroup(
                `${name}-group-${group.identifier}`,
                { orgId, projectId, ...targetGroupArgs(group, environment.id, accountId) },
                { ...options, dependsOn: members },
            );
        }
        // The environment and its type are outputs so that policies can read them from a key's parent.
        this.registerOutputs({
            environment: environment.id,
            environmentType: environment.type,
            sdkKeys: this.sdkKeys,
            previousSdkKeys: this.previousSdkKeys,
            fmeSdkKeys: this.fmeSdkKeys,
        });
    }
}
