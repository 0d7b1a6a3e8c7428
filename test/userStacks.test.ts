// What must hold for any valid catalog, run on the user's own flags.ts and every Pulumi.<stack>.yaml
// of the project. Nothing here asserts what they contain: a pull request that adds a flag, ramps a
// split or retargets keeps npm test green exactly when the change is one Harness would take.
import * as fs from "fs";
import * as path from "path";
import { checkCatalog, parseCatalog } from "../catalog/validate";
import { PROJECT } from "../config";
import { catalog as userCatalog } from "../flags";
import { thrownText } from "../lib/errors";
import { formatProblems } from "../lib/problems";
import { generatedFiles } from "../generate/files";
import { atRolloutStages } from "../rollouts/stateFile";
import { outOfDate } from "../generate/outputDirectory";
import type { ProgramRun } from "../plan/mockRuntime";
import { PROJECT_DIR } from "../project/files";
import { existingStacks, readStackConfig, stackSettings } from "../project/stacks";
import { flagdCore } from "../generate/flagdEvaluation";
import { defaultSplitMismatches, flagMismatches } from "./flagdAgreement";
import { packViolations } from "./policyRun";
import { runStack } from "./programRun";

interface DigestResource {
    token: string;
    inputs: Record<string, { required: boolean }>;
}
const digest: { resources: Record<string, DigestResource> } = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "harness-0.16.0.digest.json"), "utf8"),
);
const providerResources = new Map(Object.values(digest.resources).map((r) => [r.token, r]));

/** Every Harness resource whose type, inputs or required inputs the provider would refuse, named. */
function providerMismatches(run: ProgramRun): string[] {
    return run.registrations
        .filter((r) => r.custom && r.type.startsWith("harness:"))
        .flatMap((r) => {
            const schema = providerResources.get(r.type);
            if (!schema) return [`${r.name}: the provider has no resource type ${r.type}`];
            return [
                ...Object.keys(r.inputs)
                    .filter((input) => r.inputs[input] !== undefined && !(input in schema.inputs))
                    .map((input) => `${r.name}: ${r.type} has no input '${input}'`),
                ...Object.entries(schema.inputs)
                    .filter(([input, { required }]) => required && r.inputs[input] === undefined)
                    .map(([input]) => `${r.name}: ${r.type} needs '${input}'`),
            ];
        });
}

const stacks = existingStacks();

it("finds the project's stack files", () => {
    expect(stacks.length).toBeGreaterThan(0);
});

describe.each(stacks)("stack %s with flags.ts", (stack) => {
    let problems = "";
    let run: ProgramRun | undefined;
    const generatedDir = path.join(PROJECT_DIR, "generated", stack);

    beforeAll(async () => {
        const config = stackSettings(stack);
        const all = config.ok ? checkCatalog(userCatalog, config.settings, new Date()).problems : config.problems;
        problems = all.length ? formatProblems(`Stack '${stack}' with flags.ts`, all) : "";
        if (problems) return;
        const outcome = await runStack(stack, readStackConfig(PROJECT, stack));
        if (outcome.failure) problems = thrownText(outcome.failure);
        run = outcome.run;
    });

    it("has a valid config and catalog, and the program declares them", () => {
        expect(problems).toBe("");
    });

    it("declares only resources, inputs and required inputs the Harness provider has", () => {
        expect(run && providerMismatches(run)).toEqual([]);
    });

    it("passes the policy pack", () => {
        expect(run && packViolations(run, stack)).toEqual([]);
    });

    const generated = fs.existsSync(generatedDir);
    (generated ? it : it.skip)(`has generated/${stack} as npm run generate -- --stack ${stack} writes it`, () => {
        const config = stackSettings(stack);
        if (!config.ok) throw new Error("invalid config");
        const staged = atRolloutStages(parseCatalog(userCatalog).catalog, stack);
        expect(staged.problems).toEqual([]);
        const expected = generatedFiles(staged.catalog, config.settings, stack);
        expect(outOfDate(generatedDir, expected)).toEqual([]);
    });

    (generated ? it : it.skip)(
        "serves from its flagd files what it declares to Harness, for every flag, environment and listed target",
        () => {
            const cores = new Map(
                fs
                    .readdirSync(generatedDir)
                    .filter((name) => name.endsWith(".flagd.json"))
                    .map((name) => [
                        name.slice(0, -".flagd.json".length),
                        flagdCore(fs.readFileSync(path.join(generatedDir, name), "utf8")),
                    ]),
            );
            expect(run && flagMismatches(run, cores).mismatches).toEqual([]);
            expect(run && defaultSplitMismatches(run, cores)).toEqual([]);
        },
    );
});
