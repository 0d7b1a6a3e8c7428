// The catalog as TypeScript constants for application code: each flag's and experiment's key,
// kind, variations with their typed values (the JSON model configurations as types), and a safe
// default, so code asks for `Flags.chat_model.key` with `Flags.chat_model.default` and gets a
// typed result, with no string literals. Pure and deterministic; the file has no imports, so an
// application can copy it.
import { stableStringify } from "../lib/stableJson";
import type { Catalog, JsonValue } from "./types";

/** The TypeScript type of a JSON value: objects by their keys (sorted), lists by their items. */
function typeOf(value: JsonValue): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return `${unionOf(value)}[]`;
    if (typeof value === "object") {
        const fields = Object.keys(value)
            .sort()
            .map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${typeOf(value[key])}`);
        return fields.length ? `{ ${fields.join("; ")} }` : "Record<string, never>";
    }
    return typeof value;
}

/** The union of the types of `values`, each type once, in order. */
function unionOf(values: readonly JsonValue[]): string {
    const types = [...new Set(values.map(typeOf))];
    if (!types.length) return "never";
    return types.length === 1 ? types[0] : `(${types.join(" | ")})`;
}

/** `chat-model-ab` → `chatModelAb`; `chat_model` → `ChatModel` with `upper`. */
export function camelCase(name: string, upper = false): string {
    const words = name.split(/[-_]+/).filter(Boolean);
    const joined = words.map((w, i) => (i === 0 && !upper ? w : w[0].toUpperCase() + w.slice(1))).join("");
    return /^[A-Za-z_$]/.test(joined) ? joined : `_${joined}`;
}

const literal = (value: JsonValue) => stableStringify(value);
const comment = (text: string, indent: string) => `${indent}/** ${text.replace(/\*\//g, "*∕")} */`;

/** The constants module for `catalog`. */
export function flagConstants(catalog: Catalog, header: string): string {
    const lines = [`// ${header}`, "// Do not edit: change flags.ts and run `npm run generate`.", ""];
    const types: string[] = [];
    const flags: string[] = [];
    for (const flag of catalog.flags) {
        const valueType = `${camelCase(flag.identifier, true)}Value`;
        const values = flag.variations.map((v) => v.value);
        // Strings and numbers are a union of the values the flag can serve; json values a type of their shape.
        const type =
            flag.kind === "json"
                ? unionOf(values).replace(/^\((.*)\)$/, "$1")
                : flag.kind === "boolean"
                  ? "boolean"
                  : [...new Set(values.map(literal))].join(" | ");
        types.push(comment(`The values of flag '${flag.identifier}' (${flag.kind}).`, ""), `export type ${valueType} = ${type};`);
        const defaultOff = flag.variations.find((v) => v.identifier === flag.defaultOff)!;
        flags.push(
            comment(`${flag.name}: ${flag.description} Owner: ${flag.owner}.`, "    "),
            `    ${flag.identifier}: {`,
            `        key: ${JSON.stringify(flag.identifier)},`,
            `        kind: ${JSON.stringify(flag.kind)},`,
            "        variations: {",
            ...flag.variations.map((v) => `            ${v.identifier}: ${literal(v.value)} as ${valueType},`),
            "        },",
            "        /** The default-off variation: what the flag serves wherever it is off. */",
            `        default: ${literal(defaultOff.value)} as ${valueType},`,
            `        defaultVariation: ${JSON.stringify(defaultOff.identifier)},`,
            "    },",
        );
    }
    const experiments: string[] = [];
    for (const experiment of catalog.experiments) {
        const valueType = `${camelCase(experiment.name, true)}Configuration`;
        types.push(
            comment(`The configurations of experiment '${experiment.name}'.`, ""),
            `export type ${valueType} = ${unionOf(experiment.treatments.map((t) => t.configuration)).replace(/^\((.*)\)$/, "$1")};`,
        );
        const baseline = experiment.treatments.find((t) => t.name === experiment.baseline)!;
        experiments.push(
            comment(`${experiment.description} Owner: ${experiment.owner}.`, "    "),
            `    ${camelCase(experiment.name)}: {`,
            `        key: ${JSON.stringify(experiment.name)},`,
            `        kind: "json",`,
            "        treatments: {",
            ...experiment.treatments.map(
                (t) =>
                    `            ${/^[A-Za-z_$][\w$]*$/.test(t.name) ? t.name : JSON.stringify(t.name)}: ${literal(t.configuration)} as ${valueType},`,
            ),
            "        },",
            "        /** The baseline treatment's configuration: the safe default. */",
            `        default: ${literal(baseline.configuration)} as ${valueType},`,
            `        defaultTreatment: ${JSON.stringify(baseline.name)},`,
            "    },",
        );
    }
    lines.push(...types, "", "/** Harness feature flags, by identifier. */", "export const Flags = {", ...flags, "} as const;", "");
    lines.push(
        "/** Harness FME experiments, by name in camelCase; `key` is the FME flag name. */",
        "export const Experiments = {",
        ...experiments,
        "} as const;",
        "",
    );
    return lines.join("\n");
}
