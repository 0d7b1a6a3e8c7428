import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { featureFlagArgs, flagSummary } from "../catalog/flags";
import { featureFlagOptions } from "../resources/options";
import type { Safety } from "../resources/protection";
import type { FlagSpec } from "../catalog/types";
import { COMPONENT_ALIASES, COMPONENTS, NAMES, topLevelAliases } from "../resources/identity";
import type { GroupsByEnvironment } from "../catalog/shared";

export interface FlagArgs {
    /** Harness organization and project the flag lives in. */
    orgId: string;
    projectId: string;
    /** The validated catalog entry. */
    flag: FlagSpec;
    /** Every environment of the stack, in config order; each is nested in the one FeatureFlag. */
    environments: readonly string[];
    /** Target groups per environment, for group-based targeting. */
    targetGroups: GroupsByEnvironment;
    /** The FeatureFlagTargets its rules serve, in any environment: Harness needs them first. */
    targets: readonly pulumi.Resource[];
    /** Which environments the stack protects. */
    safety: Safety;
}

/** One catalog flag: a single Harness FeatureFlag carrying its state in every environment. */
export class Flag extends pulumi.ComponentResource {
    /** The Harness flag. */
    readonly featureFlag: harness.platform.FeatureFlag;
    /** `{id, kind, archived, variations, environments}` as the `flags` stack output shows it. */
    readonly summary: pulumi.Output<ReturnType<typeof flagSummary> & { id: string }>;

    constructor(name: string, args: FlagArgs, opts?: pulumi.ComponentResourceOptions) {
        // Stacks deployed when this was `ExperimentFlag` keep the flag (and, through it, every child) by
        // alias: as URNs where the flag is top-level (as index.ts declares it), as types under any other parent.
        const aliases = opts?.parent
            ? COMPONENT_ALIASES[COMPONENTS.flag].map((type) => ({ type }))
            : topLevelAliases(pulumi.getStack(), pulumi.getProject(), COMPONENTS.flag, name);
        super(COMPONENTS.flag, name, {}, pulumi.mergeOptions(opts, { aliases }));
        this.featureFlag = new harness.platform.FeatureFlag(
            NAMES.child(name, "flag"),
            { orgId: args.orgId, projectId: args.projectId, ...featureFlagArgs(args.flag, args.environments, args.targetGroups) },
            { parent: this, dependsOn: [...args.targets], ...featureFlagOptions(args.flag, args.safety, args.environments) },
        );
        // One apply, not pulumi.output over the whole summary: that walks and copies every nested value.
        const summary = flagSummary(args.flag, args.environments);
        this.summary = this.featureFlag.id.apply((id) => ({ id, ...summary }));
        this.registerOutputs({ summary: this.summary });
    }
}
