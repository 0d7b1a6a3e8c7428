// The catalog's one schema: what flags.ts may say, field by field. The TypeScript types
// (catalog/types.ts), the run-time check of every catalog (a literal, a JSON or YAML file, or one
// built by code) and the editor schema (`npm run schema` → catalog.schema.json) all come from
// here, so they cannot drift. Each field documents what it allows (`description`) and an example
// (`examples[0]`): problems quote the first and fixes write the second. Rules that look across
// entries (references, Harness limits, protection) are plain functions in validate.ts.
import { z } from "zod";
import { DURATION, parseDay, parseDuration } from "../lib/dates";
import { IDENTIFIER_PATTERN, IDENTIFIER_RULE, identifierFault, suggestIdentifier } from "../lib/identifiers";
import { fieldDoc, refine } from "../lib/schemaProblems";
import { stableStringify } from "../lib/stableJson";

/** Where a ramp stands, from its rollout state (rollouts/<stack>.json, which npm run rollout writes). */
export interface RampInForce {
    /** The stage in force, counted from 1, or 0 once rolled back. */
    stage: number;
    /** The ramped treatment's percent: its stage's, or 0 once rolled back. */
    percent: number;
    status: "ramping" | "rolled back" | "finished";
    /** When this stage took effect (ISO 8601). */
    since?: string;
    /** What the decision that set it saw: whether every guard held, and the smallest sample a treatment had. */
    guards?: "ok" | "failing" | "no data";
    n?: number;
}

/** A ramp with no rollout state yet: at its first stage. */
export const atFirstStage = (stages: readonly number[]): RampInForce => ({ stage: 1, percent: stages[0], status: "ramping" });

/** Any value JSON can carry: what a `json` flag's variation holds (a model configuration, say). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A Harness identifier: flags, variations, target groups, targets and tags share the rule. */
const harnessIdentifier = (what: string, example: string, reservedWordsApply = true) =>
    z
        .string()
        .superRefine((value, ctx) => {
            const fault = identifierFault(value, reservedWordsApply);
            if (fault) refine(ctx, `'${value}' ${fault}`, { says: fault, suggest: suggestIdentifier(value) });
        })
        .meta(fieldDoc(`${what}: ${IDENTIFIER_RULE}`, example, IDENTIFIER_PATTERN));

/** Harness FME names (experiments, treatments, segments): a letter, then letters, digits, - or _. */
export const FME_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,99}$/;
export const FME_NAME_RULE = "a letter, then letters, digits, - or _ (at most 100 characters)";
/** FME reserves these treatment names (in any case) for its own use. */
export const RESERVED_TREATMENTS = ["control", "true", "false", "split"];
const fmeName = (what: string, example: string) =>
    z
        .string()
        .superRefine((value, ctx) => {
            if (!FME_NAME.test(value))
                refine(ctx, `'${value}' is not a valid FME name`, {
                    says: "is not a valid FME name",
                    suggest: value.replace(/[^a-zA-Z0-9_-]/g, "-").replace(/^[^a-zA-Z]+/, "") || undefined,
                });
        })
        .meta(fieldDoc(`${what}: ${FME_NAME_RULE}`, example, FME_NAME));

const text = (description: string, example: string) => z.string().meta(fieldDoc(description, example));
const nonBlank = (description: string, example: string) =>
    z
        .string()
        .superRefine((value, ctx) => {
            if (value.trim() === "") refine(ctx, "is empty", { says: "is empty" });
        })
        .meta(fieldDoc(description, example));
const flag = (description: string) => z.boolean().meta(fieldDoc(description, true));

/** A calendar day, `YYYY-MM-DD`. */
const day = (description: string, example: string) =>
    z
        .string()
        .superRefine((value, ctx) => {
            if (!parseDay(value)) refine(ctx, `'${value}' is not a date`, { says: "is not a calendar date written YYYY-MM-DD" });
        })
        .meta(fieldDoc(`${description}, written YYYY-MM-DD`, example, /^\d{4}-\d{2}-\d{2}$/));

