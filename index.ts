import * as pulumi from "@pulumi/pulumi";
import { catalog as flagCatalog } from "./flags";
import { targetRules, targetsInEnvironment } from "./catalog/flags";
import { groupsByEnvironment } from "./catalog/targets";
import { inDependencyOrder, ruleReferences } from "./catalog/experiments";
import { segmentSummary } from "./catalog/segments";
import { checkedInputs } from "./catalog/checkedInputs";
import type { TargetGroupSpec } from "./catalog/types";
import { Experiment } from "./components/experiment";
import { Flag } from "./components/flag";
import { FlagEnvironment } from "./components/flagEnvironment";
import { Segment } from "./components/segment";
import { NAMES } from "./resources/identity";
import { protects } from "./resources/protection";

// The program is an async function (Pulumi runs it and exports what it returns): a stack that
// protects anything first reads what its last deployment left live, to refuse a removal or
// replacement up front.
export = async () => {
    // 1. Settings and catalog: validated together, before anything is declared.
    const { settings, catalog, safety } = await checkedInputs(flagCatalog);
    const { orgId, projectId, fme } = settings;
    const environmentIds = settings.environments.map((environment) => environment.id);
    const groups = groupsByEnvironment(catalog.targetGroups, environmentIds);
    const groupsIn = (env: string): ReadonlyMap<string, TargetGroupSpec> => groups.get(env) ?? new Map();

    // 2. Each environment: its SDK keys (and FME keys where it has an FME environment), and the targets and target groups its rules name.
    const environments = new Map(
        settings.environments.map((environment) => [
            environment.id,
            new FlagEnvironment(NAMES.environment(environment.id), {
                orgId,
                projectId,
                accountId: settings.accountId,
                environment,
                targets: targetsInEnvironment(catalog, environment.id, groupsIn(environment.id)),
                // An external group exists in Harness already: flags serve its members, the stack creates nothing.
                targetGroups: [...groupsIn(environment.id).values()].filter((group) => !group.external),
                fme: fme.environments[environment.id]
                    ? { environmentId: fme.environments[environment.id], sdkKeys: fme.sdkKeys }
                    : undefined,
                safety,
            }),
        ]),
    );

    // 3. Each flag: one Harness FeatureFlag carrying its state in every environment, after the targets it serves.
    const flags = catalog.flags.map((flag) => {
        const targets = environmentIds.flatMap((env) =>
            targetRules(flag, env, groupsIn(env)).flatMap((rule) =>
                rule.targets.flatMap((id) => environments.get(env)!.targets.get(id) ?? []),
            ),
        );
        return new Flag(NAMES.flag(flag.identifier), {
            orgId,
            projectId,
            flag,
            environments: environmentIds,
            targetGroups: groups,
            targets,
            safety,
        });
    });

    // 4. Each FME segment the stack manages, then each experiment after the segments and experiments its rules name.
    const segments = new Map(
        catalog.segments
            .filter((segment) => !segment.external)
            .map((segment) => [
                segment.name,
                new Segment(NAMES.segment(segment.name), { orgId, projectId, segment, targetGroups: groups, fme, safety }),
            ]),
    );
    const experiments = new Map<string, Experiment>();
    for (const experiment of inDependencyOrder(catalog.experiments)) {
        const needs = (env: string) =>
            ruleReferences(experiment, env).flatMap(({ matcher }) => [
                ...(matcher.inSegment !== undefined ? (segments.get(matcher.inSegment)?.ready.get(env) ?? []) : []),
                ...(matcher.experiment !== undefined
                    ? [experiments.get(matcher.experiment)?.definitions.get(env)].filter((d) => d !== undefined)
                    : []),
            ]);
        experiments.set(
            experiment.name,
            new Experiment(NAMES.experiment(experiment.name), { orgId, projectId, experiment, fme, needs, safety }),
        );
    }

    // 5. Outputs, for deploy scripts and StackReferences.
    const flagOutputs = pulumi.output(Object.fromEntries(catalog.flags.map((flag, i) => [flag.identifier, flags[i].summary])));
    const keysByEnvironment = (pick: (environment: FlagEnvironment) => pulumi.Output<unknown>, ids = environmentIds) =>
        pulumi.secret(Object.fromEntries(ids.map((id) => [id, pick(environments.get(id)!)])));
    // The core stack's outputs, kept for deploy scripts written against it: the original flag's
    // id, and the first environment's first current SDK key.
    const first = settings.environments[0];
    const firstKeyType = first?.sdkKeys[0]?.toLowerCase() as "server" | "client" | undefined;
    return {
        /** identifier → {id, kind, archived, variations, environments: {envId: state}} */
        flags: flagOutputs,
        /** experiment name → {environments: {envId: {split, trafficAllocation}}} */
        experiments: Object.fromEntries(
            catalog.experiments.map((experiment) => [experiment.name, experiments.get(experiment.name)!.summary]),
        ),
        /** segment name → {managedBy, environments: {envId: {keys}}} */
        segments: Object.fromEntries(
            catalog.segments.map((segment) => [segment.name, segments.get(segment.name)?.summary ?? segmentSummary(segment, groups, fme)]),
        ),
        /** environment → {type, typeFrom, protected}: what the stack treats as production. */
        environments: Object.fromEntries(
            settings.environments.map((e) => [e.id, { type: e.type, typeFrom: e.typeFrom, protected: protects(safety, [e.id]) }]),
        ),
        /** environment → {server?, client?}: the current SDK keys, secret. */
        sdkKeys: keysByEnvironment((environment) => environment.sdkKeys),
        /** environment → {server?, client?}: the previous generation's keys, still valid during a rotation; secret. */
        previousSdkKeys: keysByEnvironment((environment) => environment.previousSdkKeys),
        /** environment with an FME environment → {serverSide?, clientSide?}: the FME SDK keys experiments are evaluated with; secret. */
        fmeSdkKeys: keysByEnvironment(
            (environment) => environment.fmeSdkKeys,
            environmentIds.filter((id) => fme.environments[id]),
        ),
        featureFlagId: flagOutputs.apply((all) => all["ai_experiment_flag"]?.id),
        featureFlagApiKey: pulumi.secret(
            first ? environments.get(first.id)!.sdkKeys.apply((keys) => (firstKeyType ? keys[firstKeyType] : undefined)) : undefined,
        ),
    };
};
