"use strict";
// Shared machinery of the local Harness SDK: the plugin defaults every resource carries and the
// one constructor shape every resource class has (args → inputs, state → get, required checks).
const pulumi = require("@pulumi/pulumi");
const pkg = require("./package.json");

/** The provider plugin version this SDK was written for (the published @pulumi/harness version). */
function getVersion() {
    return pkg.pulumi.version;
}

/** Options every resource starts from, so the engine fetches the matching `harness` plugin. */
function resourceOptsDefaults() {
    return { version: getVersion(), pluginDownloadURL: pkg.pulumi.server };
}

/**
 * Builds a resource class from the provider's schema facts.
 * - `inputs`: the argument names, passed through as given;
 * - `required`: inputs that must be set unless the resource is being read (`get`) or adopted by urn;
 * - `outputs`: names the provider computes, registered as unknown so they appear on the instance;
 * - `secretOutputs`: outputs the engine must store encrypted (`additionalSecretOutputs`);
 * - `secretInputs`: inputs wrapped in `pulumi.secret()` before they are sent (provider credentials).
 */
function defineResource(spec) {
    const { className, token, inputs, required = [], outputs = [], secretOutputs = [], secretInputs = [], isProvider = false } = spec;
    const stateNames = [...new Set([...inputs, ...outputs])];
    const Base = isProvider ? pulumi.ProviderResource : pulumi.CustomResource;
    const registeredType = isProvider ? `pulumi:providers:${token}` : token;

    const Resource = class extends Base {
        static isInstance(obj) {
            return obj !== undefined && obj !== null && obj["__pulumiType"] === registeredType;
        }

        constructor(name, argsOrState, opts) {
            opts = opts || {};
            const source = argsOrState || {};
            const props = {};
            if (opts.id) {
                for (const k of stateNames) props[k] = source[k];
            } else {
                if (!opts.urn) {
                    for (const k of required) {
                        if (source[k] === undefined || source[k] === null) throw new Error(`Missing required property '${k}'`);
                    }
                }
                for (const k of inputs) {
                    props[k] = secretInputs.includes(k) && source[k] !== undefined ? pulumi.secret(source[k]) : source[k];
                }
                for (const k of outputs) if (!(k in props)) props[k] = undefined;
            }
            opts = pulumi.mergeOptions(resourceOptsDefaults(), opts);
            const secrets = [...secretOutputs, ...secretInputs];
            if (secrets.length) opts = pulumi.mergeOptions(opts, { additionalSecretOutputs: secrets });
            super(token, name, props, opts);
        }
    };
    if (!isProvider) {
        /** Reads an existing resource's state by its provider id. */
        Resource.get = function get(name, id, state, opts) {
            return new Resource(name, state, Object.assign({}, opts, { id }));
        };
    }
    Resource.__pulumiType = token;
    Object.defineProperty(Resource, "name", { value: className });
    return Resource;
}

module.exports = { getVersion, resourceOptsDefaults, defineResource };