/** A value JSON carries faithfully (no undefined, NaN, functions, class instances or cycles). */
function jsonProblem(value: unknown): string | undefined {
    try {
        stableStringify(value);
        return undefined;
    } catch (error) {
        return (error as Error).message;
    }
}

const parses = (text: string) => {
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
    }
};

/**
 * A JSON value, written as the value itself or as JSON text; text is parsed, so both compile to
 * the same sorted JSON. `object` requires an object, as treatment configurations are.
 */
const json = (description: string, example: unknown, object = false) =>
    z
        .unknown()
        .transform((raw, ctx): JsonValue => {
            let value = raw;
            if (typeof raw === "string") {
                try {
                    value = JSON.parse(raw);
                } catch (error) {
                    // A trailing comma is the usual slip, and removing it is an exact fix that keeps every field.
                    const withoutTrailingCommas = raw.replace(/,(\s*[}\]])/g, "$1");
                    const fixed = withoutTrailingCommas !== raw && parses(withoutTrailingCommas) ? withoutTrailingCommas : undefined;
                    refine(ctx, "is not valid JSON text", {
                        says: `is text that is not valid JSON (${(error as Error).message})`,
                        ...(fixed
                            ? { suggest: fixed }
                            : {
                                  change: "make the text valid JSON (the parser stopped at the position above), or write the value itself instead of text",
                              }),
                    });
                    return z.NEVER;
                }
            }
            const problem = jsonProblem(value);
            if (problem) {
                refine(ctx, problem, { says: `cannot be carried by JSON: ${problem}` });
                return z.NEVER;
            }
            if (object && (value === null || typeof value !== "object" || Array.isArray(value))) {
                refine(ctx, "is not an object", { says: "is not an object" });
                return z.NEVER;
            }
            return value as JsonValue;
        })
        .meta(fieldDoc(description, example));

// ----- Targets and target groups (Harness Feature Flags) -----

/**
 * A target's identifier follows its own rule, wider than other identifiers: SDKs create targets
 * from user ids and emails (Harness docs, "Add targets": "Regex requirements for target names and
 * identifiers").
 */
export const TARGET_IDENTIFIER_PATTERN = /^[A-Za-z0-9.@_-]+$/;
const targetIdentifier = z
    .string()
    .superRefine((value, ctx) => {
        if (!TARGET_IDENTIFIER_PATTERN.test(value))
            refine(ctx, `'${value}' is not a valid target identifier`, {
                says: "is not a valid target identifier",
                suggest: value.replace(/[^A-Za-z0-9.@_-]/g, "_") || undefined,
            });
    })
    .meta(
        fieldDoc(
            "the target's identifier, as the application passes it to the SDK: letters, digits, . @ _ or -",
            "user_ana_ml",
            TARGET_IDENTIFIER_PATTERN,
        ),
    );

export const targetSchema = z
    .strictObject({
        identifier: targetIdentifier,
        name: nonBlank("the target's display name", "Ana (ML platform)"),
        attributes: z
            .record(z.string(), z.string())
            .optional()
            .meta(fieldDoc("target attributes, name → text", { team: "ml-platform" })),
        external: flag(
            "true when the target exists in Harness already and is kept there (an SDK created it, or it was adopted): rules may name it, nothing is created",
        ).optional(),
    })
    .superRefine((target, ctx) => {
        // A target the stack creates keeps to the identifier rule of every resource it declares;
        // one that exists in Harness already may carry any identifier Harness gave it.
        const fault = target.external ? undefined : identifierFault(target.identifier);
        if (fault)
            ctx.addIssue({
                code: "custom",
                path: ["identifier"],
                message: fault,
                params: {
                    says: `${fault} for a target the stack creates`,
                    allowed: `${IDENTIFIER_RULE}; or external: true for a target that exists in Harness already`,
                    suggest: suggestIdentifier(target.identifier),
                },
            });
    })
    .meta(
        fieldDoc("a Harness target: a user or service that targeting names individually", {
            identifier: "user_ana_ml",
            name: "Ana (ML platform)",
        }),
    );

