// Resource options, decided in one place: protection (from resources/protection.ts) and how a
// replacement happens. Pure, so tests check them directly; the components only spread them.
import type * as pulumi from "@pulumi/pulumi";
import type { ExperimentSpec, FlagSpec } from "../catalog/types";
import { protects, Safety } from "./protection";

/**
 * Every Harness resource here has a fixed identifier (or name): its replacement cannot be created
 * while the old one exists, so the old one is deleted first instead of failing halfway.
 */
const FIXED_IDENTIFIER: pulumi.CustomResourceOptions = { deleteBeforeReplace: true };

/**
 * A flag's options. One FeatureFlag carries every environment, so it is protected when any of
 * them is, unless the catalog lets it go: `archived` (on its way out) or `allowReplace` (a kind
 * change this deploy may replace it for). Under `targeting: harness` the Harness UI owns
 * per-environment state and targeting: a toggle made there during an incident must survive the
 * next `pulumi up`, so `environments` is ignored after creation.
 */
export function featureFlagOptions(
    flag: Pick<FlagSpec, "targeting" | "archived" | "allowReplace">,
    safety: Safety,
    environments: readonly string[],
): pulumi.CustomResourceOptions {
    const ignoreChanges = flag.archived ? ARCHIVED_FLAG_FROZEN : flag.targeting === "harness" ? ["environments"] : undefined;
    return {
        ...FIXED_IDENTIFIER,
        protect: protects(safety, environments) && !flag.archived && !flag.allowReplace,
        ...(ignoreChanges ? { ignoreChanges } : {}),
    };
}

/**
 * What an archived flag keeps as it was: the provider refuses any update to an archived flag that
 * does not restore it ("Flag is archived and cannot be updated", resourceFeatureFlagUpdate in
 * terraform-provider-harness internal/service/platform/feature_flag/resource_feature_flag.go), so
 * only `archived` itself may change until it is restored; the archiving deploy sends the rest as
 * it was.
 */
const ARCHIVED_FLAG_FROZEN = [
    "name",
    "description",
    "owner",
    "tags",
    "permanent",
    "variations",
    "defaultOnVariation",
    "defaultOffVariation",
    "environments",
];

/**
 * An SDK key's options. The current generation is protected where its environment is; the
 * previous one is not, because the second deploy of a rotation deletes it.
 */
export function sdkKeyOptions(generation: "current" | "previous", safety: Safety, environment: string): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: protects(safety, [environment]) && generation === "current" };
}

/**
 * An FME SDK key: protected with its environment. Its value exists only once, at creation, so a
 * replaced key is a new key every application must be given; the provider has no identifier for it
 * to collide on, so a replacement creates the new key before it deletes the old one.
 */
export function fmeSdkKeyOptions(safety: Safety, environment: string): pulumi.CustomResourceOptions {
    return { protect: protects(safety, [environment]) };
}

/** A resource that lives in one environment (target, target group, segment association and keys, FME definition). */
export function environmentResourceOptions(safety: Safety, environment: string): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: protects(safety, [environment]) };
}

/** An experiment's FME flag (all its environments) or one definition: protected unless the catalog sets `allowReplace`. */
export function experimentOptions(
    experiment: Pick<ExperimentSpec, "allowReplace">,
    safety: Safety,
    environments: readonly string[],
): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: protects(safety, environments) && !experiment.allowReplace };
}

/** A segment across environments (the FmeSegment itself). */
export function segmentOptions(safety: Safety, environments: readonly string[]): pulumi.CustomResourceOptions {
    return { ...FIXED_IDENTIFIER, protect: protects(safety, environments) };
}
