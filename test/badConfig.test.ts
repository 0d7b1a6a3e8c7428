// A stack with bad config fails with one error naming every problem, and declares nothing.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { readStackConfig, Registration, runProgram, startMockRuntime } from "../scripts/mockRuntime";

let registrations: Registration[];
let failure: unknown;

beforeAll(async () => {
    const config = readStackConfig(PROJECT, "dev", { orgId: "my-org", environmentId: undefined, sdkKeyType: "server" });
    registrations = await startMockRuntime(PROJECT, "dev", config);
    failure = await runProgram(require.resolve("../index"), registrations).then(() => undefined, (e) => e);
});

it("fails with a RunError, which pulumi prints without a stack trace", () => {
    expect(pulumi.RunError.isInstance(failure)).toBe(true);
});

it("lists every problem with its fix in one message", () => {
    const message = (failure as Error).message;
    expect(message).toMatch(/^Stack 'dev' config: 3 problems; nothing was declared\./);
    expect(message).toContain("pulumi config set ai-feature-flags:orgId my_org");
    expect(message).toContain("pulumi config set ai-feature-flags:environmentId <environmentId>");
    expect(message).toContain("pulumi config set ai-feature-flags:sdkKeyType Server");
});

it("registers no resource", () => {
    expect(registrations).toEqual([]);
});
