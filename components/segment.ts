import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { environmentResourceOptions, segmentOptions } from "../resources/options";
import type { Safety } from "../resources/protection";
import { segmentEnvironments, segmentKeys, segmentSummary } from "../catalog/segments";
import type { SegmentSpec } from "../catalog/types";
import type { FmeSettings } from "../config";
import { COMPONENTS } from "../resources/identity";
import type { GroupsByEnvironment } from "../catalog/shared";

export interface SegmentArgs {
    /** Harness organization and project the segment lives in. */
    orgId: string;
    projectId: string;
    /** The validated catalog entry (not external: those are managed elsewhere). */
    segment: SegmentSpec;
    /** Target groups per environment, for a segment `from` a group. */
    targetGroups: GroupsByEnvironment;
    /** Traffic type and environment ids in Harness FME. */
    fme: FmeSettings;
    /** Which environments the stack protects. */
    safety: Safety;
}

/** One FME segment: the segment, and in each of its environments its activation and its keys. */
export class Segment extends pulumi.ComponentResource {
    /** Per environment, what a rule naming the segment there needs first: its activation and keys. */
    readonly ready: ReadonlyMap<string, pulumi.Resource[]>;
    /** `{managedBy, environments: {env: {keys}}}` as the `segments` stack output shows it. */
    readonly summary: ReturnType<typeof segmentSummary>;

    constructor(name: string, args: SegmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENTS.segment, name, {}, opts);
        const { orgId, projectId, segment, fme, safety } = args;
        const environments = segmentEnvironments(segment, args.targetGroups, fme);
        const fmeSegment = new harness.fmesegment.FmeSegment(
            `${name}-segment`,
            {
                orgId,
                projectId,
                name: segment.name,
                description: segment.description,
                trafficTypeId: fme.trafficTypes[segment.trafficType],
            },
            { parent: this, ...segmentOptions(safety, environments) },
        );
        this.ready = new Map(
            environments.map((env) => {
                const options = { parent: this, ...environmentResourceOptions(safety, env) };
                const scope = { orgId, projectId, environmentId: fme.environments[env], segmentName: fmeSegment.name };
                // FME takes keys for a segment only once it is active in the environment.
                const association = new harness.fmesegment.EnvironmentAssociation(`${name}-association-${env}`, scope, options);
                const keys = new harness.fmeenvironment.SegmentKeys(
                    `${name}-keys-${env}`,
                    { ...scope, keys: segmentKeys(segment, env, args.targetGroups) },
                    { ...options, dependsOn: [association] },
                );
                return [env, [association, keys]];
            }),
        );
        this.summary = segmentSummary(segment, args.targetGroups, fme);
        this.registerOutputs({ summary: this.summary });
    }
}
