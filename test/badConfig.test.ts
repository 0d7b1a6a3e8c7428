// A stack with bad config fails with one error naming every problem, and declares nothing.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { readStackConfig, Registration, runProgram, startMockRuntime } from "../scripts/mockRuntime";

let registrations: Registration[];
let failure: unknown;

beforeAll(async () => {
    const config = readStackConfig(PROJECT, "dev", { orgId: "my-org", environments: [{ id: "dev", sdkKeys: ["server"] }, { id: "dev" }], fme: undefined });
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
    expect(message).toContain("pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server");
    expect(message).toContain("pulumi config rm --path 'ai-feature-flags:environments[1]'");
});

it("registers no resource", () => {
    expect(registrations).toEqual([]);
});
