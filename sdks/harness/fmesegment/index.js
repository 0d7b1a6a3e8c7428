"use strict";
const { defineResource, registerResourceModule } = require("../utilities");

exports.FmeSegment = defineResource({
    className: "FmeSegment",
    token: "harness:fmeSegment/fmeSegment:FmeSegment",
    inputs: ["description", "name", "orgId", "projectId", "trafficTypeId"],
    required: ["orgId", "projectId", "trafficTypeId"],
});

exports.EnvironmentAssociation = defineResource({
    className: "EnvironmentAssociation",
    token: "harness:fmeSegment/environmentAssociation:EnvironmentAssociation",
    inputs: ["environmentId", "orgId", "projectId", "segmentName"],
    required: ["environmentId", "orgId", "projectId", "segmentName"],
});

registerResourceModule([exports.FmeSegment, exports.EnvironmentAssociation]);
