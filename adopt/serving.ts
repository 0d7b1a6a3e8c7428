// The proof `npm run adopt` gives before anything is deployed: for every adopted flag, environment
// and target, what Harness serves today (from the API's answers) against what the program will
// declare, through the same flagd evaluation `npm run generate` writes for applications.
import { flagdDocument, flagdText } from "../catalog/flagd";
import type { Catalog } from "../catalog/types";
import type { Settings } from "../config";
import { FLAGD_TYPES, flagdCore } from "../generate/flagdEvaluation";
import { groupMembers } from "../catalog/targets";
import { type ApiFeature, type ApiSegment, type HarnessProject, segmentTargets } from "./fromHarness";

/** A key no rule or target names: what everyone else is served. */
export const EVERYONE_ELSE = "someone_else";

const members = (segment: ApiSegment) => groupMembers(segmentTargets(segment));

/**
 * The variation Harness serves `target` in one environment, following its evaluation order: off →
 * the off variation; on → the target's own variation, then its groups (variation map, then rules by
 * priority), then the default. Undefined where it depends on what is not known here (attributes,
 * percentage buckets).
 */
export function harnessServes(feature: ApiFeature, segments: ReadonlyMap<string, ApiSegment>, target: string): string | undefined {
    const props = feature.envProperties;
    if (!props) return undefined;
    if (props.state !== "on") return props.offVariation;
    for (const entry of props.variationMap ?? []) if (entry.targets?.some((t) => t.identifier === target)) return entry.variation;
    const inGroup = (id: string): boolean | undefined => {
        const segment = segments.get(id);
        if (!segment) return undefined;
        if (members(segment).includes(target)) return true;
        return segment.rules?.length ? undefined : false;
    };
    for (const entry of props.variationMap ?? [])
        for (const group of entry.targetSegments ?? []) {
            const member = inGroup(group);
            if (member === undefined) return undefined;
            if (member) return entry.variation;
        }
    for (const rule of [...(props.rules ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))) {
        const clauses = rule.clauses ?? [];
        if (!clauses.length || !clauses.every((c) => c.op === "segmentMatch" && !c.negate)) return undefined;
        const matches = clauses.map((c) => (c.values ?? []).map(inGroup));
        if (matches.some((values) => values.includes(undefined))) return undefined;
        if (matches.every((values) => values.includes(true))) return rule.serve?.variation;
    }
    return props.defaultServe?.variation;
}

export interface ServingComparison {
    /** flag × environment × target decisions compared. */
    compared: number;
    differences: string[];
}

/** Every adopted flag, environment and known target (and everyone else): Harness today against the program's flagd. */
export function compareServing(project: HarnessProject, catalog: Catalog, settings: Settings): ServingComparison {
    const environments = settings.environments.map((e) => e.id);
    const result: ServingComparison = { compared: 0, differences: [] };
    const adopted = new Map(catalog.flags.map((flag) => [flag.identifier, flag]));
    for (const env of Object.keys(project.environments)) {
        const core = flagdCore(flagdText(flagdDocument(catalog, environments, env, settings.fme, "adopt")));
        const { features, targets, segments } = project.environments[env];
        const segmentsById = new Map(segments.map((segment) => [segment.identifier, segment]));
        for (const feature of features) {
            const flag = adopted.get(feature.identifier);
            // A flag whose targeting stays with Harness sends none of it: nothing to compare.
            if (!flag || flag.targeting === "harness") continue;
            const keys = new Set([...targets.map((t) => t.identifier), ...segments.flatMap(members), EVERYONE_ELSE]);
            for (const target of keys) {
                const harness = harnessServes(feature, segmentsById, target);
                const flagd = core.resolve(FLAGD_TYPES[flag.kind], flag.identifier, undefined as never, { targetingKey: target });
                result.compared++;
                if (flagd.variant !== harness)
                    result.differences.push(
                        `flag '${flag.identifier}' in ${env}, target '${target}': Harness serves '${harness ?? "(depends on attributes or a rollout)"}' today, the program would serve '${flagd.variant ?? flagd.reason}'`,
                    );
            }
        }
    }
    return result;
}
