// Experiments: parsed specs → Harness FME (Split) definitions, and the rules across experiments and
// segments that the schema cannot check. Pure; the definition JSON is deterministic, so an
// unchanged experiment never shows a diff.
import type { Settings } from "../config";
import { didYouMean, knownEnvironment, oneOf, repeatedAt, Report } from "../lib/problems";
import { stableStringify } from "../lib/stableJson";
import { BrokenNames, checkTrafficType, GroupsByEnvironment } from "./shared";
import { segmentEnvironments } from "./segments";
import type { Catalog, ExperimentEnvironment, ExperimentSpec, Matcher, RampSpec, Split } from "./types";

/** One FME bucket: the percent of the matched traffic a treatment gets. */
export interface Bucket {
    treatment: string;
    size: number;
}

/**
 * Each catalog condition and the FME matcher it compiles to. The matcher's fields are those of the
 * payload the provider decodes a definition into (harness-go-sdk `SplitDefinitionRequest`'s
 * Matcher: negate, type, attribute, string, bool, strings, number, date, between, depends): a key
 * outside it is dropped silently, and number, date and the bounds are integers, which the schema
 * enforces. `between` is `{from, to}` and `depends` is `{splitName, treatments}`, as Split's Admin
 * API documents them (https://docs.split.io/reference/matcher-type; the Admin API's Matcher schema).
 */
/** Each condition of the catalog as FME's matcher type, with the fields it takes from the matcher (the value is set: it is the matcher's condition). */
const MATCHERS: Record<string, { type: string; fields: (matcher: Matcher) => Record<string, unknown> }> = {
    inSegment: { type: "IN_SEGMENT", fields: (m) => ({ string: m.inSegment }) },
    in: { type: "IN_LIST_STRING", fields: (m) => ({ strings: m.in }) },
    startsWith: { type: "STARTS_WITH_STRING", fields: (m) => ({ strings: m.startsWith }) },
    endsWith: { type: "ENDS_WITH_STRING", fields: (m) => ({ strings: m.endsWith }) },
    contains: { type: "CONTAINS_STRING", fields: (m) => ({ strings: m.contains }) },
    equals: { type: "EQUAL_NUMBER", fields: (m) => ({ number: m.equals }) },
    atLeast: { type: "GREATER_THAN_OR_EQUAL_NUMBER", fields: (m) => ({ number: m.atLeast }) },
    atMost: { type: "LESS_THAN_OR_EQUAL_NUMBER", fields: (m) => ({ number: m.atMost }) },
    between: { type: "BETWEEN_NUMBER", fields: ({ between: [from, to] = [0, 0] }) => ({ between: { from, to } }) },
    is: { type: "BOOLEAN", fields: (m) => ({ bool: m.is }) },
    onDate: { type: "ON_DATE", fields: (m) => ({ date: m.onDate }) },
    onOrAfter: { type: "ON_OR_AFTER_DATE", fields: (m) => ({ date: m.onOrAfter }) },
    onOrBefore: { type: "ON_OR_BEFORE_DATE", fields: (m) => ({ date: m.onOrBefore }) },
    betweenDates: { type: "BETWEEN_DATE", fields: ({ betweenDates: [from, to] = [0, 0] }) => ({ between: { from, to } }) },
    experiment: { type: "IN_SPLIT", fields: (m) => ({ depends: { splitName: m.experiment, treatments: m.treatments } }) },
};

/** The one condition key a parsed matcher has. */
export const conditionOf = (matcher: Matcher) =>
    Object.keys(MATCHERS).find((key) => (matcher as Record<string, unknown>)[key] !== undefined)!;

