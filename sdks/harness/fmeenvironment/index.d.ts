import * as pulumi from "@pulumi/pulumi";

/** Replace keys for a classic segment in an environment (`replace=true` semantics). Import id format: `org_id/project_id/environment_id/segment_name`. */
export declare class SegmentKeys extends pulumi.CustomResource {
    /** Reads an existing SegmentKeys's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SegmentKeysState, opts?: pulumi.CustomResourceOptions): SegmentKeys;
    /** True when `obj` is an instance of SegmentKeys, even across copies of this SDK. */
    static isInstance(obj: any): obj is SegmentKeys;
    /** Split environment ID. */
    readonly environmentId: pulumi.Output<string>;
    /** Segment keys (full replace on each apply). */
    readonly keys: pulumi.Output<string[]>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    /** Classic segment name. */
    readonly segmentName: pulumi.Output<string>;
    constructor(name: string, args: SegmentKeysArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a SegmentKeys. */
export interface SegmentKeysArgs {
    /** Split environment ID. */
    environmentId: pulumi.Input<string>;
    /** Segment keys (full replace on each apply). */
    keys: pulumi.Input<pulumi.Input<string>[]>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
    /** Classic segment name. */
    segmentName: pulumi.Input<string>;
}
/** The state of a SegmentKeys, for `get`. */
export interface SegmentKeysState {
    environmentId?: pulumi.Input<string>;
    keys?: pulumi.Input<pulumi.Input<string>[]>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    segmentName?: pulumi.Input<string>;
}
