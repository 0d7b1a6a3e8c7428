"use strict";
// Namespaces as the published SDK exports them: lower case (`harness.fmefeatureflag`), while the
// type tokens keep the provider's camel case (`harness:fmeFeatureFlag/...`).
const pulumi = require("@pulumi/pulumi");
const { getVersion } = require("./utilities");
const { Provider } = require("./provider");

exports.Provider = Provider;
exports.platform = require("./platform");
exports.fmefeatureflag = require("./fmefeatureflag");
exports.fmesegment = require("./fmesegment");
exports.fmeenvironment = require("./fmeenvironment");
exports.fme = require("./fme");
exports.types = require("./types");

pulumi.runtime.registerResourcePackage("harness", {
    version: getVersion(),
    constructProvider(name, type, urn) {
        if (type !== "pulumi:providers:harness") throw new Error(`unknown provider type ${type}`);
        return new Provider(name, undefined, { urn });
    },
});
