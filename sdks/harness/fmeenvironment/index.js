"use strict";
const { defineResource, registerResourceModule } = require("../utilities");

exports.SegmentKeys = defineResource({
    className: "SegmentKeys",
    token: "harness:fmeEnvironment/segmentKeys:SegmentKeys",
    inputs: ["environmentId", "keys", "orgId", "projectId", "segmentName"],
    required: ["environmentId", "keys", "orgId", "projectId", "segmentName"],
});

registerResourceModule([exports.SegmentKeys]);
