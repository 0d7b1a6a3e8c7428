// drift.yml's preview step as the runner runs it, with `pulumi` a stand-in that writes a preview and
// exits as the CLI would, and the real `npm run drift`: only a clean preview says no drift, and
// a failed or unreadable one fails the step without a verdict, so the drift issue is left alone.
import * as fs from "fs";
import { runStepWithStandIn } from "../workflowSteps";
import { sampleRepository } from "./sampleRepository";

let repo: string;
beforeAll(() => {
    repo = sampleRepository();
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

// The step runs in a checkout of the project: here, a repository of its own.
const previewStep = (preview: string, pulumiExit: number) =>
    runStepWithStandIn({
        workflow: "drift.yml",
        job: "drift",
        step: "preview",
        stack: "acme/dev",
        standInFor: "pulumi",
        output: preview,
        exit: pulumiExit,
        cwd: repo,
    });

const urn = "urn:pulumi:dev::ai-feature-flags::ai-feature-flags:index:Flag$harness:platform/featureFlag:FeatureFlag::flag-a-flag";

it.each<[string, string, number, string]>([
    ["a clean preview", JSON.stringify({ steps: [{ op: "same", urn }] }), 0, "drifted=false\n"],
    ["a drifted preview (exit 7)", JSON.stringify({ steps: [{ op: "update", urn, diffReasons: ["environments"] }] }), 7, "drifted=true\n"],
])("gives a verdict on %s", (_label, preview, exit, output) => {
    expect(previewStep(preview, exit)).toMatchObject({ status: 0, output });
});

it.each<[string, string, number]>([
    ["a preview that failed to log in (exit 3)", "", 3],
    ["an empty preview, exit 0", "{}", 0],
    ["error diagnostics and no steps", JSON.stringify({ steps: [], diagnostics: [{ severity: "error", message: "boom" }] }), 0],
    ["null", "null", 0],
])("fails, with no verdict, on %s", (_label, preview, exit) => {
    const result = previewStep(preview, exit);
    expect(result.status).not.toBe(0);
    expect(result.output).toBe("");
    expect(result.log).toContain("the drift issue is left as it is");
});
