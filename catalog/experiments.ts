// Experiments: typed specs → Harness FME (Split) definitions. Validation and compilation are pure;
// the definition JSON is deterministic, so an unchanged experiment never shows a diff.
import type { Settings } from "../config";
import { parseDay } from "../lib/dates";
import { describeValue as describe, isText, knownEnvironment, Report } from "../lib/problems";
import { stableStringify } from "../lib/stableJson";
import type { ExperimentEnvironment, ExperimentSpec, Matcher, Split } from "./types";

export const MAX_TREATMENTS = 20;
/** FME reserves these names (in any case) for its own use. */
export const RESERVED_TREATMENTS = ["control", "true", "false", "split"];
const FME_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,99}$/;
const FME_NAME_RULE = "a letter, then letters, digits, - or _ (at most 100 characters)";

/** One FME bucket: the percent of the matched traffic a treatment gets. */
export interface Bucket {
    treatment: string;
    size: number;
}

interface MatcherKind {
    /** The catalog's key for the condition, e.g. `startsWith`. */
    key: string;
    /** The FME matcher type it compiles to. */
    type: string;
    /** Whether the condition reads a traffic attribute. */
    attribute: boolean;
    /** What the value must be, for the error message. */
    value: string;
    accepts(value: unknown, matcher: Record<string, unknown>): boolean;
    /** The matcher's fields besides type, negate and attribute. */
    fields(value: any, matcher: Record<string, any>): Record<string, unknown>;
}

const isStrings = (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(isText);
const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);
const stringList = (key: string, type: string): MatcherKind => ({
    key,
    type,
    attribute: true,
    value: "a non-empty list of strings",
    accepts: isStrings,
    fields: (strings) => ({ strings }),
});
const comparison = (key: string, type: string): MatcherKind => ({
    key,
    type,
    attribute: true,
    value: "a number",
    accepts: isNumber,
    fields: (number) => ({ number }),
});

export const MATCHER_KINDS: readonly MatcherKind[] = [
    { key: "inSegment", type: "IN_SEGMENT", attribute: false, value: "an FME segment name", accepts: isText, fields: (segment) => ({ string: segment }) },
    stringList("in", "IN_LIST_STRING"),
    stringList("startsWith", "STARTS_WITH_STRING"),
    stringList("endsWith", "ENDS_WITH_STRING"),
    stringList("contains", "CONTAINS_STRING"),
    comparison("equals", "EQUAL_NUMBER"),
    comparison("atLeast", "GREATER_THAN_OR_EQUAL_NUMBER"),
    comparison("atMost", "LESS_THAN_OR_EQUAL_NUMBER"),
    {
        key: "between",
        type: "BETWEEN_NUMBER",
        attribute: true,
        value: "[from, to], two numbers with from ≤ to",
        accepts: (v) => Array.isArray(v) && v.length === 2 && v.every(isNumber) && v[0] <= v[1],
        fields: ([from, to]) => ({ between: { from, to } }),
    },
    { key: "is", type: "BOOLEAN", attribute: true, value: "true or false", accepts: (v) => typeof v === "boolean", fields: (bool) => ({ bool }) },
    {
        key: "experiment",
        type: "IN_SPLIT",
        attribute: false,
        value: "the name of another experiment in the catalog, with `treatments`: a non-empty list of its treatments",
        accepts: (v, m) => isText(v) && isStrings(m.treatments),
        fields: (splitName, m) => ({ depends: { splitName, treatments: m.treatments } }),
    },
];
const CONDITION_KEYS = MATCHER_KINDS.map((k) => k.key);
const MATCHER_EXTRA_KEYS = new Set(["attribute", "not", "treatments"]);

/** The kind of a matcher: the one condition key it has. */
function matcherKind(matcher: Matcher): MatcherKind | undefined {
    const present = MATCHER_KINDS.filter((k) => k.key in matcher);
    return present.length === 1 ? present[0] : undefined;
}

/** A matcher in FME's grammar. */
export function compileMatcher(matcher: Matcher): Record<string, unknown> {
    const kind = matcherKind(matcher)!;
    const m = matcher as Record<string, any>;
    return { type: kind.type, negate: m.not === true, ...(kind.attribute ? { attribute: m.attribute } : {}), ...kind.fields(m[kind.key], m) };
}

