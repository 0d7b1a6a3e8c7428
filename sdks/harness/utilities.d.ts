import * as pulumi from "@pulumi/pulumi";
/** The provider plugin version this SDK was written for. */
export declare function getVersion(): string;
/** Options every resource starts from: the plugin version and where the engine downloads it. */
export declare function resourceOptsDefaults(): pulumi.CustomResourceOptions;
