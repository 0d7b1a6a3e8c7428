import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { compileDefinition, experimentSummary } from "../catalog/experiments";
import { experimentOptions, Safety } from "../catalog/options";
import type { ExperimentSpec } from "../catalog/types";
import type { FmeSettings } from "../config";

export interface ExperimentArgs {
    /** Harness organization and project the FME flag lives in. */
    orgId: string;
    projectId: string;
    /** The validated catalog entry. */
    experiment: ExperimentSpec;
    /** Traffic type and environment ids in Harness FME. */
    fme: FmeSettings;
    /** Whether the stack protects live resources. */
    safety: Safety;
}

/** One percentage experiment: an FME flag and its definition in each environment it runs in. */
export class Experiment extends pulumi.ComponentResource {
    /** The FME flag. */
    readonly fmeFlag: harness.fmefeatureflag.FmeFeatureFlag;
    /** `{environments: {env: {split, trafficAllocation}}}` as the `experiments` stack output shows it. */
    readonly summary: ReturnType<typeof experimentSummary>;

    constructor(name: string, args: ExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ai-feature-flags:index:Experiment", name, {}, opts);
        const { orgId, projectId, experiment, fme } = args;
        const options = { parent: this, ...experimentOptions(experiment, args.safety) };
        this.fmeFlag = new harness.fmefeatureflag.FmeFeatureFlag(
            `${name}-flag`,
            { orgId, projectId, name: experiment.name, description: experiment.description, trafficTypeId: fme.trafficTypes[experiment.trafficType], tags: experiment.tags },
            options,
        );
        for (const env of Object.keys(experiment.environments)) {
            new harness.fmefeatureflag.Definition(
                `${name}-definition-${env}`,
                // flagName from the flag's output: a definition is created after its flag.
                { orgId, projectId, flagName: this.fmeFlag.name, environmentId: fme.environments[env], definition: compileDefinition(experiment, env) },
                options,
            );
        }
        this.summary = experimentSummary(experiment);
        this.registerOutputs({ summary: this.summary });
    }
}
