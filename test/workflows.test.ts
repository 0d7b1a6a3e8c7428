// The GitHub workflows, checked against GitHub's workflow schema (action-validator) before they
// ever run on GitHub, and the steps that decide something run as the runner runs them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateWorkflow } from "@action-validator/core";
import { runStep, standIn, WORKFLOWS } from "./workflowSteps";

const workflows = fs.readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));

it.each(workflows)("%s is a valid workflow", (name) => {
    expect(validateWorkflow(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")).errors).toEqual([]);
});

/** deploy.yml's classification step in a directory of its own, with `npm` a stand-in that prints `planOutput` and exits `planExit`. */
function runClassify(files: Record<string, string>, planOutput: string, planExit: number) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-workflow-"));
    try {
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
        fs.mkdirSync(path.join(dir, "bin"));
        standIn(path.join(dir, "bin"), "npm", planOutput, planExit);
        const env = { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, STACK: "acme/prod", GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
        const result = runStep("deploy.yml", "classify", "type", dir, env);
        const output = fs.existsSync(env.GITHUB_OUTPUT) ? fs.readFileSync(env.GITHUB_OUTPUT, "utf8") : "";
        return { status: result.status, output, log: result.stdout + result.stderr };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("deploy.yml decides the GitHub environment, and stops when it cannot", () => {
    const stackFile = { "Pulumi.prod.yaml": "config: {}\n" };
    const plan = (environments: unknown) => JSON.stringify({ stack: "prod", outputs: { environments } });

    it.each<[string, unknown, string]>([
        ["a stack with a Production environment goes through production", { dev: { type: "PreProduction" }, prod: { type: "Production" } }, "environment=production\n"],
        ["a stack of PreProduction environments goes through preproduction", { dev: { type: "PreProduction" } }, "environment=preproduction\n"],
    ])("%s", (_label, environments, output) => {
        expect(runClassify(stackFile, plan(environments), 0)).toMatchObject({ status: 0, output });
    });

    it.each<[string, Record<string, string>, string, number, RegExp]>([
        ["the plan fails", stackFile, "", 1, /.*/],
        ["the plan prints nothing", stackFile, "", 0, /says nothing about its environments/],
        ["the plan is not JSON", stackFile, "plan: failed", 0, /parse error|Invalid/i],
        ["the plan lists no environments", stackFile, plan({}), 0, /says nothing about its environments/],
        ["the stack has no stack file", {}, plan({ prod: { type: "Production" } }), 0, /There is no Pulumi\.prod\.yaml for stack acme\/prod/],
    ])("stops when %s", (_label, files, output, exit, log) => {
        const result = runClassify(files, output, exit);
        expect(result.status).not.toBe(0);
        expect(result.output).toBe("");
        expect(result.log).toMatch(log);
    });
});
