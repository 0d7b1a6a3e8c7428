"use strict";
const pulumi = require("@pulumi/pulumi");
const { defineResource } = require("./utilities");

// The `harness` provider: credentials and endpoints. As in the published SDK, an argument left out
// is read from its environment variable, and nothing here is marked secret: a key passed to an
// explicit Provider is stored in the state as given (pass it as a secret Output), so this program
// uses the default provider, which reads HARNESS_PLATFORM_API_KEY in the plugin instead.
const Provider = defineResource({
    className: "Provider",
    token: "harness",
    isProvider: true,
    inputs: ["accountId", "apiKey", "endpoint", "fmeAdminApiEndpoint", "platformApiKey"],
    envDefaults: {
        accountId: "HARNESS_ACCOUNT_ID",
        apiKey: "HARNESS_API_KEY",
        endpoint: "HARNESS_ENDPOINT",
        platformApiKey: "HARNESS_PLATFORM_API_KEY",
    },
});

/** The provider's configuration with Terraform-cased keys, for the Terraform Module provider. */
Provider.prototype.terraformConfig = function terraformConfig() {
    return pulumi.runtime.call("pulumi:providers:harness/terraformConfig", { __self__: this }, this);
};

exports.Provider = Provider;