export const TARGET_GROUP_OPS = ["equal", "equal_sensitive", "in", "starts_with", "ends_with", "contains", "match"] as const;

const targetGroupRuleSchema = z.strictObject({
    attribute: nonBlank("the target attribute the rule compares, such as plan or email", "plan"),
    op: z.enum(TARGET_GROUP_OPS).meta(fieldDoc("the comparison", "in")),
    values: z
        .array(z.string())
        .min(1)
        .meta(fieldDoc("the values compared against", ["enterprise"])),
    negate: flag("true to match targets the comparison does not match").optional(),
});

export const targetGroupSchema = z
    .strictObject({
        identifier: harnessIdentifier("the group's identifier", "internal_testers"),
        name: nonBlank("the group's display name", "Internal testers"),
        environments: z
            .array(z.string())
            .optional()
            .meta(fieldDoc("the stack environments that have the group (all of them when absent)", ["prod"])),
        included: z
            .array(z.string())
            .optional()
            .meta(fieldDoc("targets in the group: identifiers declared in targets", ["user_ana_ml"])),
        excluded: z
            .array(z.string())
            .optional()
            .meta(fieldDoc("targets kept out of the group: identifiers declared in targets", ["user_chen_qa"])),
        rules: z
            .array(targetGroupRuleSchema)
            .optional()
            .meta(fieldDoc("attribute rules that add targets to the group", [{ attribute: "plan", op: "in", values: ["enterprise"] }])),
        external: flag(
            "true when the group exists in Harness already and is kept there (it was adopted): flags may serve its listed members, nothing is created",
        ).optional(),
    })
    .meta(fieldDoc("a Harness target group", { identifier: "internal_testers", name: "Internal testers", included: ["user_ana_ml"] }));

// ----- Flags (Harness Feature Flags) -----

const variationRef = (description: string) => z.string().meta(fieldDoc(description, "on"));
const targetList = (description: string) =>
    z.record(z.string(), z.array(z.string()).min(1)).meta(fieldDoc(description, { on: ["user_ana_ml"] }));

export const flagEnvironmentSchema = z
    .strictObject({
        state: z.enum(["on", "off"]).meta(fieldDoc("on (targeting applies, then defaultOn) or off (defaultOff for everyone)", "on")),
        defaultOn: variationRef("overrides the flag's defaultOn in this environment").optional(),
        defaultOff: variationRef("overrides the flag's defaultOff in this environment").optional(),
        targets: targetList("variation → targets served it, while the flag is on").optional(),
        targetGroups: targetList("variation → target groups whose listed members are served it, while the flag is on").optional(),
    })
    .meta(fieldDoc("the flag's state and targeting in one environment", { state: "on" }));

const flagFields = {
    identifier: harnessIdentifier("the flag's identifier, immutable (changing it replaces the flag)", "chat_model"),
    name: nonBlank("the flag's display name", "Chat model"),
    description: text("what the flag changes", "Which model configuration answers chat requests."),
    owner: nonBlank("a person's email or a team that answers for the flag", "ml-platform@example.com"),
    tags: z
        .array(harnessIdentifier("a tag", "llm"))
        .optional()
        .meta(fieldDoc("tags, each a Harness identifier", ["llm"])),
    permanent: flag("true for a flag that stays; otherwise give expiresOn").optional(),
    expiresOn: day("the day a temporary flag should be gone", "2027-03-31").optional(),
    targeting: z
        .enum(["code", "harness"])
        .optional()
        .meta(fieldDoc("who owns live state: code (the catalog, the default) or harness (the Harness UI)", "code")),
    environments: z
        .record(z.string(), flagEnvironmentSchema)
        .optional()
        .meta(fieldDoc("stack environment → the flag's state there; one not listed gets the flag off", { dev: { state: "on" } })),
    archived: flag("true on a flag on its way out: archived in Harness, off everywhere, unprotected").optional(),
    allowReplace: flag("true lets this deploy replace the flag in a protected stack (a kind change)").optional(),
    defaultOn: variationRef("the variation served when the flag is on and no targeting matches"),
    defaultOff: variationRef("the variation served when the flag is off"),
};

