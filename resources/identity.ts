// Resource identity in one place: the Harness provider's type tokens, this project's component
// types, the logical names the program gives resources, and the URNs Pulumi derives from them.
// A resource's URN is its identity in every deployed stack: renaming a type or a name here
// replaces live flags unless the old one stays reachable as an alias (COMPONENT_ALIASES).

/** The Harness provider's type tokens, as the published SDK registers them. */
export const HARNESS = {
    featureFlag: "harness:platform/featureFlag:FeatureFlag",
    sdkKey: "harness:platform/featureFlagApiKey:FeatureFlagApiKey",
    target: "harness:platform/featureFlagTarget:FeatureFlagTarget",
    targetGroup: "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup",
    fmeFlag: "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag",
    definition: "harness:fmeFeatureFlag/definition:Definition",
    segment: "harness:fmeSegment/fmeSegment:FmeSegment",
    segmentAssociation: "harness:fmeSegment/environmentAssociation:EnvironmentAssociation",
    segmentKeys: "harness:fmeEnvironment/segmentKeys:SegmentKeys",
    fmeSdkKey: "harness:fme/apiKey:ApiKey",
} as const;

/** This project's component types (`<package>:<module>:<Type>`). */
export const COMPONENTS = {
    flag: "ai-feature-flags:index:Flag",
    environment: "ai-feature-flags:index:FlagEnvironment",
    segment: "ai-feature-flags:index:Segment",
    experiment: "ai-feature-flags:index:Experiment",
} as const;

/** The types a component was once registered as: stacks deployed then keep every resource through them. */
export const COMPONENT_ALIASES: Readonly<Record<string, readonly string[]>> = {
    // Renamed: the plain Harness flag was called ExperimentFlag, so every kill switch printed as one.
    [COMPONENTS.flag]: ["ai-feature-flags:index:ExperimentFlag"],
};

/** The logical names of the program's components; each child is `<component name>-<role>`. */
export const NAMES = {
    environment: (env: string) => `env-${env}`,
    flag: (identifier: string) => `flag-${identifier}`,
    segment: (name: string) => `segment-${name}`,
    experiment: (name: string) => `experiment-${name}`,
    /** A component's child: `${parent}-${role}`, which lets it inherit the parent's aliases. */
    child: (parent: string, role: string) => `${parent}-${role}`,
} as const;

/** The URN Pulumi gives a resource from its stack, project, type chain (outermost component first) and name. */
export const urnOf = (stack: string, project: string, types: readonly string[], name: string) =>
    `urn:pulumi:${stack}::${project}::${types.join("$")}::${name}`;

/**
 * The aliases a component of `type` named `name` declares: its URN under each type it once had, at
 * the top level of `stack`. URNs, not `{ type }` specs: the SDK collapses a spec to a URN through a
 * chain of outputs in every constructor (about 270 promises a component, 160 more than a URN;
 * docs/performance.md), and the engine treats both alike, deriving the children's aliases from
 * the parent's either way (its step generator's generateAliases).
 */
export const topLevelAliases = (stack: string, project: string, type: string, name: string) =>
    (COMPONENT_ALIASES[type] ?? []).map((old) => urnOf(stack, project, [old], name));

/** A resource's own type, from its URN or, given as a type, that type itself. */
export const typeOf = (urnOrType: string) => (urnOrType.startsWith("urn:") ? urnOrType.split("::")[2].split("$").pop()! : urnOrType);

/** The URN of a catalog flag's FeatureFlag, for `pulumi state unprotect`. */
export const featureFlagUrn = (stack: string, project: string, identifier: string) =>
    urnOf(stack, project, [COMPONENTS.flag, HARNESS.featureFlag], NAMES.child(NAMES.flag(identifier), "flag"));
