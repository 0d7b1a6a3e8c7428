// What the rules of every catalog entity share: the settings they are checked against, the
// names of entries whose shape is wrong, each environment's target groups, and how a rule reports.
import type { FmeSettings, Settings } from "../config";
import type { Problem, Report } from "../lib/problems";
import type { CatalogList } from "./schema";
import type { TargetGroupSpec } from "./types";

/** The settings the catalog is checked against. */
export type StackSettings = Pick<Settings, "environments" | "accountId" | "fme">;

/** Names of entries whose shape is wrong: references to them are not reported as unknown on top. */
export type BrokenNames = Record<CatalogList, Set<string>>;

/** Each stack environment's target groups, by identifier. */
export type GroupsByEnvironment = ReadonlyMap<string, ReadonlyMap<string, TargetGroupSpec>>;

export interface CatalogReport {
    problems: Problem[];
    /** Not errors: things a reviewer should see, such as an expired temporary flag. */
    warnings: string[];
}

/** Reports, for a rule that names targets, each one the catalog does not declare. */
export type TargetCheck = (subject: string, targets: readonly string[]) => void;

export type { Report };

/** Reports an entry (a segment or an experiment) whose traffic type the stack config does not map to an FME id. */
export function checkTrafficType(at: string, trafficType: string, fme: Pick<FmeSettings, "trafficTypes">, report: Report): void {
    if (!fme.trafficTypes[trafficType])
        report(
            `${at} trafficType`,
            `'${trafficType}' has no id in the stack config`,
            "a traffic type listed in ai-feature-flags:fme.trafficTypes",
            `pulumi config set --path 'ai-feature-flags:fme.trafficTypes.${trafficType}' <traffic type id>`,
        );
}
