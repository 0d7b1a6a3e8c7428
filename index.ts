import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config";
import { catalog as flagCatalog } from "./flags";
import { checkedCatalog, groupsByEnvironment } from "./catalog/validate";
import { Experiment } from "./components/experiment";
import { ExperimentFlag } from "./components/experimentFlag";
import { FlagEnvironment } from "./components/flagEnvironment";

// 1. Settings and catalog: validated before anything is declared.
const settings = loadSettings();
const catalog = checkedCatalog(flagCatalog, settings);
const { orgId, projectId } = settings;
const environmentIds = settings.environments.map((environment) => environment.id);
const targetGroups = groupsByEnvironment(catalog.targetGroups, environmentIds);

// 2. Each environment: its SDK keys and target groups.
const environments = settings.environments.map(
    (environment) =>
        new FlagEnvironment(`env-${environment.id}`, {
            orgId,
            projectId,
            accountId: settings.accountId,
            environment,
            targetGroups: [...(targetGroups.get(environment.id)?.values() ?? [])],
        }),
);

// 3. Each flag: one Harness FeatureFlag carrying its state in every environment.
const flagComponents = catalog.flags.map(
    (flag) => new ExperimentFlag(`flag-${flag.identifier}`, { orgId, projectId, flag, environments: environmentIds, targetGroups }),
);

// 4. Each percentage experiment: an FME flag and its definition per environment.
const experimentComponents = (catalog.experiments ?? []).map(
    (experiment) => new Experiment(`experiment-${experiment.name}`, { orgId, projectId, experiment, fme: settings.fme }),
);

// 5. Outputs, for deploy scripts and StackReferences.
/** identifier → {id, kind, variations, environments: {envId: state}} */
export const flags = pulumi.output(Object.fromEntries(catalog.flags.map((flag, i) => [flag.identifier, flagComponents[i].summary])));
/** experiment name → {environments: {envId: {split, trafficAllocation}}} */
export const experiments = Object.fromEntries(experimentComponents.map((component, i) => [catalog.experiments![i].name, component.summary]));
/** environment → {server?, client?}: SDK keys, secret. */
export const sdkKeys = pulumi.secret(Object.fromEntries(settings.environments.map((environment, i) => [environment.id, environments[i].sdkKeys])));

// The core stack's outputs, kept for deploy scripts written against it: the original flag's id,
// and the first environment's first SDK key.
const CORE_FLAG = "ai_experiment_flag";
export const featureFlagId = flags.apply((all) => all[CORE_FLAG]?.id);
const firstKeyType = settings.environments[0]?.sdkKeys[0]?.toLowerCase() as "server" | "client" | undefined;
export const featureFlagApiKey = pulumi.secret(environments[0]?.sdkKeys.apply((keys) => (firstKeyType ? keys[firstKeyType] : undefined)));
