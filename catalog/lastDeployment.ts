// A protected stack compares the catalog with what its last deployment left live in Harness, so a
// removed flag or a replacing change is refused with a clear message before anything is declared.
// Pulumi's `protect` stops the same changes later in the update; this says why, and what to do.
import { Problem } from "../lib/problems";
import { featureFlagUrn } from "../resources/identity";
import type { Catalog } from "./types";

/** What the last deployment's `flags` output says about a flag. */
export interface DeployedFlag {
    kind: string;
    archived?: boolean;
}

/** Problems of deploying `catalog` over `deployed` in a protected stack: removed live flags and kind changes. */
export function protectionProblems(
    catalog: Catalog,
    deployed: Readonly<Record<string, DeployedFlag>>,
    stack: string,
    project: string,
): Problem[] {
    const problems: Problem[] = [];
    const current = new Map(catalog.flags.map((flag) => [flag.identifier, flag]));
    for (const [identifier, last] of Object.entries(deployed)) {
        const flag = current.get(identifier);
        if (!flag && !last.archived) {
            problems.push({
                subject: `flag '${identifier}'`,
                found: "removed from flags.ts, but it is live in this protected stack",
                allowed:
                    "a flag leaves a protected stack in two changes: archived: true first (archived in Harness, off, unprotected), then its removal; an identifier never changes, so a renamed flag is a new flag",
                fix: `put it back in flags.ts with archived: true, deploy, and remove it in a later change; in an emergency: pulumi state unprotect '${featureFlagUrn(stack, project, identifier)}' && pulumi up`,
            });
        } else if (flag && flag.kind !== last.kind && !flag.allowReplace) {
            problems.push({
                subject: `flag '${identifier}' kind`,
                found: `changes ${last.kind} → ${flag.kind}, which makes Harness replace the flag: it is deleted and created again, losing its state and any targeting made in Harness`,
                allowed: "no replacement of a live flag in a protected stack, unless the flag sets allowReplace: true",
                fix: `keep kind ${last.kind} and add a new flag for the new kind, or set allowReplace: true on the flag for this deploy and remove it afterwards`,
            });
        }
    }
    return problems;
}
