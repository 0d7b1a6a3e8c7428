// FME segments: where each catalog segment exists and which keys it holds there. Pure.
import type { FmeSettings } from "../config";
import { groupMembers } from "./compile";
import type { SegmentSpec, TargetGroupSpec } from "./types";

type GroupsByEnvironment = ReadonlyMap<string, ReadonlyMap<string, TargetGroupSpec>>;

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
        environments: Object.fromEntries(segmentEnvironments(segment, groups, fme).map((env) => [env, { keys: segmentKeys(segment, env, groups).length }])),
    };
}
