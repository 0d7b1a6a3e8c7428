// The only reader of pulumi.Config: turns stack config into typed, validated settings, or fails
// with every problem at once before the program declares anything.
import * as pulumi from "@pulumi/pulumi";
import { IDENTIFIER_RULE, identifierProblem, suggestIdentifier } from "./lib/identifiers";
import { Problem, ValidationError } from "./lib/problems";

export const PROJECT = "ai-feature-flags";

export const SDK_KEY_TYPES = ["Server", "Client"] as const;
export type SdkKeyType = (typeof SDK_KEY_TYPES)[number];

export interface Settings {
    /** Harness organization identifier. */
    orgId: string;
    /** Harness project identifier: where the flags live. */
    projectId: string;
    /** Harness environment the SDK key is issued for. */
    environmentId: string;
    /** Server keys for back ends, Client keys for browsers and mobile apps. */
    sdkKeyType: SdkKeyType;
}

/** Stack config as Pulumi hands it over: strings, or absent. */
export type RawSettings = { [K in keyof Settings]?: string };

export type ParseResult = { ok: true; settings: Settings } | { ok: false; problems: Problem[] };

const IDENTIFIER_KEYS = {
    orgId: "the identifier of your Harness organization",
    projectId: "the identifier of the Harness project that holds the flags",
    environmentId: "the identifier of the Harness environment the SDK key is for",
} as const;

const setCommand = (key: string, value: string) => `pulumi config set ${PROJECT}:${key} ${value}`;

/** Validates raw stack config; pure, so every rule is tested without a Pulumi runtime. */
export function parseSettings(raw: RawSettings): ParseResult {
    const problems: Problem[] = [];
    const identifiers: Partial<Record<keyof typeof IDENTIFIER_KEYS, string>> = {};

    for (const [key, meaning] of Object.entries(IDENTIFIER_KEYS) as [keyof typeof IDENTIFIER_KEYS, string][]) {
        const value = raw[key]?.trim();
        const allowed = `${meaning}, which is ${IDENTIFIER_RULE}`;
        if (!value) {
            problems.push({ subject: `${PROJECT}:${key}`, found: "missing", allowed, fix: setCommand(key, `<${key}>`) });
            continue;
        }
        const problem = identifierProblem(value);
        if (problem) {
            const suggestion = suggestIdentifier(value);
            problems.push({ subject: `${PROJECT}:${key}`, found: problem, allowed, fix: setCommand(key, suggestion ?? `<${key}>`) });
            continue;
        }
        identifiers[key] = value;
    }

    const rawKeyType = raw.sdkKeyType?.trim() || "Server";
    const sdkKeyType = SDK_KEY_TYPES.find((t) => t === rawKeyType);
    if (!sdkKeyType) {
        const caseFix = SDK_KEY_TYPES.find((t) => t.toLowerCase() === rawKeyType.toLowerCase()) ?? "Server";
        problems.push({
            subject: `${PROJECT}:sdkKeyType`,
            found: `'${rawKeyType}' is not a key type`,
            allowed: `${SDK_KEY_TYPES.join(" or ")} (Server is the default; Client keys are for browsers and mobile apps)`,
            fix: setCommand("sdkKeyType", caseFix),
        });
    }

    if (problems.length || !sdkKeyType) return { ok: false, problems };
    const { orgId, projectId, environmentId } = identifiers as Record<keyof typeof IDENTIFIER_KEYS, string>;
    return { ok: true, settings: { orgId, projectId, environmentId, sdkKeyType } };
}

/** Reads and validates this stack's config; throws a ValidationError naming every problem. */
export function loadSettings(): Settings {
    const config = new pulumi.Config(PROJECT);
    const result = parseSettings({
        orgId: config.get("orgId"),
        projectId: config.get("projectId"),
        environmentId: config.get("environmentId"),
        sdkKeyType: config.get("sdkKeyType"),
    });
    if (!result.ok) throw new ValidationError(`Stack '${pulumi.getStack()}' config`, result.problems);
    return result.settings;
}
