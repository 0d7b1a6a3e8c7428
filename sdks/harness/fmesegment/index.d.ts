import * as pulumi from "@pulumi/pulumi";

/** Create and delete a Harness FME (Split) segment. Import id format: `org_id/project_id/segment_name`. */
export declare class FmeSegment extends pulumi.CustomResource {
    /** Reads an existing FmeSegment's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: FmeSegmentState, opts?: pulumi.CustomResourceOptions): FmeSegment;
    /** True when `obj` is an instance of FmeSegment, even across copies of this SDK. */
    static isInstance(obj: any): obj is FmeSegment;
    /** Segment description. Set when the segment is created; changing it replaces the segment. */
    readonly description: pulumi.Output<string | undefined>;
    /** Segment name. */
    readonly name: pulumi.Output<string>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    /** Split traffic type ID. */
    readonly trafficTypeId: pulumi.Output<string>;
    constructor(name: string, args: FmeSegmentArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FmeSegment. */
export interface FmeSegmentArgs {
    /** Segment description. Set when the segment is created; changing it replaces the segment. */
    description?: pulumi.Input<string>;
    /** Segment name. */
    name?: pulumi.Input<string>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
    /** Split traffic type ID. */
    trafficTypeId: pulumi.Input<string>;
}
/** The state of a FmeSegment, for `get`. */
export interface FmeSegmentState {
    description?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    trafficTypeId?: pulumi.Input<string>;
}

/** Activate a Split segment in an environment (create) or remove activation (destroy). Import id format: `org_id/project_id/environment_id/segment_name`. */
export declare class EnvironmentAssociation extends pulumi.CustomResource {
    /** Reads an existing EnvironmentAssociation's state by its provider id. */
    static get(
        name: string,
        id: pulumi.Input<pulumi.ID>,
        state?: EnvironmentAssociationState,
        opts?: pulumi.CustomResourceOptions,
    ): EnvironmentAssociation;
    /** True when `obj` is an instance of EnvironmentAssociation, even across copies of this SDK. */
    static isInstance(obj: any): obj is EnvironmentAssociation;
    /** Split environment ID. */
    readonly environmentId: pulumi.Output<string>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    /** Classic segment name. */
    readonly segmentName: pulumi.Output<string>;
    constructor(name: string, args: EnvironmentAssociationArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of an EnvironmentAssociation. */
export interface EnvironmentAssociationArgs {
    /** Split environment ID. */
    environmentId: pulumi.Input<string>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
    /** Classic segment name. */
    segmentName: pulumi.Input<string>;
}
/** The state of an EnvironmentAssociation, for `get`. */
export interface EnvironmentAssociationState {
    environmentId?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    segmentName?: pulumi.Input<string>;
}
