// Catalog entries → the Harness provider's inputs. Pure and deterministic: the same catalog
// always compiles to the same inputs, so an unchanged catalog never shows a diff.
import type * as harness from "@pulumi/harness";
import { stableStringify } from "../lib/stableJson";
import type { Catalog, FlagSpec, FlagState, JsonValue, TargetGroupSpec, TargetSpec } from "./types";

type Unscoped<T> = Omit<T, "orgId" | "projectId">;
type FlagEnvironmentInput = harness.types.input.platform.FeatureFlagEnvironment;

/** Harness carries every variation value as a string. */
export function variationValue(value: boolean | string | number | JsonValue): string {
    return typeof value === "string" ? value : stableStringify(value);
}

/** Which target groups each stack environment has. */
export function groupsByEnvironment(groups: readonly TargetGroupSpec[], environments: readonly string[]): Map<string, Map<string, TargetGroupSpec>> {
    const byEnvironment = new Map(environments.map((env) => [env, new Map<string, TargetGroupSpec>()]));
    for (const group of groups) {
        for (const env of group.environments ?? environments) byEnvironment.get(env)?.set(group.identifier, group);
    }
    return byEnvironment;
}

/** A group's listed members: included minus excluded, in order. */
export function groupMembers(group: Pick<TargetGroupSpec, "included" | "excluded">): string[] {
    const excluded = new Set(group.excluded ?? []);
    return (group.included ?? []).filter((target) => !excluded.has(target));
}

/**
 * The targets served each variation in one environment: the listed targets, then the listed
 * members of each target group (included minus excluded), each target once, in catalog order.
 */
export function targetRules(flag: FlagSpec, env: string, groups: ReadonlyMap<string, TargetGroupSpec>) {
    const spec = flag.environments?.[env];
    const rules: { variation: string; targets: string[] }[] = [];
    for (const { identifier } of flag.variations) {
        const fromGroups = (spec?.targetGroups?.[identifier] ?? []).flatMap((id) => {
            const group = groups.get(id);
            return group ? groupMembers(group) : [];
        });
        const targets = [...new Set([...(spec?.targets?.[identifier] ?? []), ...fromGroups])];
        if (targets.length) rules.push({ variation: identifier, targets });
    }
    return rules;
}

/** The flag's state in each stack environment; one the catalog does not list is off, and an archived flag is off everywhere. */
export function flagStates(flag: FlagSpec, environments: readonly string[]): Record<string, FlagState> {
    return Object.fromEntries(environments.map((env) => [env, flag.archived ? "off" : (flag.environments?.[env]?.state ?? "off")]));
}

/** The FeatureFlag's inputs, with every stack environment nested: one API object per flag. */
export function featureFlagArgs(
    flag: FlagSpec,
    environments: readonly string[],
    groups: ReadonlyMap<string, ReadonlyMap<string, TargetGroupSpec>>,
): Unscoped<harness.platform.FeatureFlagArgs> {
    const states = flagStates(flag, environments);
    return {
        identifier: flag.identifier,
        name: flag.name,
        description: flag.description,
        owner: flag.owner,
        kind: flag.kind,
        permanent: flag.permanent === true,
        archived: flag.archived === true ? true : undefined,
        tags: flag.tags?.map((identifier) => ({ identifier })),
        variations: flag.variations.map(({ identifier, name, description, value }) => ({ identifier, name, description, value: variationValue(value) })),
        defaultOnVariation: flag.defaultOn,
        defaultOffVariation: flag.defaultOff,
        environments: environments.map((env): FlagEnvironmentInput => {
            const spec = flag.environments?.[env];
            const served = new Map(targetRules(flag, env, groups.get(env) ?? new Map()).map((rule) => [rule.variation, rule.targets]));
            // Every field of an environment is declared, every time: the provider's environment
            // fields are Optional + Computed and its PUT body omits empty ones (terraform-provider-
            // harness internal/service/platform/feature_flag/resource_feature_flag.go: the schema's
            // "environment" block, and `Environment` with `json:"…,omitempty"`), so a field left out
            // keeps its old value in Harness and in the state. Both defaults, as in effect; and one
            // rule per variation, with no targets where nobody is served it, so that removing the
            // last target of a variation is a change the engine sends.
            return {
                identifier: env,
                state: states[env],
                defaultOnVariation: spec?.defaultOn ?? flag.defaultOn,
                defaultOffVariation: spec?.defaultOff ?? flag.defaultOff,
                addTargetRules: flag.variations.map(({ identifier }) => ({ variation: identifier, targets: served.get(identifier) ?? [] })),
            };
        }),
    };
}

/**
 * The targets an environment needs, in catalog order: those its flags' rules serve (listed or
 * through a group) and those its target groups include or exclude. Harness needs each to exist
 * before a rule or group names it, so each becomes a FeatureFlagTarget there.
 */
export function targetsInEnvironment(catalog: Pick<Catalog, "targets" | "flags">, env: string, groups: ReadonlyMap<string, TargetGroupSpec>): TargetSpec[] {
    const named = new Set<string>();
    for (const group of groups.values()) for (const target of [...(group.included ?? []), ...(group.excluded ?? [])]) named.add(target);
    for (const flag of catalog.flags) for (const rule of targetRules(flag, env, groups)) for (const target of rule.targets) named.add(target);
    return catalog.targets.filter((target) => named.has(target.identifier));
}

/** A target's inputs in one environment. */
export function targetArgs(target: TargetSpec, env: string, accountId: string): Unscoped<harness.platform.FeatureFlagTargetArgs> {
    return { accountId, environment: env, identifier: target.identifier, name: target.name, attributes: target.attributes };
}

/** A target group's inputs in one environment. */
export function targetGroupArgs(group: TargetGroupSpec, env: string, accountId: string): Unscoped<harness.platform.FeatureFlagTargetGroupArgs> {
    return {
        accountId,
        environment: env,
        identifier: group.identifier,
        name: group.name,
        includeds: group.included ?? [],
        excludeds: group.excluded ?? [],
        rules: (group.rules ?? []).map(({ attribute, op, values, negate }) => ({ attribute, op, values, negate: negate ?? false })),
    };
}

/** What deploy scripts and other stacks read about a flag (besides its id); the next deploy of a protected stack compares against it. */
export function flagSummary(flag: FlagSpec, environments: readonly string[]) {
    return {
        kind: flag.kind,
        archived: flag.archived === true,
        owner: flag.owner,
        /** When a temporary flag should be gone; absent for a permanent one. */
        ...(flag.permanent ? {} : { expiresOn: flag.expiresOn }),
        variations: Object.fromEntries(flag.variations.map((v) => [v.identifier, variationValue(v.value)])),
        environments: flagStates(flag, environments),
    };
}
