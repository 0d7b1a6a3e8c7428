// Resource options, decided in one place: which resources a stack protects, and how a
// replacement happens. Pure, so tests check them directly; the components only spread them.
import type * as pulumi from "@pulumi/pulumi";
import type { ExperimentSpec, FlagSpec } from "./types";

/** What the stack asks for: `protect` from config (true by default on stacks named prod*). */
export interface Safety {
    protect: boolean;
}

/**
 * Every Harness resource here has a fixed identifier (or name): its replacement cannot be created
 * while the old one exists, so the old one is deleted first instead of failing halfway.
 */
const FIXED_IDENTIFIER: pulumi.CustomResourceOptions = { deleteBeforeReplace: true };

/**
 * A flag's options. Protected in a protected stack, unless the catalog lets it go: `archived`
 * (on its way out) or `allowReplace` (a kind change this deploy may replace it for). Under
 * `targeting: harness` the Harness UI owns per-environment state and targeting: a toggle made there
 * during an incident must survive the next `pulumi up`, so `environments` is ignored after creation.
 */
export function featureFlagOptions(flag: Pick<FlagSpec, "targeting" | "archived" | "allowReplace">, safety: Safety): pulumi.CustomResourceOptions {
    return {
        ...FIXED_IDENTIFIER,
        protect: safety.protect && !flag.archived && !flag.allowReplace,
        ...(flag.targeting === "harness" ? { ignoreChanges: ["environments"] } : {}),
    };
}

/**
 * An SDK key's options. The current generation is protected; the previous one is not, because the
 * second deploy of a rotation deletes it.
 */
export function sdkKeyOptions(generation: "current" | "previous", safety: Safety): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: safety.protect && generation === "current" };
}

export function targetGroupOptions(safety: Safety): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: safety.protect };
}

/** An experiment's FME flag and definitions: protected unless the catalog sets `allowReplace`. */
export function experimentOptions(experiment: Pick<ExperimentSpec, "allowReplace">, safety: Safety): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: safety.protect && !experiment.allowReplace };
}
