"use strict";
// Shared machinery of the local Harness SDK: the plugin defaults every resource carries, the one
// constructor shape every resource class has, and the runtime registration generated SDKs do.
// Behaviour follows the published @pulumi/harness 0.16.0 Node SDK (facts in
// ../shared/tools/harness-conformance/harness-0.16.0.digest.json); the code is our own.
const pulumi = require("@pulumi/pulumi");

/** The first of `vars` set to a non-empty value in the environment, as generated SDKs read provider defaults. */
function getEnv(...vars) {
    for (const name of vars) {
        const value = process.env[name];
        if (value) return value;
    }
    return undefined;
}

/** This package's version, which is the `harness` plugin version the engine fetches. */
function getVersion() {
    const version = require("./package.json").version;
    return version.startsWith("v") ? version.slice(1) : version;
}

/** Options every resource starts from, so the engine fetches the matching `harness` plugin. */
function resourceOptsDefaults() {
    return { version: getVersion(), pluginDownloadURL: "github://api.github.com/pulumi" };
}

/**
 * Builds a resource class from the provider's schema facts.
 * - `inputs`: the argument names, passed through as given;
 * - `required`: inputs that must not be undefined unless the resource is read (`get`) or adopted by urn;
 * - `outputs`: names the provider computes, registered as unknown so they appear on the instance;
 * - `secretOutputs`: outputs the engine stores encrypted (`additionalSecretOutputs`);
 * - `envDefaults`: input → environment variable read when the argument is absent (the provider).
 */
function defineResource(spec) {
    const { className, token, inputs, required = [], outputs = [], secretOutputs = [], envDefaults = {}, isProvider = false } = spec;
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
                for (const k of required) {
                    if (source[k] === undefined && !opts.urn) throw new Error(`Missing required property '${k}'`);
                }
                for (const k of inputs) props[k] = envDefaults[k] ? (source[k] ?? getEnv(envDefaults[k])) : source[k];
                for (const k of outputs) if (!(k in props)) props[k] = undefined;
            }
            opts = pulumi.mergeOptions(resourceOptsDefaults(), opts);
            if (secretOutputs.length) opts = pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputs });
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

/**
 * Registers `classes` with the runtime under their tokens' modules (`platform/featureFlag`, …), as
 * generated SDKs do, so the engine can rehydrate a resource of these types from its URN (a
 * resource reference in a StackReference or a component's outputs).
 */
function registerResourceModule(classes) {
    const byToken = new Map(classes.map((cls) => [cls.__pulumiType, cls]));
    const module = {
        version: getVersion(),
        construct(name, type, urn) {
            const Resource = byToken.get(type);
            if (!Resource) throw new Error(`unknown resource type ${type}`);
            return new Resource(name, undefined, { urn });
        },
    };
    for (const token of byToken.keys()) pulumi.runtime.registerResourceModule("harness", token.split(":")[1], module);
}

module.exports = { getEnv, getVersion, resourceOptsDefaults, defineResource, registerResourceModule };
