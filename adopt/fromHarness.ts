// What `npm run adopt` makes of a Harness project: catalog entries in the catalog's own shape, the
// Pulumi import of every adopted resource, and a list of what the catalog cannot say. Pure: the
// API's answers in (models of the Harness Go SDK's nextgen client: Feature, FeatureEnvProperties,
// ServingRule, VariationMap, Segment, Target), entries out.
import type { CatalogInput } from "../catalog/types";
import { TARGET_GROUP_OPS } from "../catalog/schema";
import { groupMembers } from "../catalog/targets";
import { dayOf } from "../lib/dates";
import { identifierFault } from "../lib/identifiers";
import { COMPONENTS, HARNESS, NAMES } from "../resources/identity";

type FlagInput = CatalogInput["flags"][number];
type TargetInput = NonNullable<CatalogInput["targets"]>[number];
type GroupInput = NonNullable<CatalogInput["targetGroups"]>[number];
type FlagEnvironmentInput = NonNullable<FlagInput["environments"]>[string];
type Kind = FlagInput["kind"];

/** The Admin API models this reads (fields the catalog uses; the API sends more). */
export interface ApiVariation {
    identifier: string;
    name?: string;
    description?: string;
    value: string;
}
export interface ApiServe {
    variation?: string;
    distribution?: { bucketBy: string; variations: { variation: string; weight: number }[] };
}
export interface ApiClause {
    attribute: string;
    op: string;
    values: string[] | null;
    negate?: boolean;
}
export interface ApiFeature {
    identifier: string;
    name: string;
    description?: string;
    kind: string;
    owner?: string[] | string;
    tags?: { name?: string; identifier?: string; value?: string }[];
    permanent?: boolean;
    archived?: boolean;
    variations: ApiVariation[];
    defaultOnVariation: string;
    defaultOffVariation: string;
    prerequisites?: { feature: string; variations: string[] }[];
    envProperties?: {
        environment: string;
        state: string;
        defaultServe?: ApiServe;
        offVariation: string;
        rules?: { priority?: number; clauses: ApiClause[] | null; serve: ApiServe | null }[] | null;
        variationMap?: { variation: string; targets?: { identifier: string; name?: string }[]; targetSegments?: string[] }[];
    };
}
type TargetRef = string | { identifier: string };
export interface ApiSegment {
    identifier: string;
    name: string;
    environment?: string;
    included?: TargetRef[];
    excluded?: TargetRef[];
    rules?: ApiClause[];
}
export interface ApiTarget {
    identifier: string;
    name?: string;
    attributes?: Record<string, unknown> | null;
}

/** Everything read from Harness for the stack's environments. */
export interface HarnessProject {
    orgId: string;
    projectId: string;
    /** Stack environment id → what that environment holds. */
    environments: Record<string, { features: ApiFeature[]; targets: ApiTarget[]; segments: ApiSegment[] }>;
}

/** One entry of a Pulumi import file (`pulumi import --file`, Pulumi 3.94 or later). */
export interface ImportEntry {
    type: string;
    name: string;
    id?: string;
    parent?: string;
    component?: boolean;
}

export interface Adoption {
    catalog: Required<Pick<CatalogInput, "targets" | "targetGroups" | "flags">>;
    imports: ImportEntry[];
    /** Flags adopted with `targeting: "harness"`, and why. */
    harnessOwned: { flag: string; reasons: string[] }[];
    /** What was not adopted, and why. */
    notAdopted: { what: string; reason: string }[];
    /** Values adopt had to choose (Harness has no such field); a reviewer confirms them. */
    chosen: string[];
}

const KINDS: readonly Kind[] = ["boolean", "string", "int", "json"];
const refId = (ref: TargetRef) => (typeof ref === "string" ? ref : ref.identifier);

/** A target group's included and excluded target identifiers (the API sends targets or their identifiers). */
export const segmentTargets = (segment: ApiSegment) => ({
    included: (segment.included ?? []).map(refId),
    excluded: (segment.excluded ?? []).map(refId),
});

