// In a stack that protects anything (here the dev stack, which manages the Production environment
// prod), a live flag removed from the catalog or changed in kind is refused before anything is
// declared, with the way forward.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { readStackConfig, Registration, runProgram, startMockRuntime } from "../scripts/mockRuntime";

let registrations: Registration[];
let failure: unknown;

beforeAll(async () => {
    const lastDeployment = { flags: { chat_model: { kind: "string" }, legacy_prompt_router: { kind: "boolean", archived: false }, old_banner: { kind: "boolean", archived: true } } };
    registrations = await startMockRuntime(PROJECT, "dev", readStackConfig(PROJECT, "dev"), { lastDeployment });
    failure = await runProgram(require.resolve("../index"), registrations).then(() => undefined, (e) => e);
});

it("fails with one RunError naming the removed flag and the kind change", () => {
    expect(pulumi.RunError.isInstance(failure)).toBe(true);
    const message = (failure as Error).message;
    expect(message).toMatch(/^flags\.ts catalog: 2 problems; nothing was declared\./);
    expect(message).toContain("flag 'legacy_prompt_router': removed from flags.ts, but it is live in this protected stack");
    expect(message).toContain("put it back in flags.ts with archived: true");
    expect(message).toContain("flag 'chat_model' kind: changes string → json");
    expect(message).not.toContain("old_banner");
});

it("registers no resource", () => {
    expect(registrations).toEqual([]);
});