const variationSchema = <Value extends z.ZodType>(value: Value) =>
    z.strictObject({
        // Harness names a boolean flag's variations "true" and "false" itself (the UI's defaults), so
        // its reserved words do not apply to variations: an adopted flag keeps them.
        identifier: harnessIdentifier("the variation's identifier", "on", false),
        name: nonBlank("the variation's display name", "On"),
        description: text("what the variation does", "The assistant answers."),
        value,
    });
const kindOf = <Kind extends string>(kind: Kind) =>
    z.literal(kind).meta(fieldDoc("the type of the flag's values: boolean, string, int or json", kind));
const variations = <Value extends z.ZodType>(value: Value) =>
    z
        .array(variationSchema(value))
        .min(2)
        .meta(fieldDoc("the values the flag can serve, at least 2", [{ identifier: "on", name: "On", description: "", value: true }]));

export const flagSchema = z
    .discriminatedUnion("kind", [
        z.strictObject({
            ...flagFields,
            kind: kindOf("boolean"),
            variations: variations(z.boolean().meta(fieldDoc("true or false", true))),
        }),
        z.strictObject({ ...flagFields, kind: kindOf("string"), variations: variations(z.string().meta(fieldDoc("text", "summary-v3"))) }),
        z.strictObject({ ...flagFields, kind: kindOf("int"), variations: variations(z.int().meta(fieldDoc("a whole number", 1024))) }),
        z.strictObject({
            ...flagFields,
            kind: kindOf("json"),
            variations: variations(
                json("a JSON value (or JSON text), such as a model configuration", { model: "gpt-4o-mini", temperature: 0.2 }),
            ),
        }),
    ])
    .meta(fieldDoc("a Harness feature flag"));

// ----- FME segments and experiments (Harness FME) -----

export const segmentSchema = z
    .strictObject({
        name: fmeName("the FME segment name, as inSegment names it", "internal_testers"),
        description: text("what the segment is (changing it replaces the segment in FME)", "People who try changes first.").optional(),
        trafficType: nonBlank("the FME traffic type of its keys, mapped to an id in the stack's fme.trafficTypes", "user"),
        keys: z
            .record(z.string(), z.array(z.string()))
            .optional()
            .meta(fieldDoc("stack environment → the keys in the segment there", { prod: ["user_ana_ml"] })),
        from: z
            .string()
            .optional()
            .meta(
                fieldDoc(
                    "a target group of listed targets whose members are the segment's keys in each of its environments",
                    "internal_testers",
                ),
            ),
        external: flag("true when the segment is managed outside this stack: rules may name it, nothing is created").optional(),
    })
    .superRefine((segment, ctx) => {
        const sources = (["keys", "from", "external"] as const).filter((key) => segment[key] !== undefined && segment[key] !== false);
        if (sources.length !== 1)
            refine(ctx, "needs exactly one source", {
                says: sources.length ? `has ${sources.join(" and ")}` : "has no keys, from or external",
                allowed: "exactly one of keys (per environment), from (a target group) or external: true",
            });
    })
    .meta(
        fieldDoc("an FME segment that experiment rules can target", {
            name: "internal_testers",
            trafficType: "user",
            from: "internal_testers",
        }),
    );

/** A percent of traffic, whole (FME sizes buckets in whole percents). */
const percent = (description: string, example: number) =>
    z
        .int()
        .min(0)
        .max(100)
        .meta(fieldDoc(`${description}, a whole percent from 0 to 100`, example));
