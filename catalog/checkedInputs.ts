// What the program runs on: the stack's settings and the catalog, checked together before anything
// is declared, and, in a stack that protects anything, against what its last deployment left live.
// The only part of validation that needs the Pulumi runtime (config, log, a StackReference).
import * as pulumi from "@pulumi/pulumi";
import { loadSettings, Settings } from "../config";
import { formatProblems, Problem } from "../lib/problems";
import { DeployedFlag, protectionProblems } from "./lastDeployment";
import { protectsAnything, Safety, safetyOf } from "../resources/protection";
import type { Catalog } from "./types";
import { parseCatalog, validateCatalog } from "./validate";
import { atRolloutStages } from "../rollouts/stateFile";

/**
 * Thrown before any resource is constructed when settings or catalog are invalid. A RunError, so
 * `pulumi up` prints the message alone, without a stack trace.
 */
export class ValidationError extends pulumi.RunError {
    constructor(
        heading: string,
        readonly problems: readonly Problem[],
    ) {
        super(formatProblems(heading, problems));
        this.name = "ValidationError";
    }
}

/**
 * The `flags` output of this stack's last deployment, read through a StackReference to the stack
 * itself; undefined before the first deployment or when it cannot be read (Pulumi's `protect`
 * still stops a deletion or replacement then).
 */
export async function lastDeployedFlags(): Promise<Record<string, DeployedFlag> | undefined> {
    try {
        const self = new pulumi.StackReference("last-deployment", {
            name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
        });
        const { value } = (await self.getOutputDetails("flags")) as { value?: unknown };
        return value && typeof value === "object" ? (value as Record<string, DeployedFlag>) : undefined;
    } catch (error) {
        void pulumi.log.warn(
            `could not read this stack's last deployment (${(error as Error).message}); removed or replaced flags will be stopped by protect during the update instead`,
        );
        return undefined;
    }
}

/**
 * The stack's settings and its catalog, once both pass every rule and, where the stack protects
 * anything, the catalog agrees with what the last deployment left live. Throws one
 * ValidationError listing every problem of both, before any resource is declared; warnings go to
 * the Pulumi log.
 */
export async function checkedInputs(input: unknown, today = new Date()): Promise<{ settings: Settings; catalog: Catalog; safety: Safety }> {
    const config = await loadSettings();
    const { catalog, broken, problems } = parseCatalog(input);
    if (!config.ok) {
        const heading = problems.length
            ? `Stack '${pulumi.getStack()}' config and flags.ts catalog`
            : `Stack '${pulumi.getStack()}' config`;
        throw new ValidationError(heading, [...config.problems, ...problems]);
    }
    const { settings } = config;
    const report = validateCatalog(catalog, settings, today, broken);
    problems.push(...report.problems);
    // Each ramped split at the stage its rollout state records, before anything reads a split.
    const staged = problems.length ? { catalog, problems: [], warnings: [] } : atRolloutStages(catalog, pulumi.getStack());
    problems.push(...staged.problems);
    report.warnings.push(...staged.warnings);
    const safety = safetyOf(settings);
    if (!problems.length && protectsAnything(safety)) {
        const deployed = await lastDeployedFlags();
        if (deployed) problems.push(...protectionProblems(staged.catalog, deployed, pulumi.getStack(), pulumi.getProject()));
    }
    if (problems.length) throw new ValidationError("flags.ts catalog", problems);
    // Logging is fire-and-forget: the engine orders it with the update's other messages.
    for (const warning of report.warnings) void pulumi.log.warn(warning);
    return { settings, catalog: staged.catalog, safety };
}
