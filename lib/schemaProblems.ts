// Schema issues (zod) as problems people can act on: the subject names the entity and field, `found`
// says what was there (never a secret's value), `allowed` comes from the field's description in the
// schema, and the fix is concrete: the value to write, the key to rename, or the key to remove.
import { z } from "zod";
import type { Problem } from "./problems";
import { closest } from "./suggest";

export type Path = readonly PropertyKey[];

/** A path as people write it: `environments.prod.state`, `variations[1]`, `keys["odd key"]`. */
export function fieldPath(path: Path): string {
    return path
        .map((key, i) => {
            if (typeof key === "number") return `[${key}]`;
            const name = String(key);
            return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${i ? "." : ""}${name}` : `[${JSON.stringify(name)}]`;
        })
        .join("");
}

/** How one kind of document (the catalog, the stack config) names a place and writes a fix. */
export interface Addressing {
    subject(path: Path): string;
    /** The fix that writes `value` (source text, such as `"on"` or `true`) at `path`. */
    set(path: Path, value: string): string;
    /** The fix that removes the key at `path`. */
    remove(path: Path): string;
    /** The fix that renames the key at `path` to `to`. */
    rename(path: Path, to: string): string;
    /** The fix that says what to change at `path`, where no value can be written for the person: "shorten it to 100 characters". */
    change(path: Path, what: string): string;
    /** Values at this path are secret: never printed. */
    isSecret?(path: Path): boolean;
}

/** The documentation a schema carries: `description` says what is allowed, `examples[0]` is written by fixes. */
interface FieldDocs {
    description?: string;
    examples?: unknown[];
}

type Schema = z.core.$ZodType;

/** The parts of zod's internal schema definitions that problems read (zod 4's `_zod.def`, untyped outside zod). */
interface SchemaDef {
    type: string;
    innerType?: Schema;
    in?: Schema;
    getter?: () => Schema;
    options?: Schema[];
    discriminator?: string;
    values?: unknown[];
    shape?: Record<string, Schema>;
    catchall?: Schema;
    element?: Schema;
    items?: Schema[];
    rest?: Schema;
    valueType?: Schema;
    format?: unknown;
}
const internals = (schema: Schema) => (schema as unknown as { _zod: { def: SchemaDef; optin?: string } })._zod;
const defOf = (schema: Schema) => internals(schema).def;

/** A schema and the wrappers it sits in (optional, default, pipe …), outermost first. */
function layers(schema: Schema): Schema[] {
    const chain = [schema];
    for (let current = schema; ;) {
        const def = defOf(current);
        const inner = ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)
            ? def.innerType
            : def.type === "pipe"
              ? def.in
              : def.type === "lazy"
                ? def.getter?.()
                : undefined;
        if (!inner) return chain;
        chain.push(inner);
        current = inner;
    }
}

const core = (schema: Schema) => layers(schema).at(-1)!;
const docsOf = (schema: Schema): FieldDocs =>
    layers(schema)
        .map((s) => (z.globalRegistry.get(s) ?? {}) as FieldDocs)
        .find((d) => d.description) ?? {};

/** The option of a union that `value` was meant for: the one its discriminator names, or the first object. */
function unionOption(schema: Schema, value: unknown): Schema | undefined {
    const def = defOf(schema);
    const options: Schema[] = def.options ?? [];
    const discriminator = def.discriminator;
    if (discriminator && value && typeof value === "object") {
        const tag = (value as Record<string, unknown>)[discriminator];
        const match = options.find((o) => (defOf(core(defOf(core(o)).shape?.[discriminator] ?? o)).values ?? []).includes(tag));
        if (match) return match;
    }
    return options.find((o) => defOf(core(o)).type === "object") ?? options[0];
}

/** The schema of the child `key` of a value of `schema`. */
function childSchema(schema: Schema, key: PropertyKey, value: unknown): Schema | undefined {
    const inner = core(schema);
    const def = defOf(inner);
    switch (def.type) {
        case "object":
            return def.shape?.[key as string] ?? def.catchall;
        case "array":
            return def.element;
        case "tuple":
            return def.items?.[key as number] ?? def.rest;
        case "record":
            return def.valueType;
        case "union": {
            const option = unionOption(inner, value);
            return option && childSchema(option, key, value);
        }
        default:
            return undefined;
    }
}

/** The schema and the input value at `path`. */
function locate(root: Schema, input: unknown, path: Path): { schema?: Schema; value: unknown } {
    let schema: Schema | undefined = root;
    let value = input;
    for (const key of path) {
        schema = schema && childSchema(schema, key, value);
        value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    }
    return { schema, value };
}

/** The keys an object schema requires (for a union, those its first option requires). */
export function requiredKeys(schema: Schema): string[] {
    const def = defOf(core(schema));
    if (def.type === "union" && def.options?.length) return requiredKeys(def.options[0]);
    if (def.type !== "object") return [];
    return Object.entries(def.shape ?? {})
        .filter(([, field]) => internals(field).optin !== "optional")
        .map(([key]) => key);
}

/** The keys an object schema (or, for a union, any of its options) knows. */
function knownKeys(schema: Schema | undefined, value: unknown): string[] {
    if (!schema) return [];
    const def = defOf(core(schema));
    if (def.type === "object") return Object.keys(def.shape ?? {});
    if (def.type === "union") return [...new Set((def.options ?? []).flatMap((o) => knownKeys(o, value)))];
    return [];
}

const EXPECTED: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "an object",
    record: "a map of names to values",
    tuple: "a list",
    null: "null",
};

/** What kind of value this is, in words. */
function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    switch (typeof value) {
        case "string":
            return "text";
        case "number":
            return Number.isInteger(value) ? "a whole number" : "a number";
        case "boolean":
            return "a boolean";
        case "object":
            return "an object";
        default:
            return `a ${typeof value}`;
    }
}

/** A found value as a problem shows it. */
export function showValue(value: unknown, secret = false): string {
    if (value === undefined) return "missing";
    if (secret) return "[secret]";
    if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    if (typeof value === "function") return "a function";
    if (typeof value === "bigint") return `${value}n`;
    try {
        const text = JSON.stringify(value);
        if (text === undefined) return kindOf(value);
        return text.length > 80 ? `${text.slice(0, 77)}...` : text;
    } catch {
        return kindOf(value);
    }
}

/** A value as fix text writes it: the example the schema documents, else a placeholder. */
const sourceText = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value)));

/**
 * The discriminator value of the one option whose own fields (those not every option has) the
 * value uses most, when one does: `{kind: "p95", histogram, bound}` was meant as `above`.
 */
function optionByFields(union: Schema, discriminator: string, value: unknown): unknown {
    if (!value || typeof value !== "object") return undefined;
    const shapes = (defOf(core(union)).options ?? []).map((o) => defOf(core(o)).shape ?? {});
    const given = Object.keys(value).filter((key) => !shapes.every((shape) => key in shape));
    const scores = shapes.map((shape) => given.filter((key) => key in shape).length);
    const best = Math.max(0, ...scores);
    if (best === 0 || scores.filter((score) => score === best).length > 1) return undefined;
    const tag = shapes[scores.indexOf(best)][discriminator];
    return tag ? defOf(core(tag)).values?.[0] : undefined;
}

/**
 * The common fields of a discriminated union's options (the ones every option shares), with the
 * rest accepted as anything (and a field only some options have, as optional): checks what can be
 * checked when the discriminator itself is wrong.
 */
function commonFields(union: Schema): z.ZodType | undefined {
    const options = (defOf(core(union)).options ?? []).map((o) => defOf(core(o)).shape ?? {});
    if (!options.length || !(defOf(core(union)).options ?? []).every((o) => defOf(core(o)).type === "object")) return undefined;
    const [first, ...rest] = options;
    const shape: Record<string, Schema> = {};
    for (const key of new Set(options.flatMap((o) => Object.keys(o)))) {
        if (!options.every((o) => key in o)) shape[key] = z.unknown().optional();
        else shape[key] = rest.every((o) => o[key] === first[key]) ? first[key] : z.unknown();
    }
    return z.strictObject(shape);
}

/**
 * Turns the issues of `schema.safeParse(input)` into problems, one per wrong field (one per unknown
 * key), in the order zod found them.
 */
export function schemaProblems(schema: Schema, input: unknown, issues: readonly z.core.$ZodIssue[], addressing: Addressing): Problem[] {
    const problems: Problem[] = [];
    for (const issue of issues) problems.push(...issueProblems(schema, input, issue, addressing));
    return problems;
}

function issueProblems(root: Schema, input: unknown, issue: z.core.$ZodIssue, at: Addressing): Problem[] {
    const path = issue.path;
    const { schema, value } = locate(root, input, path);
    const docs = schema ? docsOf(schema) : {};
    const secret = at.isSecret?.(path) ?? false;
    const subject = at.subject(path);
    const example = docs.examples?.length ? sourceText(docs.examples[0]) : undefined;
    const setFix = (text: string | undefined) =>
        text && !secret ? at.set(path, text) : at.set(path, `<${String(path.at(-1) ?? "value")}>`);
    // A fix is written from what was found: a documented example fills only a place left empty;
    // where a value was given and no exact one follows from it, the fix says what to change.
    const given =
        value !== undefined &&
        value !== null &&
        !(typeof value === "string" && value.trim() === "") &&
        !(Array.isArray(value) && value.length === 0);
    const changeFix = (what: string) => at.change(path, `${what}${example && !secret ? `, such as ${example}` : ""}`);

    switch (issue.code) {
        case "unrecognized_keys": {
            const known = knownKeys(schema, value);
            return issue.keys.map((key) => {
                const keyPath = [...path, key];
                const nearest = closest(key, known);
                return {
                    subject: at.subject(keyPath),
                    found: `unknown key '${key}'`,
                    allowed: `the keys ${at.subject(path)} has: ${known.join(", ")}`,
                    fix: nearest ? `did you mean '${nearest}'? ${at.rename(keyPath, nearest)}` : at.remove(keyPath),
                };
            });
        }
        case "invalid_type": {
            const format = schema ? defOf(core(schema)).format : undefined;
            const expected =
                typeof format === "string" && format.includes("int") ? "a whole number" : (EXPECTED[issue.expected] ?? issue.expected);
            const found = value === undefined ? "missing" : `${showValue(value, secret)} is ${kindOf(value)}, not ${expected}`;
            const exact = given ? convertedText(value, issue.expected, expected === "a whole number") : undefined;
            // A value of another kind entirely keeps nothing to build on: the documented example shows the shape.
            const fix = setFix(exact ?? example ?? defaultFor(issue.expected));
            return [{ subject, found, allowed: docs.description ?? expected, fix }];
        }
        case "invalid_value": {
            const values = issue.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
            const nearest = typeof value === "string" ? closest(value, values) : undefined;
            return [
                {
                    subject,
                    found: value === undefined ? "missing" : `${showValue(value, secret)} is not one of the allowed values`,
                    allowed: `${docs.description ? `${docs.description}: ` : ""}one of: ${values.join(", ")}`,
                    fix: setFix(sourceText(nearest ?? issue.values[0])),
                },
            ];
        }
        case "invalid_union": {
            if ("discriminator" in issue && issue.discriminator) {
                const options = (issue as { options?: unknown[] }).options ?? [];
                const parentPath = path.slice(0, -1);
                const union = locate(root, input, parentPath).schema;
                const parent = locate(root, input, parentPath).value;
                const nearest =
                    (union && optionByFields(union, issue.discriminator, parent)) ??
                    (typeof value === "string" ? closest(value, options.map(String)) : undefined);
                const rest = union && parent && typeof parent === "object" ? commonFields(union)?.safeParse(parent) : undefined;
                return [
                    {
                        subject,
                        found: value === undefined ? "missing" : `${showValue(value, secret)} is not one of the allowed values`,
                        allowed: `${docs.description ? `${docs.description}: ` : ""}one of: ${options.join(", ")}`,
                        fix: setFix(sourceText(nearest ?? options[0])),
                    },
                    ...(rest && !rest.success && union
                        ? schemaProblems(commonFields(union)!, parent, rest.error.issues, prefixed(at, parentPath))
                        : []),
                ];
            }
            return [
                {
                    subject,
                    found: `${showValue(value, secret)} fits none of the allowed shapes`,
                    allowed: docs.description ?? "a value of the documented shape",
                    fix: given ? changeFix("rewrite it in one of the allowed shapes") : setFix(example),
                },
            ];
        }
        case "too_small":
        case "too_big": {
            const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
            const unit = issue.origin === "array" || issue.origin === "set" ? " items" : issue.origin === "string" ? " characters" : "";
            const size = Array.isArray(value)
                ? `${value.length} items`
                : typeof value === "string"
                  ? `${value.length} characters`
                  : showValue(value, secret);
            const found =
                Array.isArray(value) && value.length === 0
                    ? "an empty list"
                    : typeof value === "string" && value.trim() === ""
                      ? "empty"
                      : size;
            const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
            const fix = !given
                ? setFix(example)
                : typeof value === "number"
                  ? setFix(String(limit)) // the nearest allowed number
                  : issue.code === "too_big"
                    ? at.change(path, Array.isArray(value) ? `keep at most ${limit} items` : `shorten it to at most ${limit} characters`)
                    : changeFix(Array.isArray(value) ? `give at least ${limit} items` : `lengthen it to at least ${limit} characters`);
            return [{ subject, found, allowed: `${docs.description ? `${docs.description}; ` : ""}${bound}${unit}`, fix }];
        }
        default: {
            // invalid_format, custom (our refinements), not_multiple_of, invalid_key, invalid_element.
            // A refinement says what is wrong in `params.says` ("is a reserved word in Harness"),
            // so the value can be shown, or hidden when it is a secret, before it.
            const params = (issue as { params?: RefinementParams }).params ?? {};
            const found = params.says
                ? `${showValue(value, secret)} ${params.says}`
                : secret
                  ? "[secret] is not allowed here"
                  : issue.message;
            const fix =
                params.suggest !== undefined
                    ? setFix(sourceText(params.suggest))
                    : params.change
                      ? at.change(path, params.change)
                      : given
                        ? changeFix("change it to a value that is allowed")
                        : setFix(example);
            return [{ subject, found, allowed: params.allowed ?? docs.description ?? "see the field's description", fix }];
        }
    }
}

/**
 * A field's documentation for `.meta()`: what it allows (quoted by problems), an example (written
 * by fixes) and, where a refinement checks a pattern, the pattern, so the JSON Schema editors use
 * checks it too.
 */
export const fieldDoc = (description: string, example?: unknown, pattern?: RegExp) => ({
    description,
    ...(example === undefined ? {} : { examples: [example] }),
    ...(pattern ? { pattern: pattern.source } : {}),
});

/** Reports a refinement's problem on the value being checked. */
export const refine = (ctx: z.RefinementCtx, message: string, params: RefinementParams) =>
    ctx.addIssue({ code: "custom", message, params });

/** What a refinement (a `custom` issue) adds to its issue for the problem it becomes. */
export interface RefinementParams {
    /** What is wrong with the value, said after it: "is a reserved word in Harness". */
    says?: string;
    /** What is allowed, when the field's description does not say it. */
    allowed?: string;
    /** The value the fix writes, when better than the documented example: the corrected spelling. */
    suggest?: unknown;
    /** What to change, where no value can be written for the person: "remove the trailing comma". */
    change?: string;
}

/** What people write for true and false, where a boolean was meant. */
const BOOLEAN_WORDS: Record<string, boolean> = {
    true: true,
    false: false,
    yes: true,
    no: false,
    on: true,
    off: false,
    "1": true,
    "0": false,
};

/** `value` as source text of the type the schema expects, where it converts exactly: "10" → 10, 12.6 → 13 (a whole number), "yes" → true. */
function convertedText(value: unknown, expected: string, whole: boolean): string | undefined {
    const text = typeof value === "string" ? value.trim() : undefined;
    const numeric = expected === "number" || expected === "int";
    if (numeric && whole && typeof value === "number" && Number.isFinite(value)) return String(Math.round(value));
    if (numeric && text !== undefined && text !== "" && Number.isFinite(Number(text)) && (!whole || Number.isInteger(Number(text))))
        return String(Number(text));
    const truth = typeof value === "number" ? String(value) : text?.toLowerCase();
    if (expected === "boolean" && truth !== undefined && BOOLEAN_WORDS[truth] !== undefined) return String(BOOLEAN_WORDS[truth]);
    return undefined;
}

/** The placeholder a fix writes for a type with no documented example. */
function defaultFor(expected: string): string | undefined {
    return { boolean: "true", array: "[]", object: "{}", record: "{}" }[expected];
}

/** An addressing for a sub-document found at `prefix` of the original. */
function prefixed(at: Addressing, prefix: Path): Addressing {
    return {
        subject: (path) => at.subject([...prefix, ...path]),
        set: (path, value) => at.set([...prefix, ...path], value),
        remove: (path) => at.remove([...prefix, ...path]),
        rename: (path, to) => at.rename([...prefix, ...path], to),
        change: (path, what) => at.change([...prefix, ...path], what),
        isSecret: (path) => at.isSecret?.([...prefix, ...path]) ?? false,
    };
}
