// The catalog as an OpenFeature flagd flag-definition file for one environment, evaluated the way
// Harness serves it: applications and CI run with the same flags without a Harness account. Pure
// and deterministic.
//
// Harness Feature Flags: a flag that is off serves its default-off variation to everyone (not
// flagd's DISABLED, which would make the caller's default win); on, listed targets and the members
// of listed target groups get their variation, everyone else the default-on variation.
// Harness FME: traffic outside the allocation gets the default treatment; inside it, the first
// rule whose conditions all hold gives its split, else the default split. Splits become flagd's
// `fractional` with the same percentages; a key's bucket differs from FME's (another hash), the
// shares do not.
import type { FmeSettings } from "../config";
import { stableStringify } from "../lib/stableJson";
import { targetRules } from "./flags";
import { groupsByEnvironment } from "./targets";
import { conditionOf, resolveSplit, trafficAllocation } from "./experiments";
import { segmentEnvironments, segmentKeys } from "./segments";
import type { Catalog, ExperimentSpec, FlagSpec, JsonValue, Matcher, Split } from "./types";

export const FLAGD_SCHEMA = "https://flagd.dev/schema/v0/flags.json";

type Logic = JsonValue;
type Groups = ReadonlyMap<string, ReadonlyMap<string, import("./types").TargetGroupSpec>>;

interface FlagdFlag {
    state: "ENABLED";
    variants: Record<string, JsonValue>;
    defaultVariant: string;
    targeting?: Logic;
    metadata?: Record<string, string | number | boolean>;
}

export interface FlagdDocument {
    $schema: string;
    metadata: Record<string, string>;
    flags: Record<string, FlagdFlag>;
}

const targetingKey = { var: "targetingKey" };

/** A Harness flag in one environment. */
export function flagdFlag(flag: FlagSpec, env: string, groups: Groups): FlagdFlag {
    const spec = flag.archived ? undefined : flag.environments?.[env];
    const variants = Object.fromEntries(flag.variations.map((v) => [v.identifier, v.value]));
    const metadata = {
        kind: flag.kind,
        owner: flag.owner,
        ...(flag.targeting === "harness" ? { liveState: "Harness UI (targeting: harness); this file holds the catalog's seed" } : {}),
    };
    if (spec?.state !== "on") return { state: "ENABLED", variants, defaultVariant: spec?.defaultOff ?? flag.defaultOff, metadata };
    const defaultOn = spec.defaultOn ?? flag.defaultOn;
    const rules = targetRules(flag, env, groups.get(env) ?? new Map());
    const targeting: Logic | undefined = rules.length
        ? { if: [...rules.flatMap((rule) => [{ in: [targetingKey, rule.targets] }, rule.variation]), defaultOn] }
        : undefined;
    return { state: "ENABLED", variants, defaultVariant: defaultOn, ...(targeting ? { targeting } : {}), metadata };
}

/** A split as flagd's `fractional`, bucketed by the experiment's name and the key; a whole split is just its treatment. */
function split(experiment: ExperimentSpec, shares: Split): Logic {
    const buckets = resolveSplit(shares, experiment).filter((b) => b.size > 0);
    if (buckets.length === 1) return buckets[0].treatment;
    return { fractional: [{ cat: [experiment.name, targetingKey] }, ...buckets.map((b) => [b.treatment, b.size])] };
}

/** Context needed to compile matchers: segments' keys and the other experiments, in one environment. */
interface MatcherScope {
    catalog: Catalog;
    env: string;
    groups: Groups;
    fme: Pick<FmeSettings, "environments">;
}