/**
 * A split as buckets, one per treatment in declaration order (order keeps bucketing sticky). A
 * split that does not name the baseline gives it the rest: `{candidate: 10}` → baseline 90.
 */
export function resolveSplit(split: Split, experiment: Pick<ExperimentSpec, "treatments" | "baseline">): Bucket[] {
    const named = Object.values(split).reduce((sum, size) => sum + size, 0);
    return experiment.treatments.map(({ name }) => ({
        treatment: name,
        size: split[name] ?? (name === experiment.baseline ? 100 - named : 0),
    }));
}

/** Percent of traffic in the experiment in one environment: all of it unless the catalog says otherwise. */
export const trafficAllocation = (spec: Pick<ExperimentEnvironment, "trafficAllocation">) => spec.trafficAllocation ?? 100;

/** The FME definition JSON of `experiment` in `env`: deterministic, keys sorted at every depth. */
export function compileDefinition(experiment: ExperimentSpec, env: string): string {
    const spec = experiment.environments[env];
    return stableStringify({
        treatments: experiment.treatments.map((t) => ({ name: t.name, description: t.description, configurations: stableStringify(t.configuration) })),
        defaultTreatment: experiment.defaultTreatment,
        baselineTreatment: experiment.baseline,
        trafficAllocation: trafficAllocation(spec),
        rules: (spec.rules ?? []).map((rule) => ({
            condition: { combiner: "AND", matchers: rule.when.map(compileMatcher) },
            buckets: resolveSplit(rule.split, experiment),
        })),
        defaultRule: resolveSplit(spec.split, experiment),
    });
}

/** What the `experiments` output shows: per environment, the default split in full and the allocation. */
export function experimentSummary(experiment: ExperimentSpec) {
    return {
        environments: Object.fromEntries(
            Object.entries(experiment.environments).map(([env, spec]) => [
                env,
                {
                    split: Object.fromEntries(resolveSplit(spec.split, experiment).map((b) => [b.treatment, b.size])),
                    trafficAllocation: trafficAllocation(spec),
                },
            ]),
        ),
    };
}

type StackFme = Pick<Settings, "environments" | "fme">;

/** Every rule an experiment must meet; problems go to `report`. */
export function validateExperiments(experiments: readonly ExperimentSpec[], stack: StackFme, report: Report): void {
    const byName = new Map<string, ExperimentSpec>();
    for (const experiment of experiments) if (typeof experiment.name === "string") byName.set(experiment.name, experiment);
    const seen = new Set<string>();
    experiments.forEach((experiment, i) => {
        const at = `experiment '${experiment.name ?? `experiments[${i}]`}'`;
        if (!isText(experiment.name) || !FME_NAME.test(experiment.name)) {
            report(`${at} name`, describe(experiment.name), FME_NAME_RULE, "rename the experiment in flags.ts");
        } else if (seen.has(experiment.name)) {
            report(`${at} name`, "declared twice", "each experiment name once", "rename or remove one of the two experiments in flags.ts");
        }
        seen.add(experiment.name);
        if (!isText(experiment.owner)) report(`${at} owner`, describe(experiment.owner), "a person's email or a team that answers for the experiment", "set owner in flags.ts");
        if (typeof experiment.description !== "string") report(`${at} description`, describe(experiment.description), "text saying what is compared", "set description in flags.ts");
        (experiment.tags ?? []).forEach((tag, j) => {
            if (!isText(tag)) report(`${at} tags[${j}]`, describe(tag), "non-empty text", "fix the tag in flags.ts");
        });
        if (!isText(experiment.trafficType)) {
            report(`${at} trafficType`, describe(experiment.trafficType), "an FME traffic type name, such as user", `set trafficType: "user" in flags.ts`);
        } else if (!stack.fme.trafficTypes[experiment.trafficType]) {
            report(`${at} trafficType`, `'${experiment.trafficType}' has no id in the stack config`, "a traffic type listed in ai-feature-flags:fme.trafficTypes", `pulumi config set --path 'ai-feature-flags:fme.trafficTypes.${experiment.trafficType}' <traffic type id>`);
        }
        const treatments = checkTreatments(experiment, at, report);
        for (const env of Object.keys(experiment.environments ?? {})) checkExperimentEnvironment(experiment, env, at, treatments, stack, byName, report);
        if (!experiment.environments || Object.keys(experiment.environments).length === 0)
            report(`${at} environments`, "none", "at least one environment the experiment runs in", "add environments.<env> with a split in flags.ts");
    });
}

