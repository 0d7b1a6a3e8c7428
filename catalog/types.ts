// The shape of the catalog in flags.ts: what an ML engineer edits to add or change a flag.

/** Any value JSON can carry: what a `json` flag's variation holds (a model configuration, say). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FlagKind = "boolean" | "string" | "int" | "json";
export type FlagState = "on" | "off";
/** Who owns a flag's live state: the catalog (`code`), or people in the Harness UI (`harness`). */
export type Targeting = "code" | "harness";

export interface Variation<Value> {
    /** Harness identifier, unique in the flag; SDKs and targeting refer to the variation by it. */
    identifier: string;
    name: string;
    description: string;
    value: Value;
}

/** A flag's state in one environment. */
export interface FlagEnvironment {
    state: FlagState;
    /** Overrides the flag's `defaultOn` in this environment. */
    defaultOn?: string;
    /** Overrides the flag's `defaultOff` in this environment. */
    defaultOff?: string;
    /** Individual targeting: variation identifier → target identifiers that are served it. */
    targets?: Record<string, string[]>;
    /**
     * Target-group targeting: variation identifier → target groups whose listed members are served it.
     * The provider has no group rule on a flag, so a group here must be a plain list of targets
     * (no attribute rules); its `included` minus `excluded` targets are served the variation.
     */
    targetGroups?: Record<string, string[]>;
}

interface FlagCommon {
    /** Harness identifier: immutable; changing it replaces the flag. */
    identifier: string;
    name: string;
    description: string;
    /** Who answers for the flag: a person's email or a team. */
    owner: string;
    tags?: string[];
    /** `true` for a flag that stays; otherwise give `expiresOn`. */
    permanent?: boolean;
    /** The day a temporary flag should be gone, `YYYY-MM-DD`. */
    expiresOn?: string;
    /** Default `code`. With `harness`, per-environment state and targeting are left to the Harness UI. */
    targeting?: Targeting;
    /** Per Harness environment; an environment not listed here gets the flag `off`. */
    environments?: Record<string, FlagEnvironment>;
    /**
     * On its way out: archived in Harness, off everywhere, and no longer protected, so that a later
     * change can remove it from the catalog (how a flag leaves a protected stack).
     */
    archived?: boolean;
    /** Lets this deploy replace the flag in a protected stack (a `kind` change). Remove it afterwards. */
    allowReplace?: boolean;
}

interface TypedFlag<Kind extends FlagKind, Value> extends FlagCommon {
    kind: Kind;
    variations: Variation<Value>[];
    /** The variation served when the flag is on and no targeting matches. */
    defaultOn: string;
    /** The variation served when the flag is off. */
    defaultOff: string;
}

export type FlagSpec =
    | TypedFlag<"boolean", boolean>
    | TypedFlag<"string", string>
    | TypedFlag<"int", number>
    | TypedFlag<"json", JsonValue>;

/** A target-group rule: targets whose `attribute` satisfies `op` against `values` join the group. */
export interface TargetGroupRule {
    attribute: string;
    op: "equal" | "equal_sensitive" | "in" | "starts_with" | "ends_with" | "contains" | "match";
    values: string[];
    negate?: boolean;
}

export interface TargetGroupSpec {
    identifier: string;
    name: string;
    /** The stack environments that have this group; all of them when absent. */
    environments?: string[];
    included?: string[];
    excluded?: string[];
    rules?: TargetGroupRule[];
}

/** One FME treatment: a named variant with the configuration the application reads. */
export interface Treatment {
    /** A letter, then letters, digits, - or _; not control, true, false or split (reserved by FME). */
    name: string;
    description: string;
    /** What the application receives with the treatment: model, temperature, prompt version … */
    configuration: { [key: string]: JsonValue };
}

/**
 * Treatment → percent of traffic. Naming only some treatments gives the rest to the baseline:
 * `{candidate: 10}` is 10% candidate, 90% baseline, so a ramp is a one-number change.
 */
export type Split = Record<string, number>;

type Negatable<M> = M & {
    /** Matches when the condition does not hold. */
    not?: boolean;
};

/** One condition of a targeting rule. Each compiles to an FME matcher. */
export type Matcher = Negatable<
    | { inSegment: string } //                                   IN_SEGMENT
    | { attribute: string; in: string[] } //                        IN_LIST_STRING
    | { attribute: string; startsWith: string[] } //                STARTS_WITH_STRING
    | { attribute: string; endsWith: string[] } //                  ENDS_WITH_STRING
    | { attribute: string; contains: string[] } //                  CONTAINS_STRING
    | { attribute: string; equals: number } //                      EQUAL_NUMBER
    | { attribute: string; atLeast: number } //                     GREATER_THAN_OR_EQUAL_NUMBER
    | { attribute: string; atMost: number } //                      LESS_THAN_OR_EQUAL_NUMBER
    | { attribute: string; between: [number, number] } //           BETWEEN_NUMBER
    | { attribute: string; is: boolean } //                         BOOLEAN
    | { experiment: string; treatments: string[] } //               IN_SPLIT: another experiment served one of these
>;

/** Traffic matching every condition of `when` gets `split`. Rules are tried in order. */
export interface ExperimentRule {
    when: Matcher[];
    split: Split;
}

export interface ExperimentEnvironment {
    /** Percent of traffic in the experiment, 0–100 (default 100); the rest gets `defaultTreatment`. */
    trafficAllocation?: number;
    /** The split for traffic no rule matches. */
    split: Split;
    rules?: ExperimentRule[];
    /** The day this split took effect, `YYYY-MM-DD`: lets `npm run stale` see an experiment left at 100% for long. */
    since?: string;
}

/** A percentage experiment on Harness FME: one FME flag, one definition per environment. */
export interface ExperimentSpec {
    /** The FME flag name: a letter, then letters, digits, - or _. */
    name: string;
    description: string;
    owner: string;
    tags?: string[];
    /** The FME traffic type, such as `user`; the stack config maps it to its id. */
    trafficType: string;
    treatments: Treatment[];
    /** The control the others are measured against. */
    baseline: string;
    /** Served when the experiment is killed or traffic is not allocated. */
    defaultTreatment: string;
    /** Per stack environment; the experiment exists only in the environments listed. */
    environments: Record<string, ExperimentEnvironment>;
    /** Unprotects the experiment in a protected stack, for one deploy that replaces or removes it. */
    allowReplace?: boolean;
}

export interface Catalog {
    flags: FlagSpec[];
    targetGroups: TargetGroupSpec[];
    experiments?: ExperimentSpec[];
}