/** A matcher as JSONLogic on the evaluation context; an attribute that is absent matches nothing, as in FME. */
function condition(matcher: Matcher, scope: MatcherScope): Logic {
    const key = conditionOf(matcher);
    const attribute = { var: matcher.attribute ?? "" };
    // Dates compare at minute precision: the Split SDK drops the seconds of both the attribute and
    // the rule's own date (a rule at 10:00:30 matches from 10:00:00); ON_DATE compares the UTC day.
    const minute = { "-": [attribute, { "%": [attribute, 60000] }] };
    const toMinute = (date: number) => date - (date % 60000);
    const day = { "-": [attribute, { "%": [attribute, 86400000] }] };
    const anyOf = (texts: string[] = [], test: (text: string) => Logic) => (texts.length === 1 ? test(texts[0]) : { or: texts.map(test) });
    const compiled: Record<string, () => Logic> = {
        inSegment: () => {
            const segment = scope.catalog.segments.find((s) => s.name === matcher.inSegment)!;
            const keys = segment.external
                ? []
                : segmentEnvironments(segment, scope.groups, scope.fme).includes(scope.env)
                  ? segmentKeys(segment, scope.env, scope.groups)
                  : [];
            return { in: [targetingKey, keys] };
        },
        in: () => ({ in: [attribute, matcher.in!] }),
        startsWith: () => anyOf(matcher.startsWith, (prefix) => ({ starts_with: [attribute, prefix] })),
        endsWith: () => anyOf(matcher.endsWith, (suffix) => ({ ends_with: [attribute, suffix] })),
        contains: () => anyOf(matcher.contains, (part) => ({ in: [part, attribute] })),
        equals: () => ({ "==": [attribute, matcher.equals!] }),
        atLeast: () => ({ ">=": [attribute, matcher.atLeast!] }),
        atMost: () => ({ "<=": [attribute, matcher.atMost!] }),
        between: () => ({ "<=": [matcher.between![0], attribute, matcher.between![1]] }),
        is: () => ({ "===": [attribute, matcher.is!] }),
        onDate: () => ({ "==": [day, matcher.onDate! - (matcher.onDate! % 86400000)] }),
        onOrAfter: () => ({ ">=": [minute, toMinute(matcher.onOrAfter!)] }),
        onOrBefore: () => ({ "<=": [minute, toMinute(matcher.onOrBefore!)] }),
        betweenDates: () => ({ "<=": [toMinute(matcher.betweenDates![0]), minute, toMinute(matcher.betweenDates![1])] }),
        // IN_SPLIT: the other experiment's own evaluation, inlined (dependencies have no cycles).
        experiment: () => {
            const other = scope.catalog.experiments.find((e) => e.name === matcher.experiment)!;
            return { in: [experimentTargeting(other, scope) ?? other.defaultTreatment, matcher.treatments!] };
        },
    };
    const logic = compiled[key]();
    const guarded = matcher.attribute !== undefined ? { and: [{ "!=": [attribute, null] }, logic] } : logic;
    return matcher.not ? { "!": guarded } : guarded;
}

/** An experiment's evaluation in one environment: allocation, then rules in order, then the default split. */
function experimentTargeting(experiment: ExperimentSpec, scope: MatcherScope): Logic | undefined {
    const spec = experiment.environments[scope.env];
    const allocation = trafficAllocation(spec);
    if (allocation === 0) return undefined;
    const branches: Logic[] = [];
    if (allocation < 100) {
        const outside = {
            fractional: [{ cat: [experiment.name, ".allocation.", targetingKey] }, ["in", allocation], ["out", 100 - allocation]],
        };
        branches.push({ "==": [outside, "out"] }, experiment.defaultTreatment);
    }
    for (const rule of spec.rules ?? []) {
        const conditions = rule.when.map((m) => condition(m, scope));
        branches.push(conditions.length === 1 ? conditions[0] : { and: conditions }, split(experiment, rule.split));
    }
    const fallback = split(experiment, spec.split);
    return branches.length ? { if: [...branches, fallback] } : fallback;
}

/** An FME experiment in one environment. */
export function flagdExperiment(experiment: ExperimentSpec, scope: MatcherScope): FlagdFlag {
    const variants = Object.fromEntries(experiment.treatments.map((t) => [t.name, t.configuration]));
    const targeting = experimentTargeting(experiment, scope);
    // A split that serves one treatment to everyone is that treatment, with no targeting.
    return {
        state: "ENABLED",
        variants,
        defaultVariant: typeof targeting === "string" ? targeting : experiment.defaultTreatment,
        ...(targeting !== undefined && typeof targeting !== "string" ? { targeting } : {}),
        metadata: { kind: "experiment", owner: experiment.owner, trafficType: experiment.trafficType },
    };
}

/** The flagd file of one stack environment: every flag, and every experiment that runs there. */
export function flagdDocument(
    catalog: Catalog,
    environments: readonly string[],
    env: string,
    fme: Pick<FmeSettings, "environments">,
    source: string,
): FlagdDocument {
    const groups = groupsByEnvironment(catalog.targetGroups, environments);
    const scope = { catalog, env, groups, fme };
    const flags: Record<string, FlagdFlag> = {};
    for (const flag of catalog.flags) flags[flag.identifier] = flagdFlag(flag, env, groups);
    for (const experiment of catalog.experiments)
        if (env in experiment.environments) flags[experiment.name] = flagdExperiment(experiment, scope);
    return { $schema: FLAGD_SCHEMA, metadata: { flagSetId: `ai-feature-flags/${env}`, source }, flags };
}

/** The file's text: keys sorted at every depth, indented, one trailing newline. */
export const flagdText = (document: FlagdDocument) => `${JSON.stringify(JSON.parse(stableStringify(document)), null, 2)}\n`;