/** Checks the treatments and the two treatments named by role; returns the declared names. */
function checkTreatments(experiment: ExperimentSpec, at: string, report: Report): string[] {
    const treatments = Array.isArray(experiment.treatments) ? experiment.treatments : [];
    if (treatments.length < 1 || treatments.length > MAX_TREATMENTS)
        report(`${at} treatments`, `${treatments.length} treatments`, `1 to ${MAX_TREATMENTS} treatments`, "declare between 1 and 20 treatments in flags.ts");
    const names: string[] = [];
    treatments.forEach((treatment, j) => {
        const tAt = `${at} treatments[${j}]`;
        if (!isText(treatment.name) || !FME_NAME.test(treatment.name)) {
            report(`${tAt}.name`, describe(treatment.name), FME_NAME_RULE, "rename the treatment in flags.ts");
        } else if (RESERVED_TREATMENTS.includes(treatment.name.toLowerCase())) {
            report(`${tAt}.name`, `'${treatment.name}' is reserved by FME`, `a name other than ${RESERVED_TREATMENTS.join(", ")}`, "rename the treatment, e.g. baseline or candidate, in flags.ts");
        } else if (names.includes(treatment.name)) {
            report(`${tAt}.name`, `'${treatment.name}' is declared twice`, "unique treatment names within an experiment", "rename one of them in flags.ts");
        } else {
            names.push(treatment.name);
        }
        if (typeof treatment.description !== "string") report(`${tAt}.description`, describe(treatment.description), "text", "set the treatment's description in flags.ts");
        const configuration = treatment.configuration;
        let problem: string | undefined;
        if (!configuration || typeof configuration !== "object" || Array.isArray(configuration)) problem = `${describe(configuration)} is not an object`;
        else {
            try {
                stableStringify(configuration);
            } catch (error) {
                problem = `does not serialise to JSON: ${(error as Error).message}`;
            }
        }
        if (problem) report(`${tAt}.configuration`, problem, "an object JSON can carry, such as {model, temperature, systemPromptVersion}", "fix the configuration in flags.ts");
    });
    for (const [field, role] of [["baseline", "the control the others are compared with"], ["defaultTreatment", "served when killed or not allocated"]] as const) {
        if (!names.includes(experiment[field])) report(`${at} ${field}`, `${describe(experiment[field])} is not one of its treatments`, `one of: ${names.join(", ")} (${role})`, `set ${field} to a treatment name in flags.ts`);
    }
    return names;
}

function checkExperimentEnvironment(
    experiment: ExperimentSpec,
    env: string,
    at: string,
    treatments: string[],
    stack: StackFme,
    byName: ReadonlyMap<string, ExperimentSpec>,
    report: Report,
) {
    const envAt = `${at} environments.${env}`;
    const stackEnvironments = stack.environments.map((e) => e.id);
    if (!knownEnvironment(env, stackEnvironments, envAt, `remove environments.${env} from the experiment, or add '${env}' to the stack's environments config`, report)) return;
    if (!stack.fme.environments[env])
        report(envAt, `'${env}' has no FME environment id in the stack config`, "an environment mapped in ai-feature-flags:fme.environments", `pulumi config set --path 'ai-feature-flags:fme.environments.${env}' <FME environment id>`);
    const spec = experiment.environments[env];
    const allocation = spec.trafficAllocation;
    if (allocation !== undefined && !(Number.isInteger(allocation) && allocation >= 0 && allocation <= 100))
        report(`${envAt}.trafficAllocation`, describe(allocation), "a whole number from 0 to 100 (percent of traffic in the experiment)", "fix trafficAllocation in flags.ts");
    checkSplit(spec.split, `${envAt}.split`, experiment, treatments, report);
    if (spec.since !== undefined && !parseDay(spec.since))
        report(`${envAt}.since`, `${describe(spec.since)} is not a date`, "the day the split took effect, written YYYY-MM-DD", "fix since in flags.ts");
    (spec.rules ?? []).forEach((rule, r) => {
        const ruleAt = `${envAt}.rules[${r}]`;
        if (!Array.isArray(rule.when) || rule.when.length === 0)
            report(`${ruleAt}.when`, describe(rule.when), "a non-empty list of conditions, all of which must hold", "add conditions, e.g. [{inSegment: \"internal_testers\"}], in flags.ts");
        (Array.isArray(rule.when) ? rule.when : []).forEach((matcher, m) => checkMatcher(matcher, `${ruleAt}.when[${m}]`, experiment, byName, report));
        checkSplit(rule.split, `${ruleAt}.split`, experiment, treatments, report);
    });
}

