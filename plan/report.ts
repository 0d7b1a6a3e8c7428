// The offline plan as a reviewer reads it, in Pulumi's symbols: the plain plan (everything `+`,
// since it compares with nothing) and the diff against a git ref (a rollout summary first, then
// resource changes), as text, markdown for a pull-request comment, or JSON. Every secret masked.
import type { PlanDiff, ResourceChange } from "./diff";
import { SYMBOLS } from "./diff";
import type { ProgramRun, Registration } from "./mockRuntime";

const SCOPE_INPUTS = new Set(["orgId", "projectId", "accountId"]);
// deleteBeforeReplace is left out: every Harness resource here has it (fixed identifiers).
const NOTABLE_OPTIONS = ["protect", "ignoreChanges", "retainOnDelete", "additionalSecretOutputs"] as const;

const show = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "(none)"));

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

/** The secrets of runs: the values of secret config, and every value inside a secret output. */
export function secretsOf(runs: readonly ProgramRun[], secretConfigValues: Iterable<string>): Set<string> {
    return new Set([
        ...secretConfigValues,
        ...runs.flatMap((run) =>
            Object.values(run.outputs)
                .filter((o) => o.secret)
                .flatMap((o) => strings(o.value)),
        ),
    ]);
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
    const lines = [`${indent}+ ${registration.type}  ${registration.name}`];
    const options = NOTABLE_OPTIONS.filter((o) => registration.options[o]).map((o) => `${o}=${show(registration.options[o])}`);
    if (options.length) lines.push(`${indent}    (${options.join(", ")})`);
    for (const [key, value] of Object.entries(registration.inputs)) {
        if (value === undefined || SCOPE_INPUTS.has(key)) continue;
        const masked = mask(value, secrets);
        const document = typeof masked === "string" && masked.startsWith("{") ? parseJson(masked) : undefined;
        if (document) {
            // A JSON document (an FME definition): indented, so a reviewer sees what it says.
            lines.push(
                `${indent}    ${key}:`,
                ...JSON.stringify(document, null, 2)
                    .split("\n")
                    .map((line) => `${indent}      ${line}`),
            );
        } else if (Array.isArray(masked) && masked.some((item) => item && typeof item === "object")) {
            lines.push(`${indent}    ${key}:`, ...masked.map((item) => `${indent}      - ${show(item)}`));
        } else {
            lines.push(`${indent}    ${key}: ${show(masked)}`);
        }
    }
    return lines;
}

/** What the program says about the stack's environments and segments: assumed types, segments managed elsewhere. */
function stackNotes(run: ProgramRun): string[] {
    const notes: string[] = [];
    const environments = (run.outputs.environments?.value ?? {}) as Record<string, { type: string; typeFrom: string; protected: boolean }>;
    const described = Object.entries(environments).map(
        ([id, e]) => `${id} ${e.type}${e.typeFrom === "id" ? " (assumed from its id)" : ""}${e.protected ? ", protected" : ""}`,
    );
    if (described.length) notes.push(`Environments: ${described.join("; ")}`);
    const segments = (run.outputs.segments?.value ?? {}) as Record<string, { managedBy: string }>;
    const external = Object.entries(segments)
        .filter(([, s]) => s.managedBy !== "this stack")
        .map(([name]) => name);
    if (external.length)
        notes.push(`FME segments managed elsewhere (external: rules name them, nothing is created): ${external.join(", ")}`);
    return notes;
}

/**
 * The plain plan of `run`: each component as a header with its resources under it. Everything is
 * `+` (create): this plan compares with nothing.
 */
