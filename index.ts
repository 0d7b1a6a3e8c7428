import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config";
import { catalog as flagCatalog } from "./flags";
import { lastDeployedFlags } from "./catalog/lastDeployment";
import { checkedCatalog, groupsByEnvironment } from "./catalog/validate";
import { Experiment } from "./components/experiment";
import { ExperimentFlag } from "./components/experimentFlag";
import { FlagEnvironment } from "./components/flagEnvironment";

// The program is an async function (Pulumi runs it and exports what it returns): a protected stack
// first reads what its last deployment left live, to refuse a removal or replacement up front.
export = async () => {
    // 1. Settings and catalog: validated before anything is declared.
    const settings = loadSettings();
    const deployed = settings.protect ? await lastDeployedFlags() : undefined;
    const catalog = checkedCatalog(flagCatalog, settings, deployed);
    const { orgId, projectId } = settings;
    const safety = { protect: settings.protect };
    const environmentIds = settings.environments.map((environment) => environment.id);
    const targetGroups = groupsByEnvironment(catalog.targetGroups, environmentIds);
    const experimentSpecs = catalog.experiments ?? [];

    // 2. Each environment: its SDK keys and target groups.
    const environments = settings.environments.map(
        (environment) =>
            new FlagEnvironment(`env-${environment.id}`, {
                orgId,
                projectId,
                accountId: settings.accountId,
                environment,
                targetGroups: [...(targetGroups.get(environment.id)?.values() ?? [])],
                safety,
            }),
    );

    // 3. Each flag: one Harness FeatureFlag carrying its state in every environment.
    const flagComponents = catalog.flags.map(
        (flag) => new ExperimentFlag(`flag-${flag.identifier}`, { orgId, projectId, flag, environments: environmentIds, targetGroups, safety }),
    );

    // 4. Each percentage experiment: an FME flag and its definition per environment.
    const experimentComponents = experimentSpecs.map(
        (experiment) => new Experiment(`experiment-${experiment.name}`, { orgId, projectId, experiment, fme: settings.fme, safety }),
    );

    // 5. Outputs, for deploy scripts and StackReferences.
    const flags = pulumi.output(Object.fromEntries(catalog.flags.map((flag, i) => [flag.identifier, flagComponents[i].summary])));
    const keysByEnvironment = (pick: (environment: FlagEnvironment) => pulumi.Output<unknown>) =>
        pulumi.secret(Object.fromEntries(settings.environments.map((environment, i) => [environment.id, pick(environments[i])])));
    // The core stack's outputs, kept for deploy scripts written against it: the original flag's
    // id, and the first environment's first current SDK key.
    const firstKeyType = settings.environments[0]?.sdkKeys[0]?.toLowerCase() as "server" | "client" | undefined;
    return {
        /** identifier → {id, kind, archived, variations, environments: {envId: state}} */
        flags,
        /** experiment name → {environments: {envId: {split, trafficAllocation}}} */
        experiments: Object.fromEntries(experimentSpecs.map((experiment, i) => [experiment.name, experimentComponents[i].summary])),
        /** environment → {server?, client?}: the current SDK keys, secret. */
        sdkKeys: keysByEnvironment((environment) => environment.sdkKeys),
        /** environment → {server?, client?}: the previous generation's keys, still valid during a rotation; secret. */
        previousSdkKeys: keysByEnvironment((environment) => environment.previousSdkKeys),
        featureFlagId: flags.apply((all) => all["ai_experiment_flag"]?.id),
        featureFlagApiKey: pulumi.secret(environments[0]?.sdkKeys.apply((keys) => (firstKeyType ? keys[firstKeyType] : undefined))),
    };
};
