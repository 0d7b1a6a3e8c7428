import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { compileDefinition, experimentSummary } from "../catalog/experiments";
import { experimentOptions } from "../resources/options";
import type { Safety } from "../resources/protection";
import type { ExperimentSpec } from "../catalog/types";
import type { FmeSettings } from "../config";
import { COMPONENTS } from "../resources/identity";

export interface ExperimentArgs {
    /** Harness organization and project the FME flag lives in. */
    orgId: string;
    projectId: string;
    /** The validated catalog entry. */
    experiment: ExperimentSpec;
    /** Traffic type and environment ids in Harness FME. */
    fme: FmeSettings;
    /** Per environment, what the definition's rules name and FME needs first: segments, and the definitions of experiments it depends on. */
    needs: (env: string) => readonly pulumi.Resource[];
    /** Which environments the stack protects. */
    safety: Safety;
}

/** One percentage experiment: an FME flag and its definition in each environment it runs in. */
export class Experiment extends pulumi.ComponentResource {
    /** The FME flag. */
    readonly fmeFlag: harness.fmefeatureflag.FmeFeatureFlag;
    /** The definition in each environment, for experiments that depend on this one. */
    readonly definitions: ReadonlyMap<string, harness.fmefeatureflag.Definition>;
    /** `{environments: {env: {split, trafficAllocation}}}` as the `experiments` stack output shows it. */
    readonly summary: ReturnType<typeof experimentSummary>;

    constructor(name: string, args: ExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENTS.experiment, name, {}, opts);
        const { orgId, projectId, experiment, fme, safety } = args;
        const environments = Object.keys(experiment.environments);
        this.fmeFlag = new harness.fmefeatureflag.FmeFeatureFlag(
            `${name}-flag`,
            {
                orgId,
                projectId,
                name: experiment.name,
                description: experiment.description,
                trafficTypeId: fme.trafficTypes[experiment.trafficType],
                tags: experiment.tags,
            },
            { parent: this, ...experimentOptions(experiment, safety, environments) },
        );
        this.definitions = new Map(
            environments.map((env) => [
                env,
                new harness.fmefeatureflag.Definition(
                    `${name}-definition-${env}`,
                    // flagName from the flag's output: a definition is created after its flag.
                    {
                        orgId,
                        projectId,
                        flagName: this.fmeFlag.name,
                        environmentId: fme.environments[env],
                        definition: compileDefinition(experiment, env),
                    },
                    { parent: this, dependsOn: [...args.needs(env)], ...experimentOptions(experiment, safety, [env]) },
                ),
            ]),
        );
        this.summary = experimentSummary(experiment);
        this.registerOutputs({ summary: this.summary });
    }
}
