"use strict";
const { defineResource, registerResourceModule } = require("../utilities");

exports.FeatureFlag = defineResource({
    className: "FeatureFlag",
    token: "harness:platform/featureFlag:FeatureFlag",
    inputs: [
        "archived",
        "defaultOffVariation",
        "defaultOnVariation",
        "description",
        "environments",
        "identifier",
        "kind",
        "name",
        "orgId",
        "owner",
        "permanent",
        "projectId",
        "tags",
        "variations",
    ],
    required: ["defaultOffVariation", "defaultOnVariation", "identifier", "kind", "orgId", "permanent", "projectId", "variations"],
});

exports.FeatureFlagApiKey = defineResource({
    className: "FeatureFlagApiKey",
    token: "harness:platform/featureFlagApiKey:FeatureFlagApiKey",
    inputs: ["description", "envId", "expiredAt", "identifier", "name", "orgId", "projectId", "type"],
    required: ["envId", "identifier", "orgId", "projectId", "type"],
    outputs: ["apiKey"],
    secretOutputs: ["apiKey"],
});

exports.FeatureFlagTarget = defineResource({
    className: "FeatureFlagTarget",
    token: "harness:platform/featureFlagTarget:FeatureFlagTarget",
    inputs: ["accountId", "attributes", "environment", "identifier", "name", "orgId", "projectId"],
    required: ["accountId", "environment", "identifier", "orgId", "projectId"],
});

exports.FeatureFlagTargetGroup = defineResource({
    className: "FeatureFlagTargetGroup",
    token: "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup",
    inputs: ["accountId", "environment", "excludeds", "identifier", "includeds", "name", "orgId", "projectId", "rules"],
    required: ["accountId", "environment", "identifier", "orgId", "projectId"],
});

registerResourceModule([exports.FeatureFlag, exports.FeatureFlagApiKey, exports.FeatureFlagTarget, exports.FeatureFlagTargetGroup]);
