// FME segments: where each catalog segment exists, which keys it holds there, and the rules a
// segment must meet. Pure.
import type { FmeSettings } from "../config";
import { didYouMean, knownEnvironment, oneOf, Report } from "../lib/problems";
import { BrokenNames, checkTrafficType, GroupsByEnvironment, StackSettings } from "./shared";
import { groupMembers } from "./targets";
import type { Catalog, SegmentSpec } from "./types";

/**
 * The stack environments a segment is in, in stack order: those its `keys` list, or, `from` a
 * target group, those the group is in; only environments mapped to FME count. An external segment
 * is assumed to exist wherever FME is mapped.
 */
export function segmentEnvironments(segment: SegmentSpec, groups: GroupsByEnvironment, fme: Pick<FmeSettings, "environments">): string[] {
    const mapped = (env: string) => fme.environments[env] !== undefined;
    if (segment.external) return Object.keys(fme.environments);
    if (segment.keys) return Object.keys(segment.keys).filter(mapped);
    return [...groups.keys()].filter((env) => mapped(env) && groups.get(env)?.has(segment.from!));
}

/** The segment's keys in `env`: its listed keys, or its group's members (included minus excluded). */
export function segmentKeys(segment: SegmentSpec, env: string, groups: GroupsByEnvironment): string[] {
    if (segment.keys) return segment.keys[env] ?? [];
    const group = segment.from === undefined ? undefined : groups.get(env)?.get(segment.from);
    return group ? groupMembers(group) : [];
}

/** What the `segments` stack output shows: where each segment is and how many keys it has, or that it is managed elsewhere. */
export function segmentSummary(segment: SegmentSpec, groups: GroupsByEnvironment, fme: Pick<FmeSettings, "environments">) {
    if (segment.external) return { managedBy: "elsewhere (external: true)" as const };
    return {
        managedBy: "this stack" as const,
        environments: Object.fromEntries(
            segmentEnvironments(segment, groups, fme).map((env) => [env, { keys: segmentKeys(segment, env, groups).length }]),
        ),
    };
}

/** Every segment's rules: its traffic type is mapped, its environments exist in FME, and a group it comes `from` is a list. */
export function validateSegments(
    catalog: Pick<Catalog, "segments" | "targetGroups">,
    stack: StackSettings,
    groups: GroupsByEnvironment,
    broken: BrokenNames,
    report: Report,
) {
    const environments = stack.environments.map((e) => e.id);
    const groupIds = [...catalog.targetGroups.map((g) => g.identifier), ...broken.targetGroups];
    for (const segment of catalog.segments) {
        const at = `segment '${segment.name}'`;
        checkTrafficType(at, segment.trafficType, stack.fme, report);
        if (segment.external) continue;
        for (const env of Object.keys(segment.keys ?? {})) {
            if (
                knownEnvironment(
                    env,
                    environments,
                    `${at} keys.${env}`,
                    `remove keys.${env} from ${at} in flags.ts, or add '${env}' to the stack's environments config`,
                    report,
                ) &&
                !stack.fme.environments[env]
            )
                report(
                    `${at} keys.${env}`,
                    `'${env}' has no FME environment id in the stack config`,
                    "an environment mapped in ai-feature-flags:fme.environments",
                    `pulumi config set --path 'ai-feature-flags:fme.environments.${env}' <FME environment id>`,
                );
        }
        if (segment.from !== undefined) {
            const group = catalog.targetGroups.find((g) => g.identifier === segment.from);
            if (!group && !broken.targetGroups.has(segment.from)) {
                report(
                    `${at} from`,
                    `target group '${segment.from}' is not declared`,
                    oneOf(groupIds, "a target group declared in targetGroups (none is)"),
                    `${didYouMean(segment.from, groupIds)}declare the group in targetGroups, or correct from on ${at} in flags.ts`,
                );
            } else if (group && (group.rules ?? []).length > 0) {
                report(
                    `${at} from`,
                    `target group '${segment.from}' is defined by attribute rules`,
                    "a group of listed targets: FME segment keys are a list",
                    `list the group's members in its included, or give ${at} keys per environment`,
                );
            } else if (group && segmentEnvironments(segment, groups, stack.fme).length === 0) {
                report(
                    `${at} from`,
                    `target group '${segment.from}' exists in no environment mapped to FME`,
                    "a group in at least one environment listed in ai-feature-flags:fme.environments",
                    `map the group's environments in fme.environments, or give ${at} keys per environment`,
                );
            }
        }
    }
}