const wholeNumber = (description: string) => z.int().meta(fieldDoc(`${description}; FME compares whole numbers`, 50));
const strings = (description: string) =>
    z
        .array(z.string())
        .min(1)
        .meta(fieldDoc(description, ["enterprise"]));

/** A matcher date: `YYYY-MM-DD` (that day, 00:00 UTC) or whole epoch milliseconds; compiles to epoch milliseconds. */
const matcherDate = z
    .unknown()
    .transform((value, ctx) => {
        if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
        const dayText = parseDay(value);
        if (dayText) return Date.parse(dayText);
        refine(ctx, "is not a date", {
            says: "is not a date",
            allowed: "a date written YYYY-MM-DD, or whole milliseconds since the epoch",
        });
        return z.NEVER;
    })
    .meta(fieldDoc("a date written YYYY-MM-DD, or whole milliseconds since the epoch", "2026-12-01"));

/** The conditions a matcher can have: exactly one of these keys. */
export const CONDITION_KEYS = [
    "inSegment",
    "in",
    "startsWith",
    "endsWith",
    "contains",
    "equals",
    "atLeast",
    "atMost",
    "between",
    "is",
    "onDate",
    "onOrAfter",
    "onOrBefore",
    "betweenDates",
    "experiment",
] as const;
/** Conditions that compare a traffic attribute, and so need `attribute`. */
export const ATTRIBUTE_CONDITIONS: ReadonlySet<string> = new Set(CONDITION_KEYS.filter((k) => k !== "inSegment" && k !== "experiment"));

export const matcherSchema = z
    .strictObject({
        attribute: nonBlank("the traffic attribute the condition compares, as the application passes it", "plan").optional(),
        not: flag("true to match traffic the condition does not match").optional(),
        inSegment: nonBlank("an FME segment declared in segments (IN_SEGMENT)", "internal_testers").optional(),
        in: strings("the attribute is one of these strings (IN_LIST_STRING)").optional(),
        startsWith: strings("the attribute starts with one of these (STARTS_WITH_STRING)").optional(),
        endsWith: strings("the attribute ends with one of these (ENDS_WITH_STRING)").optional(),
        contains: strings("the attribute contains one of these (CONTAINS_STRING)").optional(),
        equals: wholeNumber("the attribute equals this number (EQUAL_NUMBER)").optional(),
        atLeast: wholeNumber("the attribute is at least this number (GREATER_THAN_OR_EQUAL_NUMBER)").optional(),
        atMost: wholeNumber("the attribute is at most this number (LESS_THAN_OR_EQUAL_NUMBER)").optional(),
        between: z
            .tuple([z.int(), z.int()])
            .optional()
            .meta(fieldDoc("[from, to], whole numbers, from ≤ to (BETWEEN_NUMBER)", [5, 50])),
        is: flag("the boolean attribute is this (BOOLEAN)").optional(),
        onDate: matcherDate.optional(),
        onOrAfter: matcherDate.optional(),
        onOrBefore: matcherDate.optional(),
        betweenDates: z
            .tuple([matcherDate, matcherDate])
            .optional()
            .meta(fieldDoc("[from, to], two dates, from ≤ to (BETWEEN_DATE)", ["2026-01-01", "2026-12-31"])),
        experiment: nonBlank("another experiment in the catalog (IN_SPLIT)", "rag-ab").optional(),
        treatments: strings("with experiment: the treatments of that experiment that match").optional(),
    })
    .superRefine((matcher, ctx) => {
        const conditions = CONDITION_KEYS.filter((key) => matcher[key] !== undefined);
        const issue = (path: string, says: string, allowed: string) =>
            ctx.addIssue({ code: "custom", path: [path], message: says, params: { says, allowed } });
        if (conditions.length !== 1) {
            refine(ctx, "needs exactly one condition", {
                says: conditions.length ? `has ${conditions.length} conditions (${conditions.join(", ")})` : "has no condition",
                allowed: `exactly one of: ${CONDITION_KEYS.join(", ")}`,
            });
            return;
        }
        const [condition] = conditions;
        if (ATTRIBUTE_CONDITIONS.has(condition) && matcher.attribute === undefined)
            issue("attribute", "is missing", `the traffic attribute ${condition} compares`);
        if (!ATTRIBUTE_CONDITIONS.has(condition) && matcher.attribute !== undefined)
            issue("attribute", `is set, but ${condition} reads no attribute`, `no attribute with ${condition}`);
        if (condition === "experiment" && matcher.treatments === undefined)
            issue("treatments", "is missing", "the treatments of that experiment that match");
        if (condition !== "experiment" && matcher.treatments !== undefined)
            issue("treatments", `is set on a ${condition} condition`, "treatments only with experiment");
        for (const key of ["between", "betweenDates"] as const) {
            const range = matcher[key];
            if (range && range[0] > range[1]) issue(key, `goes from ${range[0]} down to ${range[1]}`, "[from, to] with from ≤ to");
        }
    })
    .meta(fieldDoc("one condition of a rule", { inSegment: "internal_testers" }));

