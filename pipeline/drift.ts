// What a `pulumi preview --refresh --json` says drifted, as a markdown report for the drift issue.
// Only operations, types, names and the names of the properties that differ are printed: never a
// value, since states hold keys.
import { thrownText } from "../lib/errors";

interface PreviewStep {
    op?: string;
    urn?: string;
    diffReasons?: string[];
    detailedDiff?: Record<string, unknown>;
}

/** Operations that are not drift: nothing would change, or only the state was read. */
const UNCHANGED = new Set(["same", "read", "refresh", "discard", "import"]);

export interface DriftedResource {
    op: string;
    type: string;
    name: string;
    properties: string[];
}

/** The resources a preview would change, from its JSON. */
export function driftedResources(preview: { steps?: PreviewStep[] }): DriftedResource[] {
    return (preview.steps ?? [])
        .filter((step) => step.op && !UNCHANGED.has(step.op) && step.urn)
        .map((step) => {
            const parts = step.urn!.split("::");
            const type = (parts.at(-2) ?? "").split("$").pop()!;
            return { op: step.op!, type, name: parts.at(-1)!, properties: step.diffReasons ?? Object.keys(step.detailedDiff ?? {}) };
        })
        .filter((resource) => resource.type !== "pulumi:pulumi:Stack");
}

/** Pulumi's exit codes (CLI ≥ 3.226.1, pulumi.com/docs/iac/cli/exit-codes): 0 success; 7 when `--expect-no-changes` finds changes. */
const PULUMI_SUCCESS = 0;
const PULUMI_CHANGES_DETECTED = 7;

/** What a drift check concludes; only `clean` may close the drift issue, only `drift` may open it. */
export type DriftAssessment = { kind: "clean" } | { kind: "drift"; drifted: DriftedResource[] } | { kind: "failed"; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Reads `pulumi preview --refresh --expect-no-changes --json` and the exit code Pulumi gave it. It
 * fails closed: a preview that errored, JSON that is not a preview, error diagnostics, or a Pulumi
 * exit code that disagrees with the steps are failures, never "no drift".
 */
export function assessPreview(text: string, pulumiExit?: number): DriftAssessment {
    if (pulumiExit !== undefined && pulumiExit !== PULUMI_SUCCESS && pulumiExit !== PULUMI_CHANGES_DETECTED) {
        return {
            kind: "failed",
            reason: `pulumi preview failed with exit code ${pulumiExit} (not 0, no changes, nor 7, changes detected): nothing can be said about drift`,
        };
    }
    let preview: unknown;
    try {
        preview = JSON.parse(text);
    } catch (error) {
        return { kind: "failed", reason: `the preview is not JSON (${(error as Error).message})` };
    }
    if (!isObject(preview))
        return {
            kind: "failed",
            reason: `the preview is ${Array.isArray(preview) ? "a list" : JSON.stringify(preview)}, not the object pulumi preview --json writes`,
        };
    if (!Array.isArray(preview.steps))
        return {
            kind: "failed",
            reason: "the preview has no list of steps, so it is not what pulumi preview --json writes (or the preview stopped before planning)",
        };
    const malformed = preview.steps.findIndex((step) => !isObject(step) || typeof step.op !== "string" || typeof step.urn !== "string");
    if (malformed >= 0) return { kind: "failed", reason: `step ${malformed} of the preview has no op or urn` };
    const diagnostics = preview.diagnostics === undefined ? [] : preview.diagnostics;
    if (!Array.isArray(diagnostics)) return { kind: "failed", reason: "the preview's diagnostics are not a list" };
    const errors = diagnostics.filter((d) => isObject(d) && d.severity === "error");
    if (errors.length)
        return {
            kind: "failed",
            reason: `the preview reported ${errors.length} error${errors.length === 1 ? "" : "s"}: ${errors
                .map(
                    (d) =>
                        thrownText((d as Record<string, unknown>).message ?? "")
                            .trim()
                            .split("\n")[0],
                )
                .join("; ")}`,
        };
    const drifted = driftedResources(preview);
    if (pulumiExit === PULUMI_SUCCESS && drifted.length)
        return { kind: "failed", reason: `Pulumi found no changes, but the preview lists ${drifted.length}: the two disagree` };
    if (pulumiExit === PULUMI_CHANGES_DETECTED && !drifted.length)
        return { kind: "failed", reason: "Pulumi found changes, but the preview lists none this check understands: the two disagree" };
    return drifted.length ? { kind: "drift", drifted } : { kind: "clean" };
}

/** The issue body: what drifted, and what to do about it. */
export function driftReport(stack: string, drifted: readonly DriftedResource[], runUrl?: string): string {
    const lines = [
        `\`pulumi preview --refresh --expect-no-changes\` on stack \`${stack}\` found ${drifted.length} resource${drifted.length === 1 ? "" : "s"} that Harness no longer has as the catalog declares them${runUrl ? ` ([run](${runUrl}))` : ""}:`,
        "",
        "| Operation | Resource | Type | Properties that differ |",
        "| --- | --- | --- | --- |",
        ...drifted.map(
            (r) =>
                `| ${r.op} | \`${r.name}\` | \`${r.type}\` | ${r.properties.length ? r.properties.map((p) => `\`${p}\``).join(", ") : "—"} |`,
        ),
        "",
        'Someone changed these in Harness, outside this repository (flags with `targeting: "harness"` are not checked: their live state belongs to the Harness UI).',
        "Either put the change into `flags.ts` (or the stack config) in a pull request, so the catalog says what is live, or run the deploy workflow to set Harness back to the catalog.",
    ];
    return lines.join("\n");
}