/** A matcher in FME's grammar. */
export function compileMatcher(matcher: Matcher): Record<string, unknown> {
    const condition = conditionOf(matcher);
    const { type, fields } = MATCHERS[condition];
    return {
        type,
        negate: matcher.not === true,
        ...(matcher.attribute !== undefined ? { attribute: matcher.attribute } : {}),
        ...fields(matcher),
    };
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
        treatments: experiment.treatments.map((t) => ({
            name: t.name,
            description: t.description,
            configurations: stableStringify(t.configuration),
        })),
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

/** What the `experiments` output shows: per environment, the default split in full, the allocation, and where a ramp stands. */
export function experimentSummary(experiment: ExperimentSpec) {
    return {
        environments: Object.fromEntries(
            Object.entries(experiment.environments).map(([env, spec]) => [
                env,
                {
                    split: Object.fromEntries(resolveSplit(spec.split, experiment).map((b) => [b.treatment, b.size])),
                    trafficAllocation: trafficAllocation(spec),
                    ...(spec.ramp
                        ? { ramp: { treatment: spec.ramp.treatment, stages: spec.ramp.stages.length, ...spec.ramp.inForce } }
                        : {}),
                },
            ]),
        ),
    };
}

/** The segments and experiments a rule in `env` of `experiment` names, with where each is named. */
export function ruleReferences(experiment: ExperimentSpec, env: string) {
    return (experiment.environments[env]?.rules ?? []).flatMap((rule, r) =>
        rule.when.map((matcher, m) => ({ matcher, at: `environments.${env}.rules[${r}].when[${m}]` })),
    );
}

type StackFme = Pick<Settings, "environments" | "fme">;

/** Every rule across experiments and segments; problems go to `report`. */
export function validateExperiments(
    catalog: Pick<Catalog, "experiments" | "segments">,
    stack: StackFme,
    groups: GroupsByEnvironment,
    broken: BrokenNames,
    report: Report,
): void {
    const byName = new Map(catalog.experiments.map((e) => [e.name, e]));
    const experimentNames = [...byName.keys(), ...broken.experiments];
    for (const experiment of catalog.experiments) {
        const at = `experiment '${experiment.name}'`;
        checkTrafficType(at, experiment.trafficType, stack.fme, report);
        const treatments = checkTreatments(experiment, at, report);
        if (Object.keys(experiment.environments).length === 0)
            report(
                `${at} environments`,
                "none",
                "at least one environment the experiment runs in",
                `add environments.<env>: { split: { … } } to ${at} in flags.ts`,
            );
        for (const env of Object.keys(experiment.environments)) {
            const envAt = `${at} environments.${env}`;
            const stackEnvironments = stack.environments.map((e) => e.id);
            if (
                !knownEnvironment(
                    env,
                    stackEnvironments,
                    envAt,
                    `remove environments.${env} from ${at} in flags.ts, or add '${env}' to the stack's environments config`,
                    report,
                )
            )
                continue;
            if (!stack.fme.environments[env])
                report(
                    envAt,
                    `'${env}' has no FME environment id in the stack config`,
                    "an environment mapped in ai-feature-flags:fme.environments",
                    `pulumi config set --path 'ai-feature-flags:fme.environments.${env}' <FME environment id>`,
                );
            const spec = experiment.environments[env];
            if (spec.ramp) checkRamp(spec.ramp, `${envAt}.ramp`, experiment, treatments, report);
            else checkSplit(spec.split, `${envAt}.split`, experiment, treatments, report);
            (spec.rules ?? []).forEach((rule, r) => checkSplit(rule.split, `${envAt}.rules[${r}].split`, experiment, treatments, report));
            for (const { matcher, at: where } of ruleReferences(experiment, env)) {
                const subject = `${at} ${where}`;
                if (matcher.inSegment !== undefined)
                    checkSegmentReference(matcher.inSegment, experiment, env, subject, catalog, stack, groups, broken, report);
                if (matcher.experiment !== undefined) checkDependency(matcher, experiment, env, subject, byName, experimentNames, report);
            }
        }
    }
    reportCycles(catalog.experiments, report);
}

/** Checks the treatments and the two treatments named by role; returns the declared names. */
function checkTreatments(experiment: ExperimentSpec, at: string, report: Report): string[] {
    const names = experiment.treatments.map((treatment) => treatment.name);
    for (const j of repeatedAt(names))
        report(
            `${at} treatments[${j}].name`,
            `'${names[j]}' is declared twice`,
            "unique treatment names within an experiment",
            `rename one of them on ${at} in flags.ts`,
        );
    for (const [field, role] of [
        ["baseline", "the control the others are compared with"],
        ["defaultTreatment", "served when killed or not allocated"],
    ] as const) {
        if (!names.includes(experiment[field]))
            report(
                `${at} ${field}`,
                `'${experiment[field]}' is not one of its treatments`,
                `${oneOf(names)} (${role})`,
                `${didYouMean(experiment[field], names)}set ${field} to a treatment name on ${at} in flags.ts`,
            );
    }
    return names;
}

/** Sizes name declared treatments and add up to 100, or to at most 100 when the baseline takes the rest. */
function checkSplit(split: Split, at: string, experiment: ExperimentSpec, treatments: string[], report: Report) {
    let total = 0;
    for (const [treatment, size] of Object.entries(split)) {
        if (!treatments.includes(treatment))
            report(
                `${at}.${treatment}`,
                `'${treatment}' is not one of its treatments`,
                oneOf(treatments),
                `${didYouMean(treatment, treatments)}name a declared treatment in flags.ts`,
            );
        total += size;
    }
    if (experiment.baseline in split) {
        if (total !== 100)
            report(
                at,
                `adds up to ${total}`,
                "percentages adding up to exactly 100 (or leave the baseline out to give it the rest)",
                `make the percentages of ${at} add up to 100 in flags.ts`,
            );
    } else if (total > 100) {
        report(
            at,
            `adds up to ${total}, leaving nothing for the baseline`,
            "at most 100 across the named treatments; the baseline gets the rest",
            `lower the percentages of ${at} in flags.ts`,
        );
    }
}

/** A ramp moves a declared treatment other than the baseline (which gets the rest), and each guard has its own name. */
function checkRamp(ramp: RampSpec, at: string, experiment: ExperimentSpec, treatments: string[], report: Report) {
    if (ramp.treatment === experiment.baseline)
        report(
            `${at}.treatment`,
            `'${ramp.treatment}' is the baseline, which gets what the ramped treatment does not`,
            `one of its other treatments: ${treatments.filter((t) => t !== experiment.baseline).join(", ") || "(none is declared)"}`,
            `name the treatment being ramped up in flags.ts`,
        );
    else if (!treatments.includes(ramp.treatment))
        report(
            `${at}.treatment`,
            `'${ramp.treatment}' is not one of its treatments`,
            oneOf(treatments),
            `${didYouMean(ramp.treatment, treatments)}name a declared treatment in flags.ts`,
        );
    const names = ramp.guard.map((guard) => guard.name);
    for (const g of repeatedAt(names))
        report(`${at}.guard[${g}].name`, `'${names[g]}' is used twice`, "a name per guard", "rename one of the guards in flags.ts");
}

/** `inSegment` must name a segment that exists in the same environment, for the same traffic type. */
function checkSegmentReference(
    name: string,
    experiment: ExperimentSpec,
    env: string,
    subject: string,
    catalog: Pick<Catalog, "segments">,
    stack: StackFme,
    groups: GroupsByEnvironment,
    broken: BrokenNames,
    report: Report,
) {
    const segment = catalog.segments.find((s) => s.name === name);
    const names = catalog.segments.map((s) => s.name);
    if (!segment) {
        if (!broken.segments.has(name))
            report(
                `${subject}.inSegment`,
                `segment '${name}' is not declared`,
                `${oneOf(names, "a segment declared in segments (none is)")}: FME refuses a rule on a segment that does not exist`,
                `${didYouMean(name, names)}declare it in segments with keys per environment, from a target group, or external: true when it is managed elsewhere`,
            );
        return;
    }
    if (segment.from !== undefined && broken.targetGroups.has(segment.from)) return; // its group's own problem is reported
    if (segment.trafficType !== experiment.trafficType)
        report(
            `${subject}.inSegment`,
            `segment '${name}' holds '${segment.trafficType}' keys, the experiment '${experiment.trafficType}' traffic`,
            "a segment of the experiment's traffic type",
            `use a '${experiment.trafficType}' segment, or set trafficType: "${experiment.trafficType}" on segment '${name}' in flags.ts`,
        );
    else if (!segmentEnvironments(segment, groups, stack.fme).includes(env))
        report(
            `${subject}.inSegment`,
            `segment '${name}' does not exist in '${env}'`,
            `a segment with keys in '${env}'`,
            segment.from
                ? `add '${env}' to target group '${segment.from}''s environments in flags.ts`
                : `add keys.${env} to segment '${name}' in flags.ts`,
        );
}

/** IN_SPLIT: another experiment, in the same environment and traffic type, and treatments it has (Split refuses the rest). */
function checkDependency(
    matcher: Matcher,
    experiment: ExperimentSpec,
    env: string,
    subject: string,
    byName: ReadonlyMap<string, ExperimentSpec>,
    names: string[],
    report: Report,
) {
    const name = matcher.experiment!;
    const other = byName.get(name);
    if (name === experiment.name) {
        report(`${subject}.experiment`, "depends on itself", "another experiment", "name another experiment in flags.ts");
    } else if (!other) {
        if (!names.includes(name))
            report(
                `${subject}.experiment`,
                `'${name}' is not an experiment in the catalog`,
                oneOf(
                    names.filter((n) => n !== experiment.name),
                    "another experiment in flags.ts (none is declared)",
                ),
                `${didYouMean(name, names)}declare it in experiments, or correct the name`,
            );
    } else if (!(env in other.environments)) {
        report(
            `${subject}.experiment`,
            `'${name}' does not run in '${env}'`,
            "an experiment in the same environment: Split evaluates a dependency in the environment of the rule",
            `add environments.${env} to experiment '${name}', or drop the condition, in flags.ts`,
        );
    } else if (other.trafficType !== experiment.trafficType) {
        report(
            `${subject}.experiment`,
            `'${name}' splits '${other.trafficType}' traffic, this experiment '${experiment.trafficType}'`,
            "an experiment of the same traffic type: Split does not target across traffic types",
            "depend on an experiment of the same traffic type in flags.ts",
        );
    } else {
        const missing = (matcher.treatments ?? []).filter((t) => !other.treatments.some((o) => o.name === t));
        if (missing.length)
            report(
                `${subject}.treatments`,
                `${JSON.stringify(missing)} are not treatments of '${name}'`,
                `some of: ${other.treatments.map((t) => t.name).join(", ")}`,
                `fix treatments in flags.ts`,
            );
    }
}

/** Split refuses circular dependencies: each cycle is reported once, at the condition that closes it. */
function reportCycles(experiments: readonly ExperimentSpec[], report: Report) {
    const edges = new Map(
        experiments.map((e) => [
            e.name,
            Object.keys(e.environments).flatMap((env) =>
                ruleReferences(e, env)
                    .filter((r) => r.matcher.experiment !== undefined && r.matcher.experiment !== e.name)
                    .map((r) => ({ to: r.matcher.experiment!, at: r.at })),
            ),
        ]),
    );
    const finished = new Set<string>();
    const onPath: string[] = [];
    const visit = (name: string) => {
        onPath.push(name);
        for (const { to, at } of edges.get(name) ?? []) {
            const start = onPath.indexOf(to);
            if (start >= 0) {
                const cycle = [...onPath.slice(start), to];
                report(
                    `experiment '${name}' ${at}.experiment`,
                    `closes a circular dependency: ${cycle.join(" → ")}`,
                    "dependencies without cycles: Split refuses them",
                    `remove one of the IN_SPLIT conditions of ${cycle
                        .slice(0, -1)
                        .map((n) => `'${n}'`)
                        .join(", ")} in flags.ts`,
                );
            } else if (edges.has(to) && !finished.has(to)) {
                visit(to);
            }
        }
        onPath.pop();
        finished.add(name);
    };
    for (const name of edges.keys()) if (!finished.has(name)) visit(name);
}

/** The experiments with each one after those its rules depend on (IN_SPLIT), so their definitions exist first. */
export function inDependencyOrder(experiments: readonly ExperimentSpec[]): ExperimentSpec[] {
    const byName = new Map(experiments.map((e) => [e.name, e]));
    const ordered: ExperimentSpec[] = [];
    const placed = new Set<string>();
    const place = (experiment: ExperimentSpec, visiting: Set<string>) => {
        if (placed.has(experiment.name) || visiting.has(experiment.name)) return;
        visiting.add(experiment.name);
        for (const env of Object.keys(experiment.environments)) {
            for (const { matcher } of ruleReferences(experiment, env)) {
                const other = matcher.experiment === undefined ? undefined : byName.get(matcher.experiment);
                if (other) place(other, visiting);
            }
        }
        placed.add(experiment.name);
        ordered.push(experiment);
    };
    for (const experiment of experiments) place(experiment, new Set());
    return ordered;
}