/** A variation's value as the catalog writes it for a kind, or why it cannot. */
function variationValue(kind: Kind, text: string): { value: unknown } | { problem: string } {
    switch (kind) {
        case "boolean":
            return text === "true" || text === "false" ? { value: text === "true" } : { problem: `'${text}' is not true or false` };
        case "int":
            return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
                ? { value: Number(text) }
                : { problem: `'${text}' is not a whole number` };
        case "json":
            try {
                return { value: JSON.parse(text) as unknown };
            } catch {
                return { problem: `'${text.slice(0, 40)}' is not JSON` };
            }
        default:
            return { value: text };
    }
}

/** A target group as one catalog entry, or why its environments disagree. */
function groupEntry(identifier: string, byEnvironment: Map<string, ApiSegment>, environments: string[]): GroupInput | { problem: string } {
    const shapes = [...byEnvironment.entries()].map(([env, segment]) => ({
        env,
        name: segment.name,
        ...segmentTargets(segment),
        rules: (segment.rules ?? []).map(({ attribute, op, values, negate }) => ({
            attribute,
            op,
            values: values ?? [],
            ...(negate ? { negate: true } : {}),
        })),
    }));
    const [first] = shapes;
    const same = (shape: (typeof shapes)[number]) => JSON.stringify({ ...shape, env: "" }) === JSON.stringify({ ...first, env: "" });
    const differing = shapes.filter((shape) => !same(shape)).map((shape) => shape.env);
    if (differing.length)
        return { problem: `it differs between ${first.env} and ${differing.join(", ")}, and a catalog group is one definition` };
    const empty = first.rules.find((rule) => !rule.values.length);
    if (empty) return { problem: `its rule on '${empty.attribute}' has no values` };
    const unknownOp = first.rules.find((rule) => !(TARGET_GROUP_OPS as readonly string[]).includes(rule.op));
    if (unknownOp) return { problem: `its rule on '${unknownOp.attribute}' uses the operator '${unknownOp.op}', which the catalog lacks` };
    const inAll = shapes.length === environments.length;
    return {
        identifier,
        name: first.name || identifier,
        ...(inAll ? {} : { environments: shapes.map((shape) => shape.env) }),
        ...(first.included.length ? { included: first.included } : {}),
        ...(first.excluded.length ? { excluded: first.excluded } : {}),
        ...(first.rules.length ? { rules: first.rules as GroupInput["rules"] } : {}),
        external: true,
    };
}

/**
 * One environment of a flag as the catalog writes it, and what the catalog cannot say about it.
 * Harness evaluates, while a flag is on: its variation map's targets, then its target groups and
 * rules in priority order, then the default serve; while it is off, the off variation to everyone
 * (Harness docs, "Evaluation order of targeting rules").
 */