export const splitSchema = z
    .record(z.string(), percent("the percent of this traffic the treatment gets", 10))
    .meta(fieldDoc("treatment → percent; treatments left out give their share to the baseline", { candidate: 10 }));

/** A Prometheus series selector: a metric name, then label matchers in braces. */
export const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?$/;
const selector = (description: string, example: string) =>
    z
        .string()
        .superRefine((value, ctx) => {
            if (!SELECTOR.test(value.trim()))
                refine(ctx, `'${value}' is not a Prometheus series selector`, { says: "is not a Prometheus series selector" });
        })
        .meta(fieldDoc(`${description}: a Prometheus series selector, metric{label="value"}`, example, SELECTOR));
const maxIncrease = z
    .number()
    .min(0)
    .max(10)
    .meta(fieldDoc("how much worse than the baseline the candidate may be, as a fraction (0.25: up to 25% higher)", 0.25));
const guardName = nonBlank("what the guard watches, as decisions print it", "error rate");
const guardMax = z
    .number()
    .min(0)
    .optional()
    .meta(
        fieldDoc(
            "a ceiling on the candidate's value whatever the baseline does, in the guard's units (a share as a fraction, 0.05 is 5%; a mean per `per`); checked at 100% too",
            0.05,
        ),
    );
const guardKind = <Kind extends string>(kind: Kind) =>
    z
        .literal(kind)
        .meta(
            fieldDoc(
                "the kind of guard: ratio (events per total: errors per request), above (the share of a histogram above a bound: slow requests) or mean (a histogram's mean: cost per request)",
                kind,
            ),
        );

/**
 * A guard: one lower-is-better measure, per treatment, compared between the ramped treatment and
 * the baseline (rollouts/guards.ts says how each kind is read from Prometheus).
 */
export const guardSchema = z
    .discriminatedUnion("kind", [
        z.strictObject({
            name: guardName,
            kind: guardKind("ratio"),
            events: selector("a counter of the events, such as errors", 'llm_requests_total{outcome="error"}'),
            total: selector("a counter of what they are out of, such as requests", "llm_requests_total"),
            maxIncrease,
            max: guardMax,
        }),
        z.strictObject({
            name: guardName,
            kind: guardKind("above"),
            histogram: selector("a Prometheus histogram (its _bucket and _count series are read)", "llm_request_duration_seconds"),
            bound: z
                .number()
                .positive()
                .meta(fieldDoc("the bound, best one of the histogram's bucket bounds (le): p95 under 4 s means at most 5% above 4", 4)),
            maxIncrease,
            max: guardMax,
        }),
        z.strictObject({
            name: guardName,
            kind: guardKind("mean"),
            histogram: selector("a Prometheus histogram (its _bucket, _sum and _count series are read)", "llm_request_cost_dollars"),
            per: z.number().positive().optional().meta(fieldDoc("shown per this many observations (1000: cost per 1,000 requests)", 1000)),
            maxIncrease,
            max: guardMax,
        }),
    ])
    .meta(
        fieldDoc("a guard metric", {
            name: "error rate",
            kind: "ratio",
            events: "llm_errors_total",
            total: "llm_requests_total",
            maxIncrease: 0.25,
        }),
    );

