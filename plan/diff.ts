// Two runs of the program (before and after a change) compared the way a reviewer reads a rollout:
// resource changes in Pulumi's words (create, update, delete, replace), a summary of who is served
// what, and blockers: what `protect` would stop, and what would break live traffic. Pure.
import type { ProgramRun, Registration } from "./mockRuntime";

export type Operation = "create" | "update" | "delete" | "replace";
export const SYMBOLS: Record<Operation, string> = { create: "+", update: "~", delete: "-", replace: "+-" };

/**
 * Inputs whose change makes the provider replace the resource (delete it, then create it again).
 * Harness Feature Flags: identifier, kind, org and project of a flag; every field of an SDK key
 * (Harness never updates a key); the identity of targets and groups. Harness FME: a resource's name
 * and scope, which its import id is made of, and a segment's description, which the provider
 * documents as forcing replacement. The shared digest has no force-new markers: this table is
 * ours, and the conformance tool does not check it.
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
    "harness:platform/featureFlag:FeatureFlag": ["identifier", "kind", "orgId", "projectId"],
    "harness:platform/featureFlagApiKey:FeatureFlagApiKey": ["description", "envId", "expiredAt", "identifier", "name", "orgId", "projectId", "type"],
    "harness:platform/featureFlagTarget:FeatureFlagTarget": ["accountId", "environment", "identifier", "orgId", "projectId"],
    "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup": ["accountId", "environment", "identifier", "orgId", "projectId"],
    "harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag": ["name", "orgId", "projectId", "trafficTypeId"],
    "harness:fmeFeatureFlag/definition:Definition": ["environmentId", "flagName", "orgId", "projectId"],
    "harness:fmeSegment/fmeSegment:FmeSegment": ["description", "name", "orgId", "projectId", "trafficTypeId"],
    "harness:fmeSegment/environmentAssociation:EnvironmentAssociation": ["environmentId", "orgId", "projectId", "segmentName"],
    "harness:fmeEnvironment/segmentKeys:SegmentKeys": ["environmentId", "orgId", "projectId", "segmentName"],
};

const FLAG = "harness:platform/featureFlag:FeatureFlag";
const KEY = "harness:platform/featureFlagApiKey:FeatureFlagApiKey";
const GROUP = "harness:platform/featureFlagTargetGroup:FeatureFlagTargetGroup";
const DEFINITION = "harness:fmeFeatureFlag/definition:Definition";
const SEGMENT_KEYS = "harness:fmeEnvironment/segmentKeys:SegmentKeys";

/** One input that differs: its path (`environments[prod].state`) and both values. */
export interface PropertyChange {
    path: string;
    before?: unknown;
    after?: unknown;
}

export interface ResourceChange {
    op: Operation;
    type: string;
    name: string;
    /** The component it belongs to, if any. */
    parent?: string;
    /** Changed inputs only (for an update or replace), or every input (create, delete). */
    properties: PropertyChange[];
    /** For a replace: the inputs that force it. */
    replaceBecause?: string[];
    /** Its `protect` option before and after. */
    protect: { before?: boolean; after?: boolean };
}

export interface RolloutLine {
    /** What it is about: `flag 'chat_model' × prod`, `SDK key prod Server`. */
    subject: string;
    /** What changes, in words: `state off → on`. */
    change: string;
}

export interface Blocker {
    subject: string;
    reason: string;
    fix: string;
}

export interface PlanDiff {
    resources: ResourceChange[];
    unchanged: number;
    rollout: RolloutLine[];
    blockers: Blocker[];
}

const json = (value: unknown) => JSON.stringify(value);

/** The stack environment of a per-environment resource, from its name (`…-definition-prod`, `…-keys-prod`). */
export const environmentOfName = (name: string, role: "definition" | "keys") => name.slice(name.lastIndexOf(`-${role}-`) + role.length + 2);
const key = (r: Pick<Registration, "type" | "name">) => `${r.type}::${r.name}`;

