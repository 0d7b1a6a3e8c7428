// Flags: what Harness gets for each (one FeatureFlag carrying every environment), what the stack
// outputs about it, and the rules a flag must meet. Pure and deterministic: the same catalog always
// compiles to the same inputs, so an unchanged catalog never shows a diff.
import type * as harness from "@pulumi/harness";
import { dayOf, daysSince } from "../lib/dates";
import { didYouMean, knownEnvironment, oneOf, repeatedAt, Report } from "../lib/problems";
import { stableStringify } from "../lib/stableJson";
import type { GroupsByEnvironment, TargetCheck } from "./shared";
import { groupMembers } from "./targets";
import type { Catalog, FlagSpec, FlagState, JsonValue, TargetGroupSpec, TargetSpec } from "./types";

type Unscoped<T> = Omit<T, "orgId" | "projectId">;
type FlagEnvironmentInput = harness.types.input.platform.FeatureFlagEnvironment;

export const MAX_FLAGS_PER_PROJECT = 1200;

/** Harness carries every variation value as a string. */
export function variationValue(value: JsonValue): string {
    return typeof value === "string" ? value : stableStringify(value);
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
    groups: GroupsByEnvironment,
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
 * The targets the stack creates in an environment, in catalog order: those its flags' rules serve
 * (listed or through a group) and those its target groups include or exclude. Harness needs each to
 * exist before a rule or group names it, so each becomes a FeatureFlagTarget there; an external one
 * exists in Harness already and is only named.
 */
export function targetsInEnvironment(catalog: Pick<Catalog, "targets" | "flags">, env: string, groups: ReadonlyMap<string, TargetGroupSpec>): TargetSpec[] {
    const named = new Set<string>();
    for (const group of groups.values()) for (const target of [...(group.included ?? []), ...(group.excluded ?? [])]) named.add(target);
    for (const flag of catalog.flags) for (const rule of targetRules(flag, env, groups)) for (const target of rule.targets) named.add(target);
    return catalog.targets.filter((target) => named.has(target.identifier) && !target.external);
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

/** What a flag's rules need besides the flag: the stack's environments and groups, and where problems and warnings go. */
export interface FlagRuleContext {
    environments: string[];
    groups: GroupsByEnvironment;
    /** Target groups whose shape is wrong: a flag naming one is not reported on top. */
    brokenGroups: ReadonlySet<string>;
    checkTargets: TargetCheck;
    today: Date;
    report: Report;
    warnings: string[];
}

/** Every flag's rules: the project's limit, its lifetime, its variations and its environments. */
export function validateFlags(catalog: Pick<Catalog, "flags">, context: FlagRuleContext): void {
    const { report } = context;
    if (catalog.flags.length > MAX_FLAGS_PER_PROJECT) {
        report("flags", `${catalog.flags.length} flags`, `at most ${MAX_FLAGS_PER_PROJECT} flags per Harness project`, "retire flags that are no longer evaluated, or split the catalog across Harness projects");
    }
    for (const flag of catalog.flags) {
        const at = `flag '${flag.identifier}'`;
        checkLifetime(flag, at, context.today, report, context.warnings);
        const variations = checkVariations(flag, at, report);
        checkFlagEnvironments(flag, at, variations, context);
    }
}

function checkLifetime(flag: FlagSpec, at: string, today: Date, report: Report, warnings: string[]) {
    if (flag.permanent === true) {
        if (flag.expiresOn !== undefined) report(`${at} expiresOn`, "set on a permanent flag", "permanent: true, or an expiresOn date, not both", "remove expiresOn, or permanent: true, in flags.ts");
        return;
    }
    if (flag.expiresOn === undefined) {
        report(`${at} expiresOn`, "missing on a temporary flag", "an expiresOn date (YYYY-MM-DD) for a temporary flag, or permanent: true", `add expiresOn: "${dayOf(new Date(today.getTime() + 90 * 86400000))}" (or permanent: true) to ${at} in flags.ts`);
    } else if (flag.expiresOn < dayOf(today)) {
        warnings.push(`${at} expired on ${flag.expiresOn} (${daysSince(flag.expiresOn, today)} days ago); owner ${flag.owner}: remove it from flags.ts once no code evaluates it, or move expiresOn`);
    }
}

/** Checks the variations' identifiers and values against the kind; returns the identifiers others may refer to. */
function checkVariations(flag: FlagSpec, at: string, report: Report): string[] {
    const ids = flag.variations.map((variation) => variation.identifier);
    for (const j of repeatedAt(ids))
        report(`${at} variations[${j}].identifier`, `'${ids[j]}' is declared twice`, "unique variation identifiers within a flag", `rename one of them on ${at} in flags.ts`);
    if (flag.kind === "boolean") {
        const values = flag.variations.map((v) => v.value);
        if (flag.variations.length !== 2 || !values.includes(true) || !values.includes(false))
            report(`${at} variations`, `a boolean flag with values ${JSON.stringify(values)}`, "exactly two variations, one true and one false", `keep one true and one false variation, or change kind on ${at} in flags.ts`);
    }
    for (const field of ["defaultOn", "defaultOff"] as const) {
        if (!ids.includes(flag[field])) report(`${at} ${field}`, `'${flag[field]}' is not one of its variations`, oneOf(ids), `${didYouMean(flag[field], ids)}set ${field} to a variation identifier on ${at} in flags.ts`);
    }
    return ids;
}

function checkFlagEnvironments(flag: FlagSpec, at: string, variations: string[], { environments, groups, brokenGroups, checkTargets, report }: FlagRuleContext) {
    const variation = (subject: string, value: string) => {
        if (!variations.includes(value))
            report(subject, `'${value}' is not one of the flag's variations`, oneOf(variations), `${didYouMean(value, variations)}use a variation identifier of ${at} in flags.ts`);
    };
    for (const [env, spec] of Object.entries(flag.environments ?? {})) {
        const envAt = `${at} environments.${env}`;
        if (!knownEnvironment(env, environments, envAt, `remove environments.${env} from ${at} in flags.ts, or add '${env}' to the stack's environments config`, report)) continue;
        if (flag.archived === true && spec.state === "on") report(`${envAt}.state`, "on, on an archived flag", "off: an archived flag is off everywhere", `set environments.${env}.state to "off" on ${at} in flags.ts, or un-archive the flag`);
        if (spec.defaultOn !== undefined) variation(`${envAt}.defaultOn`, spec.defaultOn);
        if (spec.defaultOff !== undefined) variation(`${envAt}.defaultOff`, spec.defaultOff);
        // Harness serves the default-off variation to everyone while a flag is off and applies
        // targeting only while it is on: targets on an off flag would look served and are not.
        // Under targeting: harness the catalog mirrors what the Harness UI holds, which keeps the
        // targeting of a flag that is off for when it is turned on.
        const targeted = Object.keys(spec.targets ?? {}).length + Object.keys(spec.targetGroups ?? {}).length > 0;
        const mirrorsHarness = flag.targeting === "harness" && flag.archived !== true;
        if (targeted && !mirrorsHarness && (spec.state === "off" || flag.archived === true)) {
            const defaultOff = spec.defaultOff ?? flag.defaultOff;
            report(
                `${envAt}.state`,
                `off, with targeting: Harness serves '${defaultOff}' to everyone while the flag is off and ignores its targets and target groups`,
                "targeting only where the flag is on",
                `to serve the targets and keep everyone else on '${defaultOff}', set environments.${env}: { state: "on", defaultOn: "${defaultOff}", … } on ${at} in flags.ts; or drop its targets and targetGroups`,
            );
        }
        const served = new Map<string, string>();
        const serve = (target: string, variationId: string, subject: string) => {
            const already = served.get(target);
            if (already && already !== variationId)
                report(subject, `target '${target}' is also served '${already}' in ${env}`, "each target served one variation per environment", `serve '${target}' one variation on ${at} in flags.ts`);
            served.set(target, variationId);
        };
        for (const [servedVariation, targets] of Object.entries(spec.targets ?? {})) {
            variation(`${envAt}.targets.${servedVariation}`, servedVariation);
            checkTargets(`${envAt}.targets.${servedVariation}`, targets);
            for (const target of targets) serve(target, servedVariation, `${envAt}.targets.${servedVariation}`);
        }
        for (const [servedVariation, groupIds] of Object.entries(spec.targetGroups ?? {})) {
            const subject = `${envAt}.targetGroups.${servedVariation}`;
            variation(subject, servedVariation);
            for (const groupId of groupIds) {
                const group = groups.get(env)?.get(groupId);
                if (!group) {
                    if (brokenGroups.has(groupId)) continue;
                    const inEnv = [...(groups.get(env)?.keys() ?? [])];
                    report(subject, `target group '${groupId}' does not exist in '${env}'`, `${oneOf(inEnv, "a target group declared in flags.ts for this environment (none is)")}`, `${didYouMean(groupId, inEnv)}declare the group in targetGroups (for '${env}'), or correct the name`);
                } else if ((group.rules ?? []).length > 0) {
                    report(subject, `target group '${groupId}' is defined by attribute rules`, "a group of listed targets: the provider's flag resource can serve a variation to listed targets only", `serve it from the Harness UI (targeting: "harness"), or list its members in the group's included`);
                } else {
                    for (const target of groupMembers(group)) serve(target, servedVariation, subject);
                }
            }
        }
    }
}