export function planReport(run: ProgramRun, stack: string, secretConfigValues: Iterable<string>): string {
    const secrets = secretsOf([run], secretConfigValues);
    const lines: string[] = [];
    const scope = run.registrations.find((r) => r.inputs.orgId)?.inputs;
    lines.push(`Offline plan for stack '${stack}' (mock runtime: nothing is sent to Harness)`);
    lines.push(
        "Everything is shown as + (create): this plan compares with nothing. To see what a change does: npm run plan -- --diff <git ref>",
    );
    if (scope) lines.push(`Harness scope: org ${scope.orgId}, project ${scope.projectId}`);
    lines.push(...stackNotes(run));
    const components = run.registrations.filter((r) => !r.custom);
    lines.push("", `Resources: ${run.registrations.length - components.length} Harness resources in ${components.length} components`);
    const print = (parent: string | undefined, indent: string) => {
        for (const registration of run.registrations.filter((r) => r.options.parent === parent)) {
            if (registration.custom) {
                lines.push(...describe(registration, secrets, indent));
            } else {
                lines.push(`${indent}${registration.type.split(":").pop()} ${registration.name}`);
                print(registration.name, `${indent}    `);
            }
        }
    };
    print(undefined, "  ");
    lines.push("", "Outputs:");
    for (const [key, { value, secret }] of Object.entries(run.outputs)) {
        const text = secret
            ? "[secret]"
            : value && typeof value === "object"
              ? JSON.stringify(mask(value, secrets), null, 2)
              : show(mask(value, secrets));
        lines.push(`  ${key}: ${text.split("\n").join("\n  ")}`);
    }
    return lines.join("\n");
}

/** The plain plan for machines: every registration and output, secrets masked. */
export function planJson(run: ProgramRun, stack: string, secretConfigValues: Iterable<string>): string {
    const secrets = secretsOf([run], secretConfigValues);
    return JSON.stringify(
        {
            stack,
            registrations: mask(run.registrations, secrets),
            outputs: Object.fromEntries(Object.entries(run.outputs).map(([k, o]) => [k, o.secret ? "[secret]" : mask(o.value, secrets)])),
        },
        null,
        2,
    );
}

// ----- The diff -----

export interface DiffContext {
    stack: string;
    /** The git ref compared with. */
    base: string;
    secrets: ReadonlySet<string>;
    /** The run after the change, for its notes (environment types, external segments). */
    after: ProgramRun;
    /** Said when the base could not be evaluated and everything is compared with nothing. */
    baseProblem?: string;
}

const counts = (diff: PlanDiff) => {
    const of = (op: ResourceChange["op"]) => diff.resources.filter((r) => r.op === op).length;
    return { create: of("create"), update: of("update"), replace: of("replace"), delete: of("delete"), same: diff.unchanged };
};

