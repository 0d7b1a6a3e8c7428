import * as pulumi from "@pulumi/pulumi";

/** The provider type for the harness package. By default, resources use package-wide configuration settings, however an explicit `Provider` instance may be created and passed during resource construction to achieve fine-grained programmatic control over provider settings. See the [documentation](https://www.pulumi.com/docs/reference/programming-model/#providers) for more information. */
export declare class Provider extends pulumi.ProviderResource {
    /** True when `obj` is an instance of Provider, even across copies of this SDK. */
    static isInstance(obj: any): obj is Provider;
    /** The Harness account id. This can also be set using the `HARNESS_ACCOUNT_ID` environment variable. */
    readonly accountId: pulumi.Output<string | undefined>;
    /** The Harness API key. This can also be set using the `HARNESS_API_KEY` environment variable. For more information to create an API key in FirstGen, see https://docs.harness.io/article/smloyragsm-api-keys#create_an_api_key. */
    readonly apiKey: pulumi.Output<string | undefined>;
    /** The URL of the Harness API endpoint. The default is `https://app.harness.io/gateway`. This can also be set using the `HARNESS_ENDPOINT` environment variable. */
    readonly endpoint: pulumi.Output<string | undefined>;
    /** The URL of the Harness FME admin API endpoint. When unset, it is derived from the Harness API endpoint. This can also be set using the `FME_ADMIN_API_ENDPOINT` environment variable. */
    readonly fmeAdminApiEndpoint: pulumi.Output<string | undefined>;
    /** The API key for the Harness next gen platform. This can also be set using the `HARNESS_PLATFORM_API_KEY` environment variable. For more information to create an API key in NextGen, see https://docs.harness.io/article/tdoad7xrh9-add-and-manage-api-keys. */
    readonly platformApiKey: pulumi.Output<string | undefined>;
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions);
    /** The provider's configuration with Terraform-cased keys, for the Terraform Module provider. */
    terraformConfig(): pulumi.Output<Provider.TerraformConfigResult>;
}
export declare namespace Provider {
    /** The result of Provider.terraformConfig. */
    interface TerraformConfigResult {
        readonly result: { [key: string]: any };
    }
}
/** The arguments of a Provider. */
export interface ProviderArgs {
    /** The Harness account id. This can also be set using the `HARNESS_ACCOUNT_ID` environment variable. */
    accountId?: pulumi.Input<string>;
    /** The Harness API key. This can also be set using the `HARNESS_API_KEY` environment variable. For more information to create an API key in FirstGen, see https://docs.harness.io/article/smloyragsm-api-keys#create_an_api_key. */
    apiKey?: pulumi.Input<string>;
    /** The URL of the Harness API endpoint. The default is `https://app.harness.io/gateway`. This can also be set using the `HARNESS_ENDPOINT` environment variable. */
    endpoint?: pulumi.Input<string>;
    /** The URL of the Harness FME admin API endpoint. When unset, it is derived from the Harness API endpoint. This can also be set using the `FME_ADMIN_API_ENDPOINT` environment variable. */
    fmeAdminApiEndpoint?: pulumi.Input<string>;
    /** The API key for the Harness next gen platform. This can also be set using the `HARNESS_PLATFORM_API_KEY` environment variable. For more information to create an API key in NextGen, see https://docs.harness.io/article/tdoad7xrh9-add-and-manage-api-keys. */
    platformApiKey?: pulumi.Input<string>;
}
