"use strict";
const { defineResource, registerResourceModule } = require("../utilities");

exports.ApiKey = defineResource({
    className: "ApiKey",
    token: "harness:fme/apiKey:ApiKey",
    inputs: ["apiKeyType", "environmentId", "name", "orgId", "projectId"],
    required: ["apiKeyType", "environmentId", "orgId", "projectId"],
    outputs: ["apiKey", "keyId"],
    secretOutputs: ["apiKey"],
});

registerResourceModule([exports.ApiKey]);