export const rampSchema = z
    .strictObject({
        treatment: z.string().meta(fieldDoc("the treatment being ramped up (not the baseline)", "candidate")),
        stages: z
            .array(z.int().min(1).max(100))
            .min(1)
            .meta(fieldDoc("the treatment's percent at each stage, rising, ending at 100", [5, 25, 50, 100])),
        hold: z
            .string()
            .superRefine((value, ctx) => {
                if (!parseDuration(value))
                    refine(ctx, `'${value}' is not a duration`, { says: "is not a duration such as 1d, 12h or 30m" });
            })
            .meta(fieldDoc("the least time at each stage before it may advance, such as 1d, 12h or 1d12h", "1d", DURATION)),
        minSample: z
            .int()
            .min(1)
            .optional()
            .meta(fieldDoc("the observations each treatment needs, per guard, before any decision (default 1000)", 1000)),
        guard: z.array(guardSchema).min(1).meta(fieldDoc("what must hold for the ramp to go on", [])),
        label: z
            .string()
            .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
            .optional()
            .meta(fieldDoc("the Prometheus label that carries the treatment (default treatment)", "treatment")),
    })
    .superRefine((ramp, ctx) => {
        const rising = ramp.stages.every((stage, i) => i === 0 || stage > ramp.stages[i - 1]);
        if (!rising || ramp.stages[ramp.stages.length - 1] !== 100)
            ctx.addIssue({
                code: "custom",
                path: ["stages"],
                message: "stages must rise and end at 100",
                params: { says: `${JSON.stringify(ramp.stages)} does not rise to 100`, suggest: [5, 25, 50, 100] },
            });
    })
    .meta(
        fieldDoc("a guarded ramp: the split follows its stage in rollouts/<stack>.json (npm run rollout)", {
            treatment: "candidate",
            stages: [5, 25, 50, 100],
            hold: "1d",
            guard: [],
        }),
    );

type Split = z.output<typeof splitSchema>;

export const experimentEnvironmentSchema = z
    .strictObject({
        trafficAllocation: percent(
            "the percent of traffic in the experiment (default 100); the rest gets defaultTreatment",
            100,
        ).optional(),
        split: splitSchema.optional(),
        ramp: rampSchema.optional(),
        rules: z
            .array(
                z.strictObject({
                    when: z
                        .array(matcherSchema)
                        .min(1)
                        .meta(fieldDoc("conditions, all of which must hold", [{ inSegment: "internal_testers" }])),
                    split: splitSchema,
                }),
            )
            .optional()
            .meta(
                fieldDoc("targeting rules, tried in order before the default split", [
                    { when: [{ inSegment: "internal_testers" }], split: { candidate: 100 } },
                ]),
            ),
        since: day(
            "the day this split (or a ramp's first stage) took effect, so npm run stale sees an experiment left at 100%",
            "2026-11-20",
        ).optional(),
    })
    .superRefine((environment, ctx) => {
        const given = (["split", "ramp"] as const).filter((key) => environment[key] !== undefined);
        if (given.length !== 1)
            refine(ctx, "needs exactly one of split and ramp", {
                says: given.length ? "has both split and ramp" : "has neither split nor ramp",
                allowed: "split (a fixed split) or ramp (a split that follows its stage), not both",
            });
    })
    // Until its rollout state says otherwise (rollouts/state.ts), a ramp is at its first stage.
    .transform(({ ramp, split, ...environment }): typeof environment & { split: Split; ramp?: typeof ramp & { inForce: RampInForce } } => {
        if (!ramp) return { ...environment, split: split ?? {} };
        const inForce = atFirstStage(ramp.stages);
        return { ...environment, ramp: { ...ramp, inForce }, split: { [ramp.treatment]: inForce.percent } };
    })
    .meta(fieldDoc("the experiment in one environment", { split: { candidate: 10 } }));

