"use strict";
const { defineResource } = require("./utilities");

// The `harness` provider: credentials and endpoints. Keys are secrets whichever way they arrive.
exports.Provider = defineResource({
    className: "Provider",
    token: "harness",
    isProvider: true,
    inputs: ["accountId", "apiKey", "endpoint", "fmeAdminApiEndpoint", "platformApiKey"],
    secretInputs: ["apiKey", "platformApiKey"],
});
