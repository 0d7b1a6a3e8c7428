// The offline plan a reviewer reads: structure, options, and no secret in plain text.
import { PROJECT } from "../config";
import { ProgramRun, readStackConfig, runProgram, startMockRuntime } from "../scripts/mockRuntime";
import { planReport } from "../scripts/planReport";

let report: string;
let run: ProgramRun;

beforeAll(async () => {
    const config = readStackConfig(PROJECT, "dev", { "harness:platformApiKey": { secure: "AAABAJ0x" } });
    run = await startMockRuntime(PROJECT, "dev", config).then((registrations) => runProgram(require.resolve("../index"), registrations));
    report = planReport(run, "dev", config.secretKeys.map((key) => config.config[key]));
});

it("says that everything is a create here, and how to see a change instead", () => {
    expect(report.split("\n").slice(0, 2)).toEqual([
        "Offline plan for stack 'dev' (mock runtime: nothing is sent to Harness)",
        "Everything is shown as + (create): this plan compares with nothing. To see what a change does: npm run plan -- --diff <git ref>",
    ]);
});

it("says each environment's type and whether it is protected", () => {
    expect(report).toContain("Environments: dev PreProduction; prod Production, protected");
});

it("shows each component as a header with its resources nested under it, never as an import (=)", () => {
    expect(report).not.toMatch(/^\s*= /m);
    expect(report).toContain(
        [
            "  ExperimentFlag flag-agent_tool_use",
            "      + harness:platform/featureFlag:FeatureFlag  flag-agent_tool_use-flag",
            '          (protect=true, ignoreChanges=["environments"])',
        ].join("\n"),
    );
    expect(report).toContain("Resources: 27 Harness resources in 11 components");
});

it("shows variations one per line and FME definitions as indented JSON", () => {
    expect(report).toContain('      - {"description":"The assistant answers.","identifier":"enabled","name":"Enabled","value":"true"}');
    expect(report).toMatch(/ {10}definition:\n {12}\{\n {14}"baselineTreatment": "baseline",/);
});

it("prints secret outputs as [secret] and no SDK key anywhere", () => {
    expect(report).toContain("  sdkKeys: [secret]");
    expect(report).toContain("  featureFlagApiKey: [secret]");
    expect(report).not.toMatch(/mock-sdk-key/);
});

it("masks a secret wherever it appears, even inside another resource's inputs", () => {
    const key = run.outputs.featureFlagApiKey.value as string;
    const leaky: ProgramRun = {
        outputs: { sdkKeys: run.outputs.sdkKeys, echoed: { value: { copy: key }, secret: false } },
        registrations: [{ type: "example:index:Thing", name: "thing", custom: true, options: {}, inputs: { token: key, nested: [{ value: "mock-secret-for-harness:platformApiKey" }] } }],
    };
    const masked = planReport(leaky, "dev", ["mock-secret-for-harness:platformApiKey"]);
    expect(masked).toContain("token: [secret]");
    expect(masked).toContain('- {"value":"[secret]"}');
    expect(masked).toContain('"copy": "[secret]"');
    expect(masked).not.toContain(key);
});

it("prints an output the program leaves undefined as (none)", () => {
    const report = planReport({ registrations: [], outputs: { featureFlagId: { value: undefined, secret: false } } }, "dev", []);
    expect(report).toContain("  featureFlagId: (none)");
});
