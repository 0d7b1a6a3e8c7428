// A stack named dev that manages the Production environment prod, mid-way through an SDK key
// rotation there, whose last deployment matches the catalog: protection follows the environment's
// type, not the stack's name.
import { PROJECT } from "../config";
import { catalog } from "../flags";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";

let run: ProgramRun;
const resource = (name: string) => run.registrations.find((r) => r.name === name)!;

beforeAll(async () => {
    const config = readStackConfig(PROJECT, "dev", {
        environments: [
            { id: "dev", sdkKeys: ["Server", "Client"] },
            { id: "prod", sdkKeys: ["Server"], sdkKeyGenerations: [{ generation: 2, expiresOn: "2099-06-30" }, 1] },
        ],
    });
    const lastDeployment = { flags: Object.fromEntries(catalog.flags.map((f) => [f.identifier, { kind: f.kind, archived: false }])) };
    const registrations = await startMockRuntime(PROJECT, "dev", config, { lastDeployment });
    run = await runProgram(require.resolve("../index"), registrations);
});

it("protects by default everything that touches the Production environment, whatever the stack is called", () => {
    for (const name of ["flag-chat_model-flag", "env-prod-group-internal_testers", "env-prod-target-user_ana_ml", "experiment-chat-model-ab-flag", "experiment-chat-model-ab-definition-prod", "segment-internal_testers-segment", "segment-internal_testers-keys-prod", "env-prod-server-key-g2"]) {
        expect([name, resource(name).options]).toEqual([name, expect.objectContaining({ protect: true, deleteBeforeReplace: true })]);
    }
});

it("leaves PreProduction resources unprotected", () => {
    for (const name of ["env-dev-server-key", "env-dev-group-internal_testers", "experiment-chat-model-ab-definition-dev", "segment-internal_testers-association-dev"]) {
        expect([name, resource(name).options.protect]).toEqual([name, false]);
    }
});

it("leaves the previous key generation unprotected, so the next deploy can drop it", () => {
    expect(resource("env-prod-server-key").options).toMatchObject({ protect: false, deleteBeforeReplace: true });
});

it("declares the new generation beside the old one, with its expiry", () => {
    expect(resource("env-prod-server-key-g2").inputs).toMatchObject({ identifier: "ai_feature_flags_server_g2", envId: "prod", type: "Server", expiredAt: 4086460800 });
    expect(resource("env-prod-server-key").inputs).toMatchObject({ identifier: "ai_feature_flags_server", envId: "prod" });
    expect(resource("env-prod-server-key").inputs.expiredAt).toBeUndefined();
});

it("exports the current keys as sdkKeys and the still-valid previous ones as previousSdkKeys, both secret", () => {
    expect(run.outputs.sdkKeys).toEqual({
        secret: true,
        value: { dev: { server: "mock-sdk-key-env-dev-server-key", client: "mock-sdk-key-env-dev-client-key" }, prod: { server: "mock-sdk-key-env-prod-server-key-g2" } },
    });
    expect(run.outputs.previousSdkKeys).toEqual({ secret: true, value: { dev: {}, prod: { server: "mock-sdk-key-env-prod-server-key" } } });
});

it("says which environment types it assumed from the ids", () => {
    expect(run.outputs.environments.value).toEqual({ dev: { type: "PreProduction", typeFrom: "id", protected: false }, prod: { type: "Production", typeFrom: "id", protected: true } });
});