/** A JSON document held in a string input (an FME definition), parsed; undefined for other text. */
function document(value: unknown): unknown {
    if (typeof value !== "string" || !/^[[{]/.test(value)) return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The field that names the elements of a list, when every element has it: they are compared by it, not by position. */
function identityOf(items: unknown[]): string | undefined {
    return ["identifier", "name", "treatment", "variation"].find((field) => items.length > 0 && items.every((item) => item && typeof item === "object" && typeof (item as any)[field] === "string"));
}

/** The leaves that differ between two values, as paths. */
export function propertyChanges(before: unknown, after: unknown, path = ""): PropertyChange[] {
    if (json(before) === json(after)) return [];
    const [parsedBefore, parsedAfter] = [document(before), document(after)];
    if (parsedBefore !== undefined && parsedAfter !== undefined) return propertyChanges(parsedBefore, parsedAfter, path);
    if (Array.isArray(before) && Array.isArray(after)) {
        const identity = identityOf([...before, ...after]);
        if (identity) {
            const byId = (items: unknown[]) => new Map(items.map((item) => [(item as any)[identity] as string, item]));
            const [old, now] = [byId(before), byId(after)];
            const ids = [...new Set([...old.keys(), ...now.keys()])];
            return ids.flatMap((id) => propertyChanges(old.get(id), now.get(id), `${path}[${id}]`));
        }
        if (before.every((item) => typeof item !== "object") && after.every((item) => typeof item !== "object")) return [{ path, before, after }];
        const length = Math.max(before.length, after.length);
        return Array.from({ length }, (_, i) => propertyChanges(before[i], after[i], `${path}[${i}]`)).flat();
    }
    const isObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
        return keys.flatMap((k) => propertyChanges((before as any)[k], (after as any)[k], path ? `${path}.${k}` : k));
    }
    return [{ path, before, after }];
}

/** Resource changes between two runs, in the order of the run after (deletions last, in the order before). */
export function resourceChanges(before: ProgramRun, after: ProgramRun): { changes: ResourceChange[]; unchanged: number } {
    const old = new Map(before.registrations.filter((r) => r.custom).map((r) => [key(r), r]));
    const now = after.registrations.filter((r) => r.custom);
    const changes: ResourceChange[] = [];
    let unchanged = 0;
    for (const resource of now) {
        const previous = old.get(key(resource));
        const protect = { before: previous?.options.protect, after: resource.options.protect };
        if (!previous) {
            changes.push({ op: "create", type: resource.type, name: resource.name, parent: resource.options.parent, properties: propertyChanges({}, resource.inputs), protect });
            continue;
        }
        // An input the resource ignores changes of keeps its old value in the update, as the engine does.
        const ignored = resource.options.ignoreChanges ?? [];
        const properties = propertyChanges(previous.inputs, resource.inputs).filter(({ path }) => !ignored.some((input) => path === input || path.startsWith(`${input}.`) || path.startsWith(`${input}[`)));
        if (!properties.length && protect.before === protect.after) {
            unchanged++;
            continue;
        }
        const forcing = (FORCE_NEW[resource.type] ?? []).filter((input) => json(previous.inputs[input]) !== json(resource.inputs[input]));
        changes.push({ op: forcing.length ? "replace" : "update", type: resource.type, name: resource.name, parent: resource.options.parent, properties, protect, ...(forcing.length ? { replaceBecause: forcing } : {}) });
    }
    const current = new Set(now.map(key));
    for (const resource of before.registrations.filter((r) => r.custom && !current.has(key(r)))) {
        changes.push({ op: "delete", type: resource.type, name: resource.name, parent: resource.options.parent, properties: propertyChanges(resource.inputs, {}), protect: { before: resource.options.protect } });
    }
    return { changes, unchanged };
}

// ----- The rollout, as served -----

interface FlagEnvironmentView {
    state: string;
    on: string;
    off: string;
    /** Target → the variation it is served individually. */
    targets: Map<string, string>;
}

interface FlagView {
    kind: string;
    archived: boolean;
    live: boolean;
    environments: Map<string, FlagEnvironmentView>;
}

/** What each flag serves in each environment, from its FeatureFlag's inputs. */
function flagViews(run: ProgramRun): Map<string, FlagView> {
    const views = new Map<string, FlagView>();
    for (const flag of run.registrations.filter((r) => r.type === FLAG)) {
        const { inputs } = flag;
        const environments = new Map<string, FlagEnvironmentView>(
            (inputs.environments ?? []).map((env: any): [string, FlagEnvironmentView] => [
                env.identifier,
                {
                    state: env.state,
                    on: env.defaultOnVariation ?? inputs.defaultOnVariation,
                    off: env.defaultOffVariation ?? inputs.defaultOffVariation,
                    targets: new Map<string, string>((env.addTargetRules ?? []).flatMap((rule: any) => (rule.targets ?? []).map((t: string) => [t, rule.variation]))),
                },
            ]),
        );
        const live = [...environments.values()].some((e) => e.state === "on");
        views.set(inputs.identifier, { kind: inputs.kind, archived: inputs.archived === true, live, environments });
    }
    return views;
}

/** Each experiment's buckets, allocation and treatment configurations per environment, from its definitions. */
function experimentViews(run: ProgramRun) {
    const views = new Map<string, Map<string, { split: string; allocation: number; rules: string; configurations: Map<string, unknown> }>>();
    for (const definition of run.registrations.filter((r) => r.type === DEFINITION)) {
        const env = environmentOfName(definition.name, "definition");
        const spec = document(definition.inputs.definition) as any;
        if (!spec) continue;
        const split = (spec.defaultRule ?? []).map((b: any) => `${b.treatment} ${b.size}%`).join(" / ");
        const configurations = new Map<string, unknown>((spec.treatments ?? []).map((t: any) => [t.name, document(t.configurations) ?? t.configurations]));
        const environments = views.get(definition.inputs.flagName) ?? new Map();
        environments.set(env, { split, allocation: spec.trafficAllocation, rules: json(spec.rules ?? []), configurations });
        views.set(definition.inputs.flagName, environments);
    }
    return views;
}

/** Per environment and key type, the generations of SDK keys declared. */
function keyViews(run: ProgramRun): Map<string, number[]> {
    const views = new Map<string, number[]>();
    for (const k of run.registrations.filter((r) => r.type === KEY)) {
        const generation = Number(/_g(\d+)$/.exec(k.inputs.identifier)?.[1] ?? 1);
        const slot = `${k.inputs.envId} ${k.inputs.type}`;
        views.set(slot, [...(views.get(slot) ?? []), generation].sort((a, b) => b - a));
    }
    return views;
}

/** Members of each list-based group and segment, per environment. */
function membershipViews(run: ProgramRun): Map<string, string[]> {
    const views = new Map<string, string[]>();
    for (const group of run.registrations.filter((r) => r.type === GROUP)) views.set(`target group '${group.inputs.identifier}' × ${group.inputs.environment}`, group.inputs.includeds ?? []);
    for (const keys of run.registrations.filter((r) => r.type === SEGMENT_KEYS)) {
        const env = environmentOfName(keys.name, "keys");
        views.set(`segment '${keys.inputs.segmentName}' × ${env}`, keys.inputs.keys ?? []);
    }
    return views;
}

const listed = (items: string[]) => items.join(", ");
const arrow = (before: unknown, after: unknown) => `${before ?? "(none)"} → ${after ?? "(none)"}`;

/** Rollout lines: flags, experiments, SDK keys and memberships, before → after. */
export function rolloutLines(before: ProgramRun, after: ProgramRun): RolloutLine[] {
    const lines: RolloutLine[] = [];
    const [oldFlags, newFlags] = [flagViews(before), flagViews(after)];
    for (const [id, now] of newFlags) {
        const old = oldFlags.get(id);
        const states = (view: FlagView) => [...view.environments].map(([env, e]) => `${e.state} in ${env}`).join(", ");
        if (!old) {
            lines.push({ subject: `flag '${id}'`, change: `added (${now.kind}; ${states(now)})` });
            continue;
        }
        if (!old.archived && now.archived) lines.push({ subject: `flag '${id}'`, change: "archived: off everywhere, unprotected, ready to remove in a later change" });
        if (old.kind !== now.kind) lines.push({ subject: `flag '${id}'`, change: `kind ${arrow(old.kind, now.kind)}` });
        for (const [env, e] of now.environments) {
            const o = old.environments.get(env);
            const subject = `flag '${id}' × ${env}`;
            if (!o) {
                lines.push({ subject, change: `added, ${e.state}` });
                continue;
            }
            if (o.state !== e.state) lines.push({ subject, change: `state ${arrow(o.state, e.state)}` });
            if (o.on !== e.on) lines.push({ subject, change: `default-on variation ${arrow(o.on, e.on)}` });
            if (o.off !== e.off) lines.push({ subject, change: `default-off variation ${arrow(o.off, e.off)}` });
            const added = [...e.targets].filter(([t, v]) => o.targets.get(t) !== v);
            const removed = [...o.targets].filter(([t]) => !e.targets.has(t));
            for (const variation of [...new Set(added.map(([, v]) => v))]) lines.push({ subject, change: `targets served '${variation}': + ${listed(added.filter(([, v]) => v === variation).map(([t]) => t))}` });
            if (removed.length) lines.push({ subject, change: `targets no longer served individually: - ${listed(removed.map(([t]) => t))}` });
        }
    }
    for (const id of oldFlags.keys()) if (!newFlags.has(id)) lines.push({ subject: `flag '${id}'`, change: "removed" });

    const [oldExperiments, newExperiments] = [experimentViews(before), experimentViews(after)];
    for (const [name, environments] of newExperiments) {
        const old = oldExperiments.get(name);
        if (!old) lines.push({ subject: `experiment '${name}'`, change: `added (${[...environments.keys()].join(", ")})` });
        for (const [env, e] of environments) {
            const o = old?.get(env);
            const subject = `experiment '${name}' × ${env}`;
            if (!o) {
                if (old) lines.push({ subject, change: `added: split ${e.split}, ${e.allocation}% of traffic` });
                continue;
            }
            if (o.split !== e.split) lines.push({ subject, change: `split ${o.split} → ${e.split}` });
            if (o.allocation !== e.allocation) lines.push({ subject, change: `traffic allocation ${o.allocation}% → ${e.allocation}%` });
            if (o.rules !== e.rules) lines.push({ subject, change: "targeting rules changed (see the resource changes)" });
            for (const [treatment, configuration] of e.configurations) {
                const changes = propertyChanges(o.configurations.get(treatment), configuration);
                if (changes.length) lines.push({ subject, change: `treatment '${treatment}' configuration: ${changes.map((c) => `${c.path || "(all)"} ${arrow(json(c.before), json(c.after))}`).join(", ")}` });
            }
        }
        for (const env of old?.keys() ?? []) if (!environments.has(env)) lines.push({ subject: `experiment '${name}' × ${env}`, change: "removed from the environment" });
    }
    for (const name of oldExperiments.keys()) if (!newExperiments.has(name)) lines.push({ subject: `experiment '${name}'`, change: "removed" });

    const [oldKeys, newKeys] = [keyViews(before), keyViews(after)];
    for (const slot of [...new Set([...newKeys.keys(), ...oldKeys.keys()])]) {
        const [o, n] = [oldKeys.get(slot) ?? [], newKeys.get(slot) ?? []];
        if (json(o) === json(n)) continue;
        const subject = `SDK key ${slot}`;
        const created = n.filter((g) => !o.includes(g));
        const deleted = o.filter((g) => !n.includes(g));
        if (created.length && deleted.length === 0 && o.length) lines.push({ subject, change: `rotation started: generation ${created.join(", ")} created beside generation ${o.join(", ")}, which stays valid` });
        else if (deleted.length && created.length === 0 && n.length) lines.push({ subject, change: `rotation finished: generation ${deleted.join(", ")} deleted; generation ${n.join(", ")} stays` });
        else {
            if (created.length) lines.push({ subject, change: `created (generation ${created.join(", ")})` });
            if (deleted.length) lines.push({ subject, change: `deleted (generation ${deleted.join(", ")})` });
        }
    }

    const [oldMembers, newMembers] = [membershipViews(before), membershipViews(after)];
    for (const [subject, members] of newMembers) {
        const old = oldMembers.get(subject);
        if (!old) continue;
        const added = members.filter((m) => !old.includes(m));
        const removed = old.filter((m) => !members.includes(m));
        if (added.length || removed.length) lines.push({ subject, change: [added.length ? `+ ${listed(added)}` : "", removed.length ? `- ${listed(removed)}` : ""].filter(Boolean).join("; ") });
    }
    return lines;
}

/** What `protect` would stop, and what would break traffic that is evaluating a flag or using a key. */
export function blockers(changes: readonly ResourceChange[], before: ProgramRun, after: ProgramRun): Blocker[] {
    const found: Blocker[] = [];
    const oldFlags = flagViews(before);
    const newKeys = keyViews(after);
    const identifierOf = (change: ResourceChange) => before.registrations.find((r) => key(r) === key(change))?.inputs ?? {};
    for (const change of changes) {
        if (change.op !== "delete" && change.op !== "replace") continue;
        const inputs = identifierOf(change);
        const verb = change.op === "delete" ? "deletes" : `replaces (${change.replaceBecause!.join(", ")} changed)`;
        if (change.type === FLAG) {
            const flag = oldFlags.get(inputs.identifier);
            if (change.protect.before) {
                found.push({
                    subject: `flag '${inputs.identifier}'`,
                    reason: `the change ${verb} a protected flag: protect stops the update`,
                    fix: change.op === "delete" ? "mark it archived: true first, deploy, and remove it in a later change" : "keep its identifier and kind, or set allowReplace: true on the flag for this deploy",
                });
            } else if (flag?.live) {
                found.push({ subject: `flag '${inputs.identifier}'`, reason: `the change ${verb} a flag that is on in ${[...flag.environments].filter(([, e]) => e.state === "on").map(([env]) => env).join(", ")}: traffic evaluating it gets SDK defaults until it exists again`, fix: "turn it off and archive it first, or keep its identifier and kind" });
            }
        } else if (change.type === KEY) {
            const slot = `${inputs.envId} ${inputs.type}`;
            const rotationFinished = change.op === "delete" && (newKeys.get(slot) ?? []).length > 0 && !change.protect.before;
            if (!rotationFinished)
                found.push({
                    subject: `SDK key ${slot} (${inputs.identifier})`,
                    reason: `the change ${verb} an SDK key: applications using it stop getting flags${change.protect.before ? ", and protect stops the update" : ""}`,
                    fix: "rotate instead: sdkKeyGenerations [<next>, <current>], move the applications to the new key, then drop the old generation",
                });
        } else if (change.protect.before) {
            found.push({ subject: `${change.type.split(":").pop()} ${change.name}`, reason: `the change ${verb} a protected resource: protect stops the update`, fix: `if it is meant: pulumi state unprotect '<urn of ${change.name}>', then pulumi up` });
        }
    }
    return found;
}

/** A line for resources whose protection flips, so a reviewer sees what becomes (un)deletable. */
function protectionLine(changes: readonly ResourceChange[]): RolloutLine[] {
    const flipped = changes.filter((c) => c.op === "update" && c.protect.before !== undefined && c.protect.before !== c.protect.after);
    const on = flipped.filter((c) => c.protect.after).length;
    const off = flipped.length - on;
    const parts = [on ? `${on} resource${on > 1 ? "s" : ""} become${on > 1 ? "" : "s"} protected` : "", off ? `${off} resource${off > 1 ? "s" : ""} no longer protected` : ""].filter(Boolean);
    return parts.length ? [{ subject: "protection", change: parts.join("; ") }] : [];
}

/** `npm run plan -- --diff`'s exit code for a comparison: 0 when nothing changes, 3 when something does. */
export const exitCodeOf = (diff: PlanDiff) => (diff.resources.length ? 3 : 0);

/** The whole comparison. */
export function planDiff(before: ProgramRun, after: ProgramRun): PlanDiff {
    const { changes, unchanged } = resourceChanges(before, after);
    return { resources: changes, unchanged, rollout: [...rolloutLines(before, after), ...protectionLine(changes)], blockers: blockers(changes, before, after) };
}