export const treatmentSchema = z.strictObject({
    name: fmeName("the treatment's name (not control, true, false or split)", "candidate").superRefine((name, ctx) => {
        if (RESERVED_TREATMENTS.includes(name.toLowerCase()))
            refine(ctx, `'${name}' is reserved by FME`, {
                says: "is reserved by FME",
                allowed: `a name other than ${RESERVED_TREATMENTS.join(", ")}`,
                suggest: "candidate",
            });
    }),
    description: text("what the treatment is", "Claude Sonnet with the v4 system prompt."),
    configuration: json(
        "what the application receives with the treatment: an object (or JSON text of one)",
        { model: "claude-sonnet", temperature: 0.3 },
        true,
    ),
});

export const experimentSchema = z
    .strictObject({
        name: fmeName("the experiment's FME flag name", "chat-model-ab"),
        description: text("what the experiment compares", "Claude Sonnet (candidate) against GPT-4o mini (baseline)."),
        owner: nonBlank("a person's email or a team that answers for the experiment", "ml-platform@example.com"),
        tags: z
            .array(nonBlank("a tag", "llm"))
            .optional()
            .meta(fieldDoc("FME tags", ["llm"])),
        trafficType: nonBlank("the FME traffic type, mapped to an id in the stack's fme.trafficTypes", "user"),
        treatments: z
            .array(treatmentSchema)
            .min(1)
            .max(20)
            .meta(fieldDoc("1 to 20 treatments", [{ name: "baseline", description: "", configuration: {} }])),
        baseline: z.string().meta(fieldDoc("the treatment the others are measured against", "baseline")),
        defaultTreatment: z
            .string()
            .meta(fieldDoc("the treatment served when the experiment is killed or traffic is not allocated", "baseline")),
        environments: z
            .record(z.string(), experimentEnvironmentSchema)
            .meta(fieldDoc("stack environment → the experiment there; it exists only where listed", { dev: { split: { candidate: 50 } } })),
        allowReplace: flag("true unprotects the experiment for one deploy that replaces or removes it").optional(),
    })
    .meta(fieldDoc("a percentage experiment on Harness FME"));

// ----- The catalog -----

export const catalogSchema = z
    .strictObject({
        $schema: z
            .string()
            .optional()
            .meta(fieldDoc("the JSON Schema this catalog follows, for editors (a catalog kept as JSON or YAML)", "./catalog.schema.json")),
        targets: z.array(targetSchema).default([]).meta(fieldDoc("the targets that targeting and target groups name", [])),
        targetGroups: z.array(targetGroupSchema).default([]).meta(fieldDoc("Harness target groups", [])),
        segments: z.array(segmentSchema).default([]).meta(fieldDoc("FME segments that experiment rules name", [])),
        flags: z.array(flagSchema).meta(fieldDoc("the Harness feature flags ([] for none)", [])),
        experiments: z.array(experimentSchema).default([]).meta(fieldDoc("percentage experiments on Harness FME", [])),
    })
    .meta({
        title: "ai-feature-flags catalog",
        description: "Every feature flag, target, target group, FME segment and experiment the stack declares.",
    });

/** The lists of the catalog and the entity each holds, for naming problems. */
export const CATALOG_LISTS = {
    targets: { entity: "target", key: "identifier", schema: targetSchema },
    targetGroups: { entity: "target group", key: "identifier", schema: targetGroupSchema },
    segments: { entity: "segment", key: "name", schema: segmentSchema },
    flags: { entity: "flag", key: "identifier", schema: flagSchema },
    experiments: { entity: "experiment", key: "name", schema: experimentSchema },
} as const;
export type CatalogList = keyof typeof CATALOG_LISTS;
