import * as pulumi from "@pulumi/pulumi";

/** Create and delete a Harness FME (Split) API key: `serverSide` or `clientSide`. The raw key value is only available immediately after create. */
export declare class ApiKey extends pulumi.CustomResource {
    /** Reads an existing ApiKey's state by its provider id. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ApiKeyState, opts?: pulumi.CustomResourceOptions): ApiKey;
    /** True when `obj` is an instance of ApiKey, even across copies of this SDK. */
    static isInstance(obj: any): obj is ApiKey;
    /** The secret API key value (only set on initial create). */
    readonly apiKey: pulumi.Output<string>;
    /** Split API key type. Must be `serverSide` or `clientSide`. */
    readonly apiKeyType: pulumi.Output<string>;
    /** Split environment ID the key is scoped to. */
    readonly environmentId: pulumi.Output<string>;
    /** Identifier used with the Split delete API (same as `id`). */
    readonly keyId: pulumi.Output<string>;
    /** API key display name. */
    readonly name: pulumi.Output<string>;
    /** Harness organization identifier. */
    readonly orgId: pulumi.Output<string>;
    /** Harness project identifier. */
    readonly projectId: pulumi.Output<string>;
    constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions);
}
/** The arguments of an ApiKey. */
export interface ApiKeyArgs {
    /** Split API key type. Must be `serverSide` or `clientSide`. */
    apiKeyType: pulumi.Input<string>;
    /** Split environment ID the key is scoped to. */
    environmentId: pulumi.Input<string>;
    /** API key display name. */
    name?: pulumi.Input<string>;
    /** Harness organization identifier. */
    orgId: pulumi.Input<string>;
    /** Harness project identifier. */
    projectId: pulumi.Input<string>;
}
/** The state of an ApiKey, for `get`. */
export interface ApiKeyState {
    apiKey?: pulumi.Input<string>;
    apiKeyType?: pulumi.Input<string>;
    environmentId?: pulumi.Input<string>;
    keyId?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
}