/** Sizes are whole percents of declared treatments adding up to 100, or to at most 100 when the baseline takes the rest. */
function checkSplit(split: Split, at: string, experiment: ExperimentSpec, treatments: string[], report: Report) {
    if (!split || typeof split !== "object" || Array.isArray(split)) {
        report(at, describe(split), "treatment → percent, such as {candidate: 10} (the baseline gets the rest)", "write the split as an object in flags.ts");
        return;
    }
    let total = 0;
    for (const [treatment, size] of Object.entries(split)) {
        if (!treatments.includes(treatment)) report(`${at}.${treatment}`, `'${treatment}' is not one of its treatments`, `one of: ${treatments.join(", ")}`, "name a declared treatment in flags.ts");
        if (!Number.isInteger(size) || size < 0 || size > 100) report(`${at}.${treatment}`, describe(size), "a whole percent from 0 to 100", "fix the percentage in flags.ts");
        else total += size;
    }
    if (experiment.baseline in split) {
        if (total !== 100) report(at, `adds up to ${total}`, "percentages adding up to exactly 100 (or leave the baseline out to give it the rest)", "fix the percentages in flags.ts");
    } else if (total > 100) {
        report(at, `adds up to ${total}, leaving nothing for the baseline`, "at most 100 across the named treatments; the baseline gets the rest", "lower the percentages in flags.ts");
    }
}

function checkMatcher(matcher: Matcher, at: string, experiment: ExperimentSpec, byName: ReadonlyMap<string, ExperimentSpec>, report: Report) {
    if (!matcher || typeof matcher !== "object") {
        report(at, describe(matcher), `a condition: one of ${CONDITION_KEYS.join(", ")}`, "fix the condition in flags.ts");
        return;
    }
    const m = matcher as Record<string, any>;
    const kind = matcherKind(matcher);
    const unknown = Object.keys(m).filter((k) => !CONDITION_KEYS.includes(k) && !MATCHER_EXTRA_KEYS.has(k));
    if (!kind || unknown.length) {
        const conditions = Object.keys(m).filter((k) => CONDITION_KEYS.includes(k));
        const found = unknown.length ? `unknown key ${unknown.map((k) => `'${k}'`).join(", ")}` : `${conditions.length} conditions${conditions.length ? ` (${conditions.join(", ")})` : ""}`;
        report(at, found, `exactly one condition: ${CONDITION_KEYS.join(", ")} (with attribute, not, and treatments where they apply)`, "fix the condition in flags.ts");
        return;
    }
    if (kind.attribute && !isText(m.attribute)) report(`${at}.attribute`, describe(m.attribute), `the traffic attribute ${kind.key} compares, such as plan or country`, "set attribute in flags.ts");
    if (!kind.attribute && "attribute" in m) report(`${at}.attribute`, "set on a condition that reads no attribute", `no attribute with ${kind.key}`, "remove attribute in flags.ts");
    if (m.not !== undefined && typeof m.not !== "boolean") report(`${at}.not`, describe(m.not), "true or false", "fix not in flags.ts");
    if (!kind.accepts(m[kind.key], m)) {
        report(`${at}.${kind.key}`, describe(m[kind.key]), kind.value, `fix ${kind.key} in flags.ts`);
        return;
    }
    if (kind.key === "experiment") {
        const other = byName.get(m.experiment);
        if (m.experiment === experiment.name) report(`${at}.experiment`, "depends on itself", "another experiment", "name another experiment in flags.ts");
        else if (!other) report(`${at}.experiment`, `'${m.experiment}' is not an experiment in the catalog`, "the name of an experiment in flags.ts", "declare it in experiments, or correct the name");
        else {
            const missing = (m.treatments as string[]).filter((t) => !other.treatments.some((o) => o.name === t));
            if (missing.length) report(`${at}.treatments`, `${JSON.stringify(missing)} are not treatments of '${m.experiment}'`, `some of: ${other.treatments.map((t) => t.name).join(", ")}`, "fix treatments in flags.ts");
        }
    }
}
