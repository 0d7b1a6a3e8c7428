// The offline plan as a reviewer reads it: each component with its resources, their options and
// inputs, then the stack outputs; every secret masked.
import type { ProgramRun, Registration } from "./mockRuntime";

const SCOPE_INPUTS = new Set(["orgId", "projectId", "accountId"]);
// deleteBeforeReplace is left out: every Harness resource here has it (fixed identifiers).
const NOTABLE_OPTIONS = ["protect", "ignoreChanges", "retainOnDelete", "additionalSecretOutputs"] as const;

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Replaces every secret value found anywhere in `value` with "[secret]". */
function mask(value: unknown, secrets: ReadonlySet<string>): unknown {
    if (typeof value === "string") return secrets.has(value) ? "[secret]" : value;
    if (Array.isArray(value)) return value.map((v) => mask(v, secrets));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, secrets)]));
    return value;
}

/** Every string inside `value`. */
function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (value && typeof value === "object") return Object.values(value).flatMap(strings);
    return [];
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** A resource: type and name, its notable options, then each input on its own line. */
function describe(registration: Registration, secrets: ReadonlySet<string>, indent: string): string[] {
    const lines = [`${indent}${registration.custom ? "+" : "="} ${registration.type}  ${registration.name}`];
    const options = NOTABLE_OPTIONS.filter((o) => registration.options[o]).map((o) => `${o}=${show(registration.options[o])}`);
    if (options.length) lines.push(`${indent}    (${options.join(", ")})`);
    for (const [key, value] of Object.entries(registration.inputs)) {
        if (value === undefined || SCOPE_INPUTS.has(key)) continue;
        const masked = mask(value, secrets);
        const document = typeof masked === "string" && masked.startsWith("{") ? parseJson(masked) : undefined;
        if (document) {
            // A JSON document (an FME definition): indented, so a reviewer sees what changed.
            lines.push(`${indent}    ${key}:`, ...JSON.stringify(document, null, 2).split("\n").map((line) => `${indent}      ${line}`));
        } else if (Array.isArray(masked) && masked.some((item) => item && typeof item === "object")) {
            lines.push(`${indent}    ${key}:`, ...masked.map((item) => `${indent}      - ${show(item)}`));
        } else {
            lines.push(`${indent}    ${key}: ${show(masked)}`);
        }
    }
    return lines;
}

/**
 * The plan of `run`. Secrets are the values of secret config (`secretConfigValues`) and every value
 * inside a secret output: wherever one appears, in an input or an output, it prints as [secret].
 */
export function planReport(run: ProgramRun, stack: string, secretConfigValues: Iterable<string>): string {
    const secrets = new Set([...secretConfigValues, ...Object.values(run.outputs).filter((o) => o.secret).flatMap((o) => strings(o.value))]);
    const lines: string[] = [];
    const scope = run.registrations.find((r) => r.inputs.orgId)?.inputs;
    lines.push(`Offline plan for stack '${stack}' (mock runtime: nothing is sent to Harness)`);
    if (scope) lines.push(`Harness scope: org ${scope.orgId}, project ${scope.projectId}`);
    const components = run.registrations.filter((r) => !r.custom);
    lines.push("", `Resources: ${run.registrations.length - components.length} Harness resources in ${components.length} components`);
    const print = (parent: string | undefined, indent: string) => {
        for (const registration of run.registrations.filter((r) => r.options.parent === parent)) {
            lines.push(...describe(registration, secrets, indent));
            if (!registration.custom) print(registration.name, `${indent}    `);
        }
    };
    print(undefined, "  ");
    lines.push("", "Outputs:");
    for (const [key, { value, secret }] of Object.entries(run.outputs)) {
        const text = secret ? "[secret]" : value && typeof value === "object" ? JSON.stringify(mask(value, secrets), null, 2) : show(mask(value, secrets));
        lines.push(`  ${key}: ${text.split("\n").join("\n  ")}`);
    }
    return lines.join("\n");
}
