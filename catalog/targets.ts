// Targets and target groups: what Harness gets for each in an environment, and the rules a group
// must meet. Pure. (That every target a rule names is declared is a rule across entries: validate.ts.)
import type * as harness from "@pulumi/harness";
import { knownEnvironment, Report } from "../lib/problems";
import type { GroupsByEnvironment, TargetCheck } from "./shared";
import type { Catalog, TargetGroupSpec, TargetSpec } from "./types";

type Unscoped<T> = Omit<T, "orgId" | "projectId">;

export const MAX_TARGET_GROUPS_PER_ENVIRONMENT = 1200;

/** Which target groups each stack environment has. */
export function groupsByEnvironment(
    groups: readonly TargetGroupSpec[],
    environments: readonly string[],
): Map<string, Map<string, TargetGroupSpec>> {
    const byEnvironment = new Map(environments.map((env) => [env, new Map<string, TargetGroupSpec>()]));
    for (const group of groups) {
        for (const env of group.environments ?? environments) byEnvironment.get(env)?.set(group.identifier, group);
    }
    return byEnvironment;
}

/** A group's listed members: included minus excluded, in order. */
export function groupMembers(group: Pick<TargetGroupSpec, "included" | "excluded">): string[] {
    const excluded = new Set(group.excluded ?? []);
    return (group.included ?? []).filter((target) => !excluded.has(target));
}

/** A target's inputs in one environment. */
export function targetArgs(target: TargetSpec, env: string, accountId: string): Unscoped<harness.platform.FeatureFlagTargetArgs> {
    return { accountId, environment: env, identifier: target.identifier, name: target.name, attributes: target.attributes };
}

/** A target group's inputs in one environment. */
export function targetGroupArgs(
    group: TargetGroupSpec,
    env: string,
    accountId: string,
): Unscoped<harness.platform.FeatureFlagTargetGroupArgs> {
    return {
        accountId,
        environment: env,
        identifier: group.identifier,
        name: group.name,
        includeds: group.included ?? [],
        excludeds: group.excluded ?? [],
        rules: (group.rules ?? []).map(({ attribute, op, values, negate }) => ({ attribute, op, values, negate: negate ?? false })),
    };
}

/** A target group's rules: its environments exist, its members are declared, and no environment holds more than Harness allows. */
export function validateTargetGroups(
    catalog: Pick<Catalog, "targetGroups">,
    environments: readonly string[],
    groups: GroupsByEnvironment,
    checkTargets: TargetCheck,
    report: Report,
): void {
    for (const group of catalog.targetGroups) {
        const at = `target group '${group.identifier}'`;
        for (const env of group.environments ?? []) {
            knownEnvironment(
                env,
                environments,
                `${at} environments`,
                `remove '${env}' from the group's environments in flags.ts, or add it to the stack's environments config`,
                report,
            );
        }
        checkTargets(`${at} included`, group.included ?? []);
        checkTargets(`${at} excluded`, group.excluded ?? []);
    }
    for (const [env, inEnv] of groups) {
        if (inEnv.size > MAX_TARGET_GROUPS_PER_ENVIRONMENT)
            report(
                `environment '${env}' target groups`,
                `${inEnv.size} target groups`,
                `at most ${MAX_TARGET_GROUPS_PER_ENVIRONMENT} per Harness environment`,
                "remove unused target groups from flags.ts",
            );
    }
}
