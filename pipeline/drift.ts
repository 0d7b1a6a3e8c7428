// What a `pulumi preview --refresh --json` says drifted, as a markdown report for the drift issue.
// Only operations, types, names and the names of the properties that differ are printed: never a
// value, since states hold keys.

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

/** The issue body: what drifted, and what to do about it. */
export function driftReport(stack: string, drifted: readonly DriftedResource[], runUrl?: string): string {
    const lines = [
        `\`pulumi preview --refresh --expect-no-changes\` on stack \`${stack}\` found ${drifted.length} resource${drifted.length === 1 ? "" : "s"} that Harness no longer has as the catalog declares them${runUrl ? ` ([run](${runUrl}))` : ""}:`,
        "",
        "| Operation | Resource | Type | Properties that differ |",
        "| --- | --- | --- | --- |",
        ...drifted.map((r) => `| ${r.op} | \`${r.name}\` | \`${r.type}\` | ${r.properties.length ? r.properties.map((p) => `\`${p}\``).join(", ") : "—"} |`),
        "",
        "Someone changed these in Harness, outside this repository (flags with `targeting: \"harness\"` are not checked: their live state belongs to the Harness UI).",
        "Either put the change into `flags.ts` (or the stack config) in a pull request, so the catalog says what is live, or run the deploy workflow to set Harness back to the catalog.",
    ];
    return lines.join("\n");
}
