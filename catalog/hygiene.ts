// Flag hygiene: what in the catalog is past its time. Pure, on a given day, for `npm run stale`.
import { daysSince, dayOf } from "../lib/dates";
import { stableStringify } from "../lib/stableJson";
import { resolveSplit, trafficAllocation } from "./experiments";
import type { Catalog } from "./types";

/** An experiment left on one treatment for this many days should be finished. */
export const SETTLED_AFTER_DAYS = 30;

export interface Finding {
    /** What is stale. */
    kind: "expired flag" | "settled experiment" | "untracked 100%";
    /** The catalog entry: `flag 'x'` or `experiment 'x'`. */
    entry: string;
    subject: string;
    owner: string;
    /** How long it has been so, in words. */
    age: string;
    /** What its owner should do. */
    action: string;
    /** Fails `npm run stale -- --strict`; informational findings do not. */
    failing: boolean;
}

/** What is past its time in a parsed catalog (the schema guarantees every entry an owner). */
export function staleFindings(catalog: Catalog, today: Date): Finding[] {
    const findings: Finding[] = [];
    for (const flag of catalog.flags) {
        const subject = `flag '${flag.identifier}'`;
        if (!flag.permanent && !flag.archived && flag.expiresOn && flag.expiresOn < dayOf(today)) {
            findings.push({
                kind: "expired flag",
                entry: subject,
                subject,
                owner: flag.owner,
                age: `expired ${flag.expiresOn}, ${daysSince(flag.expiresOn, today)} days ago`,
                action: "remove the flag from code, then archive it in flags.ts; or move expiresOn",
                failing: true,
            });
        }
    }
    for (const experiment of catalog.experiments ?? []) {
        const subject = `experiment '${experiment.name}'`;
        for (const [env, spec] of Object.entries(experiment.environments)) {
            const winner = resolveSplit(spec.split, experiment).find((bucket) => bucket.size === 100);
            if (!winner || trafficAllocation(spec) === 0) continue;
            const where = `${subject} in ${env}`;
            // A ramp at its last stage, or rolled back, has been there since its rollout state says.
            const since = spec.ramp?.inForce.since?.slice(0, 10) ?? spec.since;
            if (!since) {
                findings.push({
                    kind: "untracked 100%",
                    entry: subject,
                    subject: where,
                    owner: experiment.owner,
                    age: "unknown",
                    action: `add since to environments.${env} to track how long it has served only '${winner.treatment}'`,
                    failing: false,
                });
                continue;
            }
            const days = daysSince(since, today);
            if (days >= SETTLED_AFTER_DAYS) {
                findings.push({
                    kind: "settled experiment",
                    entry: subject,
                    subject: where,
                    owner: experiment.owner,
                    age: `100% '${winner.treatment}' since ${since}, ${days} days`,
                    action: `ship '${winner.treatment}' (move its configuration into a flag or the code) and remove the experiment`,
                    failing: true,
                });
            }
        }
    }
    return findings;
}

/** The flags and experiments `after` adds or changes relative to `before`, as findings name them. */
export function changedEntries(before: Catalog, after: Catalog): Set<string> {
    const entries = (catalog: Catalog) =>
        new Map([
            ...catalog.flags.map((f) => [`flag '${f.identifier}'`, stableStringify(f)] as const),
            ...catalog.experiments.map((e) => [`experiment '${e.name}'`, stableStringify(e)] as const),
        ]);
    const old = entries(before);
    return new Set([...entries(after)].filter(([entry, text]) => old.get(entry) !== text).map(([entry]) => entry));
}
