import * as pulumi from "@pulumi/pulumi";
import * as harness from "@pulumi/harness";
import { loadSettings } from "./config";
import { aiExperimentFlag } from "./flags";

// 1. Settings: validated before anything is declared.
const settings = loadSettings();
const scope = { orgId: settings.orgId, projectId: settings.projectId };

// 2. The flag and the SDK key its applications evaluate it with.
const flag = new harness.platform.FeatureFlag("ai-experiment-flag", { ...scope, ...aiExperimentFlag });

const sdkKey = new harness.platform.FeatureFlagApiKey(`sdk-key-${settings.environmentId}`, {
    ...scope,
    envId: settings.environmentId,
    identifier: `ai_feature_flags_${settings.sdkKeyType.toLowerCase()}`,
    name: `ai-feature-flags ${settings.sdkKeyType} key`,
    description: "SDK key for the applications that evaluate ai-feature-flags (managed by Pulumi)",
    type: settings.sdkKeyType,
});

// 3. Outputs for deploy scripts: the key is a secret in state, in the CLI and under test mocks.
export const featureFlagId = flag.id;
export const featureFlagApiKey = pulumi.secret(sdkKey.apiKey);
