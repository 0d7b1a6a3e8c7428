// A catalog that breaks the rules fails the program before anything is declared.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { readStackConfig, Registration, runProgram, startMockRuntime } from "../scripts/mockRuntime";
import { catalog } from "./catalogFixtures";

jest.mock("../flags", () => {
    const { catalog: fixture } = jest.requireActual("./catalogFixtures");
    const broken = fixture();
    broken.flags[0].owner = "";
    broken.flags[1].environments = { staging: { state: "on" } };
    return { catalog: broken };
});

let registrations: Registration[];
let failure: unknown;

beforeAll(async () => {
    registrations = await startMockRuntime(PROJECT, "dev", readStackConfig(PROJECT, "dev"));
    failure = await runProgram(require.resolve("../index"), registrations).then(() => undefined, (e) => e);
});

it("fails with one RunError naming each flag and field", () => {
    expect(pulumi.RunError.isInstance(failure)).toBe(true);
    const message = (failure as Error).message;
    expect(message).toMatch(/^flags\.ts catalog: 2 problems; nothing was declared\./);
    expect(message).toContain(`flag '${catalog().flags[0].identifier}' owner: "" is empty`);
    expect(message).toContain(`fix:     set owner: "ml-platform@example.com" on flag 'chat_model' in flags.ts`);
    expect(message).toContain("flag 'assistant_enabled' environments.staging: 'staging' is not an environment of this stack");
});

it("registers no resource", () => {
    expect(registrations).toEqual([]);
});