const countLine = (diff: PlanDiff) => {
    const c = counts(diff);
    const kept = diff.aliased.reduce((sum, a) => sum + a.count, 0);
    return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.same} unchanged${kept ? ` (${kept} kept through aliases)` : ""}`;
};

const value = (v: unknown, secrets: ReadonlySet<string>) => (v === undefined ? "(none)" : JSON.stringify(mask(v, secrets)));

/** One resource change: its symbol, type and name, why it replaces, protect flips, then the inputs that differ. */
function changeLines(change: ResourceChange, secrets: ReadonlySet<string>): string[] {
    const lines = [`${SYMBOLS[change.op]} ${change.type}  ${change.name}`];
    if (change.replaceBecause) lines.push(`    (replace: ${change.replaceBecause.join(", ")} changed; deleted first, then created)`);
    if (change.op !== "delete" && change.protect.before !== change.protect.after && change.protect.before !== undefined)
        lines.push(`    protect: ${change.protect.before} → ${change.protect.after}`);
    if (change.op === "update" || change.op === "replace") {
        for (const p of change.properties) lines.push(`    ${p.path}: ${value(p.before, secrets)} → ${value(p.after, secrets)}`);
    }
    return lines;
}

/** Resource changes grouped under their components, components as headers. */
function groupedChanges(diff: PlanDiff, secrets: ReadonlySet<string>): string[] {
    const lines: string[] = [];
    const parents = [...new Set(diff.resources.map((r) => r.parent ?? ""))];
    for (const parent of parents) {
        if (parent) lines.push(parent);
        for (const change of diff.resources.filter((r) => (r.parent ?? "") === parent))
            lines.push(...changeLines(change, secrets).map((line) => `${parent ? "  " : ""}${line}`));
    }
    return lines;
}

/** What aliases keep: resources of a renamed component type, found under the old one. */
const aliasNotes = (diff: PlanDiff) =>
    diff.aliased.map(
        (a) =>
            `Kept through an alias: ${a.count} resource${a.count === 1 ? "" : "s"} of ${a.from}, now ${a.to} (the same resources: nothing is replaced or deleted for it)`,
    );

/** The diff as text: blockers, the rollout summary, then the resource changes. */
export function diffReport(diff: PlanDiff, context: DiffContext): string {
    const lines = [
        `Offline plan diff for stack '${context.stack}': ${context.base} → working tree (mock runtime: nothing is sent to Harness)`,
    ];
    if (context.baseProblem) lines.push(`Note: ${context.baseProblem}`);
    lines.push(...stackNotes(context.after), ...aliasNotes(diff));
    if (!diff.resources.length) {
        lines.push("", "No changes.");
        return lines.join("\n");
    }
    if (diff.blockers.length) {
        lines.push("", "Blockers:");
        for (const b of diff.blockers) lines.push(`  ✗ ${b.subject}: ${b.reason}`, `      fix: ${b.fix}`);
    }
    lines.push(
        "",
        "Rollout:",
        ...(diff.rollout.length
            ? diff.rollout.map((l) => `  ${l.subject}: ${l.change}`)
            : ["  nothing anyone is served changes (see the resource changes)"]),
    );
    lines.push("", `Resources: ${countLine(diff)}`, ...groupedChanges(diff, context.secrets).map((line) => `  ${line}`));
    return lines.join("\n");
}

/** The diff as a pull-request comment: the rollout first, the resource changes folded. */
export function diffMarkdown(diff: PlanDiff, context: DiffContext): string {
    const lines = [`### Offline plan: stack \`${context.stack}\`, \`${context.base}\` → this change`, ""];
    if (context.baseProblem) lines.push(`> ${context.baseProblem}`, "");
    for (const note of [...stackNotes(context.after), ...aliasNotes(diff)]) lines.push(`${note}  `);
    if (!diff.resources.length) {
        lines.push("", "**No changes.**");
        return lines.join("\n");
    }
    if (diff.blockers.length) {
        lines.push("", "**Blockers**", "");
        for (const b of diff.blockers) lines.push(`- ⛔ **${b.subject}**: ${b.reason}. Fix: ${b.fix}`);
    }
    lines.push("", "**Rollout**", "");
    lines.push(
        ...(diff.rollout.length
            ? diff.rollout.map((l) => `- ${l.subject}: ${l.change}`)
            : ["- nothing anyone is served changes (see the resource changes)"]),
    );
    lines.push(
        "",
        `<details><summary>Resource changes: ${countLine(diff)}</summary>`,
        "",
        "```diff",
        ...groupedChanges(diff, context.secrets),
        "```",
        "",
        "</details>",
    );
    lines.push(
        "",
        "_Computed offline by `npm run plan -- --diff` under Pulumi's mock runtime; `pulumi preview` against the real stack, where it runs, shows what Harness has now._",
    );
    return lines.join("\n");
}

/** The diff for machines: counts, rollout, blockers and resource changes, secrets masked. */
export function diffJson(diff: PlanDiff, context: DiffContext): string {
    return JSON.stringify(
        mask(
            {
                stack: context.stack,
                base: context.base,
                baseProblem: context.baseProblem,
                changes: counts(diff),
                aliased: diff.aliased,
                rollout: diff.rollout,
                blockers: diff.blockers,
                resources: diff.resources,
            },
            context.secrets,
        ),
        null,
        2,
    );
}
