// The shape of the catalog in flags.ts, derived from its schema (catalog/schema.ts), so the types
// an ML engineer's editor checks and the rules the program enforces cannot drift apart.
// `CatalogInput` is what flags.ts writes; `Catalog` is what the program works with once the
// schema has parsed it (JSON text parsed, dates as epoch milliseconds, defaults filled in).
import type { z } from "zod";
import type {
    catalogSchema,
    experimentEnvironmentSchema,
    experimentSchema,
    flagEnvironmentSchema,
    flagSchema,
    guardSchema,
    matcherSchema,
    rampSchema,
    segmentSchema,
    splitSchema,
    targetGroupSchema,
    targetSchema,
    treatmentSchema,
} from "./schema";
export type { JsonValue, RampInForce } from "./schema";

export type CatalogInput = z.input<typeof catalogSchema>;
export type Catalog = z.output<typeof catalogSchema>;

export type FlagSpec = z.output<typeof flagSchema>;
export type FlagKind = FlagSpec["kind"];
/** A flag in one environment, as the catalog writes it (the component of an environment is components/flagEnvironment.ts). */
export type FlagEnvironmentSpec = z.output<typeof flagEnvironmentSchema>;
export type FlagState = FlagEnvironmentSpec["state"];
export type Variation = FlagSpec["variations"][number];
export type TargetSpec = z.output<typeof targetSchema>;
export type TargetGroupSpec = z.output<typeof targetGroupSchema>;
export type TargetGroupRule = NonNullable<TargetGroupSpec["rules"]>[number];

export type SegmentSpec = z.output<typeof segmentSchema>;
export type ExperimentSpec = z.output<typeof experimentSchema>;
export type ExperimentEnvironment = z.output<typeof experimentEnvironmentSchema>;
export type ExperimentRule = NonNullable<ExperimentEnvironment["rules"]>[number];
export type Treatment = z.output<typeof treatmentSchema>;
export type Matcher = z.output<typeof matcherSchema>;
export type Split = z.output<typeof splitSchema>;
export type RampSpec = z.output<typeof rampSchema>;
export type GuardSpec = z.output<typeof guardSchema>;
