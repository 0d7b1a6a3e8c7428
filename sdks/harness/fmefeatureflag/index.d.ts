import * as pulumi from "@pulumi/pulumi";

/** Create, update, and delete a Harness FME (Split) feature flag. Import id format: `org_id/project_id/flag_name`. */
export declare class FmeFeatureFlag extends pulumi.CustomResource {
    /** Reads an existing FmeFeatureFlag's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: FmeFeatureFlagState, opts?: pulumi.CustomResourceOptions): FmeFeatureFlag;
    /** True when `obj` is an instance of FmeFeatureFlag, even across copies of this SDK. */
    static isInstance(obj: any): obj is FmeFeatureFlag;
    /** Description. */
    readonly description: pulumi.Output<string | undefined>;
    /** Split internal flag ID. */
    readonly flagId: pulumi.Output<string>;
    /** Feature flag name (Split split name). */
    readonly name: pulumi.Output<string>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    /** Tag names to associate with the flag (applied after create/update). */
    readonly tags: pulumi.Output<string[] | undefined>;
    /** Split traffic type ID. */
    readonly trafficTypeId: pulumi.Output<string>;
    constructor(name: string, args: FmeFeatureFlagArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FmeFeatureFlag. */
export interface FmeFeatureFlagArgs {
    /** Description. */
    description?: pulumi.Input<string>;
    /** Feature flag name (Split split name). */
    name?: pulumi.Input<string>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
    /** Tag names to associate with the flag (applied after create/update). */
    tags?: pulumi.Input<string[]>;
    /** Split traffic type ID. */
    trafficTypeId: pulumi.Input<string>;
}
/** The state of a FmeFeatureFlag, for `get`. */
export interface FmeFeatureFlagState {
    description?: pulumi.Input<string>;
    flagId?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    tags?: pulumi.Input<string[]>;
    trafficTypeId?: pulumi.Input<string>;
}

/** Create, update, and remove a Harness FME (Split) feature flag definition in an environment. `definition` is JSON matching Split's definition payload (see Split API). Import id format: `org_id/project_id/environment_id/flag_name`. */
export declare class Definition extends pulumi.CustomResource {
    /** Reads an existing Definition's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: DefinitionState, opts?: pulumi.CustomResourceOptions): Definition;
    /** True when `obj` is an instance of Definition, even across copies of this SDK. */
    static isInstance(obj: any): obj is Definition;
    /** JSON object for the split definition (treatments, defaultTreatment, defaultRule, trafficAllocation, rules, etc.). */
    readonly definition: pulumi.Output<string>;
    /** Split definition id from the API when available. */
    readonly definitionId: pulumi.Output<string>;
    /** Split environment ID. */
    readonly environmentId: pulumi.Output<string>;
    /** Feature flag (split) name. */
    readonly flagName: pulumi.Output<string>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    constructor(name: string, args: DefinitionArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a Definition. */
export interface DefinitionArgs {
    /** JSON object for the split definition (treatments, defaultTreatment, defaultRule, trafficAllocation, rules, etc.). */
    definition: pulumi.Input<string>;
    /** Split environment ID. */
    environmentId: pulumi.Input<string>;
    /** Feature flag (split) name. */
    flagName: pulumi.Input<string>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
}
/** The state of a Definition, for `get`. */
export interface DefinitionState {
    definition?: pulumi.Input<string>;
    definitionId?: pulumi.Input<string>;
    environmentId?: pulumi.Input<string>;
    flagName?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
}