function flagEnvironment(
    feature: ApiFeature,
    env: string,
    groups: ReadonlyMap<string, GroupInput>,
): { spec: FlagEnvironmentInput; unexpressible: string[] } {
    const props = feature.envProperties!;
    const unexpressible: string[] = [];
    const state = props.state === "on" ? "on" : "off";
    const spec: FlagEnvironmentInput = { state };
    const defaultOn = props.defaultServe?.variation;
    if (props.defaultServe?.distribution) unexpressible.push(`${env}: a percentage rollout as the default serve`);
    if (defaultOn && defaultOn !== feature.defaultOnVariation) spec.defaultOn = defaultOn;
    if (props.offVariation && props.offVariation !== feature.defaultOffVariation) spec.defaultOff = props.offVariation;

    const targets: Record<string, string[]> = {};
    const targetGroups: Record<string, string[]> = {};
    const add = (into: Record<string, string[]>, variation: string, id: string) => {
        if (!(into[variation] ??= []).includes(id)) into[variation].push(id);
    };
    for (const entry of props.variationMap ?? []) {
        for (const target of entry.targets ?? []) add(targets, entry.variation, target.identifier);
        for (const group of entry.targetSegments ?? []) add(targetGroups, entry.variation, group);
    }
    for (const rule of [...(props.rules ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))) {
        const clauses = rule.clauses ?? [];
        const groupsOnly = clauses.length > 0 && clauses.every((clause) => clause.op === "segmentMatch" && !clause.negate);
        if (!groupsOnly)
            unexpressible.push(`${env}: a rule on ${clauses.map((c) => `'${c.attribute}' ${c.op}`).join(" and ") || "no clause"}`);
        else if (!rule.serve?.variation) unexpressible.push(`${env}: a percentage rollout for target groups`);
        else for (const clause of clauses) for (const group of clause.values ?? []) add(targetGroups, rule.serve.variation, group);
    }
    // What the catalog's groups serve is their listed members; a group of rules, or one not adopted, stays with Harness.
    for (const [variation, ids] of Object.entries(targetGroups)) {
        for (const id of ids) {
            const group = groups.get(id);
            if (!group) unexpressible.push(`${env}: target group '${id}', which is not adopted`);
            else if ((group.rules ?? []).length) unexpressible.push(`${env}: target group '${id}', defined by attribute rules`);
        }
        targetGroups[variation] = ids.filter((id) => groups.has(id) && !(groups.get(id)!.rules ?? []).length);
        if (!targetGroups[variation].length) delete targetGroups[variation];
    }
    // Each target is served one variation, whether named or through a group.
    let conflict = false;
    const servedBy = new Map<string, string>();
    for (const [variation, ids] of Object.entries(targets)) for (const id of ids) servedBy.set(id, variation);
    for (const [variation, ids] of Object.entries(targetGroups))
        for (const id of ids)
            for (const member of groupMembers(groups.get(id)!)) {
                const other = servedBy.get(member);
                if (other && other !== variation) {
                    conflict = true;
                    unexpressible.push(`${env}: target '${member}' served both '${other}' and '${variation}'`);
                }
                servedBy.set(member, variation);
            }
    const targeted = Object.keys(targets).length + Object.keys(targetGroups).length > 0;
    // Harness keeps targeting on an off flag and applies it once the flag is on; the catalog keeps it
    // only where the Harness UI owns the targeting. What the catalog can say is written even when the
    // flag stays with Harness for the rest (named targets come first in Harness's order).
    if (targeted && state === "off") unexpressible.push(`${env}: targeting kept on a flag that is off`);
    if (targeted) {
        if (Object.keys(targets).length) spec.targets = targets;
        if (Object.keys(targetGroups).length && !conflict) spec.targetGroups = targetGroups;
    }
    return { spec, unexpressible };
}

/** Each item of a list by its identifier, then by environment, in identifier order: one entry across environments. */
function byIdentifier<List extends "features" | "segments">(project: HarnessProject, list: List) {
    type Item = HarnessProject["environments"][string][List][number];
    const items = new Map<string, Map<string, Item>>();
    for (const [env, inEnvironment] of Object.entries(project.environments))
        for (const item of inEnvironment[list] as Item[]) {
            if (!items.has(item.identifier)) items.set(item.identifier, new Map());
            items.get(item.identifier)!.set(env, item);
        }
    return [...items].sort(([a], [b]) => a.localeCompare(b));
}

