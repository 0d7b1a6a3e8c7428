// A stack configured as before `environments` existed (environmentId + sdkKeyType) keeps working.
import { PROJECT } from "../config";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";

jest.mock("../flags", () => {
    const { killSwitch } = jest.requireActual("./catalogFixtures");
    const flag = { ...killSwitch(), identifier: "ai_experiment_flag", environments: { staging: { state: "on" } } };
    return { catalog: { flags: [flag], targetGroups: [] } };
});

let run: ProgramRun;

beforeAll(async () => {
    const config = readStackConfig(PROJECT, "dev", { environments: undefined, fme: undefined, environmentId: "staging", sdkKeyType: "Client" });
    run = await startMockRuntime(PROJECT, "dev", config).then((registrations) => runProgram(require.resolve("../index"), registrations));
});

it("issues one key of sdkKeyType for environmentId", () => {
    const keys = run.registrations.filter((r) => r.type === "harness:platform/featureFlagApiKey:FeatureFlagApiKey");
    expect(keys.map((k) => [k.inputs.envId, k.inputs.type])).toEqual([["staging", "Client"]]);
});

it("deploys the flag to that environment", () => {
    const [flag] = run.registrations.filter((r) => r.type === "harness:platform/featureFlag:FeatureFlag");
    expect(flag.inputs.environments).toEqual([{ identifier: "staging", state: "on" }]);
});

it("exports featureFlagId and featureFlagApiKey as the core stack did", () => {
    expect(run.outputs.featureFlagId).toEqual({ value: "flag-ai_experiment_flag-flag-id", secret: false });
    expect(run.outputs.featureFlagApiKey).toEqual({ value: "mock-sdk-key-env-staging-client-key", secret: true });
    expect(run.outputs.sdkKeys).toEqual({ value: { staging: { client: "mock-sdk-key-env-staging-client-key" } }, secret: true });
});
