"use strict";
const { defineResource, registerResourceModule } = require("../utilities");

exports.FmeFeatureFlag = defineResource({
    className: "FmeFeatureFlag",
    token: "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag",
    inputs: ["description", "name", "orgId", "projectId", "tags", "trafficTypeId"],
    required: ["orgId", "projectId", "trafficTypeId"],
    outputs: ["flagId"],
});

exports.Definition = defineResource({
    className: "Definition",
    token: "harness:fmeFeatureFlag/definition:Definition",
    inputs: ["definition", "environmentId", "flagName", "orgId", "projectId"],
    required: ["definition", "environmentId", "flagName", "orgId", "projectId"],
    outputs: ["definitionId"],
});

registerResourceModule([exports.FmeFeatureFlag, exports.Definition]);