/** A Harness project as catalog entries and imports, for the stack environments read. */
export function adoptionFrom(project: HarnessProject, today: Date): Adoption {
    const environments = Object.keys(project.environments);
    const notAdopted: Adoption["notAdopted"] = [];
    const chosen: string[] = [];
    const harnessOwned: Adoption["harnessOwned"] = [];

    // Target groups, one entry per identifier across environments.
    const segmentsById = byIdentifier(project, "segments");
    const groups = new Map<string, GroupInput>();
    for (const [identifier, byEnvironment] of segmentsById) {
        const entry = groupEntry(identifier, byEnvironment, environments);
        if ("problem" in entry) notAdopted.push({ what: `target group '${identifier}'`, reason: entry.problem });
        else groups.set(identifier, entry);
    }

    // Flags: one entry from each environment's view of the same flag.
    const featuresById = byIdentifier(project, "features");
    const flags: FlagInput[] = [];
    const expiresOn = dayOf(new Date(today.getTime() + 90 * 86_400_000));
    for (const [identifier, byEnvironment] of featuresById) {
        const feature = [...byEnvironment.values()][0];
        const at = `flag '${identifier}'`;
        if (feature.archived) {
            notAdopted.push({ what: at, reason: "it is archived in Harness; restore it there first if it should be managed" });
            continue;
        }
        if (!(KINDS as readonly string[]).includes(feature.kind)) {
            notAdopted.push({ what: at, reason: `its kind '${feature.kind}' is not one the catalog has (${KINDS.join(", ")})` });
            continue;
        }
        const kind = feature.kind as Kind;
        const values = feature.variations.map((v) => ({ v, parsed: variationValue(kind, v.value) }));
        const badValue = values.find(({ parsed }) => "problem" in parsed);
        if (badValue && "problem" in badValue.parsed) {
            notAdopted.push({ what: at, reason: `variation '${badValue.v.identifier}' of a ${kind} flag: ${badValue.parsed.problem}` });
            continue;
        }
        const reasons: string[] = [];
        if (feature.prerequisites?.length)
            reasons.push(`prerequisites (${feature.prerequisites.map((p) => p.feature).join(", ")}), which the catalog has no field for`);
        const flagEnvironments: Record<string, FlagEnvironmentInput> = {};
        for (const env of environments) {
            const inEnv = byEnvironment.get(env);
            if (!inEnv?.envProperties) continue;
            const { spec, unexpressible } = flagEnvironment(inEnv, env, groups);
            flagEnvironments[env] = spec;
            reasons.push(...unexpressible);
        }
        const tags = (feature.tags ?? []).map((tag) => tag.identifier ?? tag.name ?? "").filter((tag) => tag && !identifierFault(tag));
        if (tags.length < (feature.tags ?? []).length) chosen.push(`${at}: tags that are not Harness identifiers were left out`);
        // The model says a list; the provider reads it joined with commas (readFeatureFlag).
        const owner = (Array.isArray(feature.owner) ? feature.owner : [feature.owner ?? ""]).join(",");
        if (!owner) chosen.push(`${at}: owner 'unknown' (Harness has none): set who answers for it`);
        if (!feature.permanent) chosen.push(`${at}: expiresOn ${expiresOn} (Harness has no expiry): set the day it should be gone`);
        if (reasons.length) harnessOwned.push({ flag: identifier, reasons });
        flags.push({
            identifier,
            name: feature.name || identifier,
            description: feature.description ?? "",
            owner: owner || "unknown",
            ...(tags.length ? { tags } : {}),
            kind,
            ...(feature.permanent ? { permanent: true } : { expiresOn }),
            ...(reasons.length ? { targeting: "harness" as const } : {}),
            variations: values.map(({ v, parsed }) => ({
                identifier: v.identifier,
                name: v.name || v.identifier,
                description: v.description ?? "",
                value: (parsed as { value: unknown }).value,
            })),
            defaultOn: feature.defaultOnVariation,
            defaultOff: feature.defaultOffVariation,
            environments: flagEnvironments,
        } as FlagInput);
    }

    // Targets: those a flag or group names, each once; they exist in Harness, so they stay there.
    const named = new Set<string>();
    for (const flag of flags)
        for (const spec of Object.values(flag.environments ?? {}))
            for (const ids of Object.values(spec.targets ?? {})) ids.forEach((id) => named.add(id));
    for (const group of groups.values()) [...(group.included ?? []), ...(group.excluded ?? [])].forEach((id) => named.add(id));
    const known = new Map<string, ApiTarget>();
    for (const env of environments)
        for (const target of project.environments[env].targets) if (!known.has(target.identifier)) known.set(target.identifier, target);
    const targets: TargetInput[] = [...named].sort().map((identifier) => {
        const target = known.get(identifier);
        // Harness keeps any JSON as an attribute; the catalog's attributes are text.
        const attributes = Object.entries(target?.attributes ?? {}).map(([key, value]: [string, unknown]): [string, string] => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
        ]);
        return {
            identifier,
            name: target?.name || identifier,
            ...(attributes.length ? { attributes: Object.fromEntries(attributes) } : {}),
            external: true,
        };
    });
    const unnamed = [...known.keys()].filter((id) => !named.has(id)).length;
    if (unnamed)
        notAdopted.push({
            what: `${unnamed} target${unnamed === 1 ? "" : "s"}`,
            reason: "no flag or target group names them; they stay in Harness, where the SDKs keep them",
        });

    // The import: each flag's component (created empty) and its FeatureFlag by the provider's id, <org>/<project>/<identifier>.
    const imports = flags.flatMap((flag): ImportEntry[] => {
        const component = NAMES.flag(flag.identifier);
        return [
            { type: COMPONENTS.flag, name: component, component: true },
            {
                type: HARNESS.featureFlag,
                name: NAMES.child(component, "flag"),
                id: `${project.orgId}/${project.projectId}/${flag.identifier}`,
                parent: component,
            },
        ];
    });
    return { catalog: { targets, targetGroups: [...groups.values()], flags }, imports, harnessOwned, notAdopted, chosen };
}
