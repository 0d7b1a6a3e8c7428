import * as pulumi from "@pulumi/pulumi";
import { input as inputs, output as outputs } from "../types";

/** Resource for managing Feature Flags. */
export declare class FeatureFlag extends pulumi.CustomResource {
    /** Reads an existing FeatureFlag's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: FeatureFlagState, opts?: pulumi.CustomResourceOptions): FeatureFlag;
    /** True when `obj` is an instance of FeatureFlag, even across copies of this SDK. */
    static isInstance(obj: any): obj is FeatureFlag;
    /** Whether or not the flag is archived. */
    readonly archived: pulumi.Output<boolean | undefined>;
    /** Which of the variations to use when the flag is toggled to off state */
    readonly defaultOffVariation: pulumi.Output<string>;
    /** Which of the variations to use when the flag is toggled to on state */
    readonly defaultOnVariation: pulumi.Output<string>;
    /** Description of the Feature Flag */
    readonly description: pulumi.Output<string | undefined>;
    /** Environment Identifier */
    readonly environments: pulumi.Output<outputs.platform.FeatureFlagEnvironment[] | undefined>;
    /** Identifier of the Feature Flag */
    readonly identifier: pulumi.Output<string>;
    /** The type of data the flag represents. Valid values are `boolean`, `int`, `string`, `json` */
    readonly kind: pulumi.Output<string>;
    /** Name of the Feature Flag */
    readonly name: pulumi.Output<string>;
    /** Organization Identifier */
    readonly orgId: pulumi.Output<string>;
    /** The owner of the flag */
    readonly owner: pulumi.Output<string | undefined>;
    /** Whether or not the flag is permanent. If it is, it will never be flagged as stale */
    readonly permanent: pulumi.Output<boolean>;
    /** Project Identifier */
    readonly projectId: pulumi.Output<string>;
    /** The tags for the flag */
    readonly tags: pulumi.Output<outputs.platform.FeatureFlagTag[] | undefined>;
    /** The options available for your flag */
    readonly variations: pulumi.Output<outputs.platform.FeatureFlagVariation[]>;
    constructor(name: string, args: FeatureFlagArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FeatureFlag. */
export interface FeatureFlagArgs {
    /** Whether or not the flag is archived. */
    archived?: pulumi.Input<boolean>;
    /** Which of the variations to use when the flag is toggled to off state */
    defaultOffVariation: pulumi.Input<string>;
    /** Which of the variations to use when the flag is toggled to on state */
    defaultOnVariation: pulumi.Input<string>;
    /** Description of the Feature Flag */
    description?: pulumi.Input<string>;
    /** Environment Identifier */
    environments?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagEnvironment>[]>;
    /** Identifier of the Feature Flag */
    identifier: pulumi.Input<string>;
    /** The type of data the flag represents. Valid values are `boolean`, `int`, `string`, `json` */
    kind: pulumi.Input<string>;
    /** Name of the Feature Flag */
    name?: pulumi.Input<string>;
    /** Organization Identifier */
    orgId: pulumi.Input<string>;
    /** The owner of the flag */
    owner?: pulumi.Input<string>;
    /** Whether or not the flag is permanent. If it is, it will never be flagged as stale */
    permanent: pulumi.Input<boolean>;
    /** Project Identifier */
    projectId: pulumi.Input<string>;
    /** The tags for the flag */
    tags?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagTag>[]>;
    /** The options available for your flag */
    variations: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagVariation>[]>;
}
/** The state of a FeatureFlag, for `get`. */
export interface FeatureFlagState {
    archived?: pulumi.Input<boolean>;
    defaultOffVariation?: pulumi.Input<string>;
    defaultOnVariation?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    environments?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagEnvironment>[]>;
    identifier?: pulumi.Input<string>;
    kind?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    owner?: pulumi.Input<string>;
    permanent?: pulumi.Input<boolean>;
    projectId?: pulumi.Input<string>;
    tags?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagTag>[]>;
    variations?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagVariation>[]>;
}

/** Resource for creating an environment SDK key for Feature Flags. ## Example Usage ```typescript import * as pulumi from "@pulumi/pulumi"; import * as harness from "@pulumi/harness"; const testserverapikey = new harness.platform.FeatureFlagApiKey("testserverapikey", { identifier: "testserver", name: "TestServer", description: "this is a server SDK key", orgId: "test", projectId: "testff", envId: "testenv", expiredAt: 1713729225, type: "Server", }); export const serversdkkey = testserverapikey.apiKey; ``` */
export declare class FeatureFlagApiKey extends pulumi.CustomResource {
    /** Reads an existing FeatureFlagApiKey's state by its provider id. */
    static get(
        name: string,
        id: pulumi.Input<pulumi.ID>,
        state?: FeatureFlagApiKeyState,
        opts?: pulumi.CustomResourceOptions,
    ): FeatureFlagApiKey;
    /** True when `obj` is an instance of FeatureFlagApiKey, even across copies of this SDK. */
    static isInstance(obj: any): obj is FeatureFlagApiKey;
    /** The value of the SDK API Key */
    readonly apiKey: pulumi.Output<string>;
    /** Description of the SDK API Key */
    readonly description: pulumi.Output<string | undefined>;
    /** Environment Identifier */
    readonly envId: pulumi.Output<string>;
    /** Expiration datetime of the SDK API Key */
    readonly expiredAt: pulumi.Output<number | undefined>;
    /** Identifier of the SDK API Key */
    readonly identifier: pulumi.Output<string>;
    /** Name of the SDK API Key */
    readonly name: pulumi.Output<string>;
    /** Organization Identifier */
    readonly orgId: pulumi.Output<string>;
    /** Project Identifier */
    readonly projectId: pulumi.Output<string>;
    /** Type of SDK. Valid values are `Server` or `Client`. */
    readonly type: pulumi.Output<string>;
    constructor(name: string, args: FeatureFlagApiKeyArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FeatureFlagApiKey. */
export interface FeatureFlagApiKeyArgs {
    /** Description of the SDK API Key */
    description?: pulumi.Input<string>;
    /** Environment Identifier */
    envId: pulumi.Input<string>;
    /** Expiration datetime of the SDK API Key */
    expiredAt?: pulumi.Input<number>;
    /** Identifier of the SDK API Key */
    identifier: pulumi.Input<string>;
    /** Name of the SDK API Key */
    name?: pulumi.Input<string>;
    /** Organization Identifier */
    orgId: pulumi.Input<string>;
    /** Project Identifier */
    projectId: pulumi.Input<string>;
    /** Type of SDK. Valid values are `Server` or `Client`. */
    type: pulumi.Input<string>;
}
/** The state of a FeatureFlagApiKey, for `get`. */
export interface FeatureFlagApiKeyState {
    apiKey?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    envId?: pulumi.Input<string>;
    expiredAt?: pulumi.Input<number>;
    identifier?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    type?: pulumi.Input<string>;
}

/** Resource for managing Feature Flag Targets. ## Example Usage ```typescript import * as pulumi from "@pulumi/pulumi"; import * as harness from "@pulumi/harness"; const target = new harness.platform.FeatureFlagTarget("target", { orgId: "test", projectId: "test", identifier: "MY_FEATURE", environment: "MY_ENVIRONMENT", name: "MY_FEATURE", accountId: "MY_ACCOUNT_ID", attributes: { foo: "bar", }, }); ``` */
export declare class FeatureFlagTarget extends pulumi.CustomResource {
    /** Reads an existing FeatureFlagTarget's state by its provider id. */
    static get(
        name: string,
        id: pulumi.Input<pulumi.ID>,
        state?: FeatureFlagTargetState,
        opts?: pulumi.CustomResourceOptions,
    ): FeatureFlagTarget;
    /** True when `obj` is an instance of FeatureFlagTarget, even across copies of this SDK. */
    static isInstance(obj: any): obj is FeatureFlagTarget;
    /** Account Identifier */
    readonly accountId: pulumi.Output<string>;
    /** Attributes */
    readonly attributes: pulumi.Output<{ [key: string]: string }>;
    /** Environment Identifier */
    readonly environment: pulumi.Output<string>;
    /** Identifier of the Feature Flag Target */
    readonly identifier: pulumi.Output<string>;
    /** Target Name */
    readonly name: pulumi.Output<string>;
    /** Organization Identifier */
    readonly orgId: pulumi.Output<string>;
    /** Project Identifier */
    readonly projectId: pulumi.Output<string>;
    constructor(name: string, args: FeatureFlagTargetArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FeatureFlagTarget. */
export interface FeatureFlagTargetArgs {
    /** Account Identifier */
    accountId: pulumi.Input<string>;
    /** Attributes */
    attributes?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Environment Identifier */
    environment: pulumi.Input<string>;
    /** Identifier of the Feature Flag Target */
    identifier: pulumi.Input<string>;
    /** Target Name */
    name?: pulumi.Input<string>;
    /** Organization Identifier */
    orgId: pulumi.Input<string>;
    /** Project Identifier */
    projectId: pulumi.Input<string>;
}
/** The state of a FeatureFlagTarget, for `get`. */
export interface FeatureFlagTargetState {
    accountId?: pulumi.Input<string>;
    attributes?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    environment?: pulumi.Input<string>;
    identifier?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
}

/** Resource for creating a Harness Feature Flag Target Group. ## Example Usage ```typescript import * as pulumi from "@pulumi/pulumi"; import * as harness from "@pulumi/harness"; const target = new harness.platform.FeatureFlagTargetGroup("target", { orgId: "test", projectId: "test", identifier: "MY_FEATURE", environment: "MY_ENVIRONMENT", name: "MY_FEATURE", accountId: "MY_ACCOUNT_ID", includeds: ["target_id_1"], excludeds: ["target_id_2"], rules: { attribute: "MY_ATTRIBUTE", operator: "equal", value: "MY_VALUE", }, }); ``` */
export declare class FeatureFlagTargetGroup extends pulumi.CustomResource {
    /** Reads an existing FeatureFlagTargetGroup's state by its provider id. */
    static get(
        name: string,
        id: pulumi.Input<pulumi.ID>,
        state?: FeatureFlagTargetGroupState,
        opts?: pulumi.CustomResourceOptions,
    ): FeatureFlagTargetGroup;
    /** True when `obj` is an instance of FeatureFlagTargetGroup, even across copies of this SDK. */
    static isInstance(obj: any): obj is FeatureFlagTargetGroup;
    /** Account Identifier */
    readonly accountId: pulumi.Output<string>;
    /** Environment Identifier */
    readonly environment: pulumi.Output<string>;
    /** A list of targets to exclude from the target group */
    readonly excludeds: pulumi.Output<string[]>;
    /** The unique identifier of the feature flag target group. */
    readonly identifier: pulumi.Output<string>;
    /** A list of targets to include in the target group */
    readonly includeds: pulumi.Output<string[]>;
    /** The name of the feature flag target group. */
    readonly name: pulumi.Output<string>;
    /** Organization Identifier */
    readonly orgId: pulumi.Output<string>;
    /** Project Identifier */
    readonly projectId: pulumi.Output<string>;
    /** The list of rules used to include targets in the target group. */
    readonly rules: pulumi.Output<outputs.platform.FeatureFlagTargetGroupRule[]>;
    constructor(name: string, args: FeatureFlagTargetGroupArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of a FeatureFlagTargetGroup. */
export interface FeatureFlagTargetGroupArgs {
    /** Account Identifier */
    accountId: pulumi.Input<string>;
    /** Environment Identifier */
    environment: pulumi.Input<string>;
    /** A list of targets to exclude from the target group */
    excludeds?: pulumi.Input<string[]>;
    /** The unique identifier of the feature flag target group. */
    identifier: pulumi.Input<string>;
    /** A list of targets to include in the target group */
    includeds?: pulumi.Input<string[]>;
    /** The name of the feature flag target group. */
    name?: pulumi.Input<string>;
    /** Organization Identifier */
    orgId: pulumi.Input<string>;
    /** Project Identifier */
    projectId: pulumi.Input<string>;
    /** The list of rules used to include targets in the target group. */
    rules?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagTargetGroupRule>[]>;
}
/** The state of a FeatureFlagTargetGroup, for `get`. */
export interface FeatureFlagTargetGroupState {
    accountId?: pulumi.Input<string>;
    environment?: pulumi.Input<string>;
    excludeds?: pulumi.Input<string[]>;
    identifier?: pulumi.Input<string>;
    includeds?: pulumi.Input<string[]>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    rules?: pulumi.Input<pulumi.Input<inputs.platform.FeatureFlagTargetGroupRule>[]>;
}
