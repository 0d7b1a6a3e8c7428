// No input of any shape crashes the checks: generated catalogs and configs, from noise to one
// field away from valid, always end in a result or in whole problems (test/program.test.ts: and
// a stack given them declares nothing).
import * as fc from "fast-check";
import { checkCatalog } from "../catalog/validate";
import { parseSettings, PROJECT } from "../config";
import type { Problem } from "../lib/problems";
import { catalog, stack, today } from "./catalogFixtures";
import { mistake, paths, replaced } from "./mistakes";

// npm run test:e2e (and so CI) runs 1000 cases of each property; FUZZ_RUNS=50 npx jest -c test/e2e/jest.config.js test/fuzz.test.ts runs a quick sample.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** Every problem has all four parts, and none ends in an empty list of choices. */
const whole = (problems: readonly Problem[]) =>
    problems.every(
        (p) =>
            [p.subject, p.found, p.allowed, p.fix].every((part) => typeof part === "string" && part.trim() !== "") &&
            !/one of: ?$/.test(p.allowed),
    );

const valid = JSON.parse(JSON.stringify(catalog()));
const catalogPaths = paths(valid);
const problemsOf = (input: unknown) => checkCatalog(input, stack, today).problems;

describe("the catalog checks", () => {
    it("turn any value into problems, never an exception", () => {
        fc.assert(
            fc.property(fc.anything(), (input) => whole(problemsOf(input)) && problemsOf(input).length > 0),
            { numRuns: RUNS },
        );
    });

    it("report a valid catalog with one place replaced by a mistake as whole problems, or accept it", () => {
        fc.assert(
            fc.property(fc.constantFrom(...catalogPaths), mistake, (path, value) => whole(problemsOf(replaced(valid, path, value)))),
            { numRuns: RUNS * 3 },
        );
    });

    it("survive a catalog whose lists hold anything", () => {
        const lists = fc.record({
            flags: fc.array(fc.anything(), { maxLength: 3 }),
            targetGroups: fc.array(fc.anything(), { maxLength: 3 }),
            experiments: fc.array(fc.anything(), { maxLength: 3 }),
            segments: fc.array(fc.anything(), { maxLength: 2 }),
            targets: fc.array(fc.anything(), { maxLength: 2 }),
        });
        fc.assert(
            fc.property(lists, (input) => whole(problemsOf(input))),
            { numRuns: RUNS },
        );
    });
});

describe("the config checks", () => {
    const validConfig = {
        orgId: "default",
        projectId: "ai_platform",
        environments: [{ id: "dev", type: "PreProduction", sdkKeys: ["Server"], sdkKeyGenerations: [2, 1] }],
        fme: { trafficTypes: { user: "u" }, environments: { dev: "d" } },
        protect: "true",
    };
    const raw = (document: Record<string, unknown>) => ({
        values: Object.fromEntries(
            Object.entries(document)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [`${PROJECT}:${k}`, typeof v === "string" ? v : (JSON.stringify(v) ?? String(v))]),
        ),
        secretKeys: new Set<string>(),
        stack: "dev",
    });
    const check = (document: Record<string, unknown>) => {
        const result = parseSettings(raw(document), today);
        return result.ok || whole(result.problems);
    };

    it("turn any document into settings or whole problems", () => {
        fc.assert(
            fc.property(
                fc.dictionary(
                    fc.constantFrom("orgId", "projectId", "environments", "environmentId", "sdkKeyType", "fme", "protect", "other"),
                    fc.anything(),
                ),
                check,
            ),
            { numRuns: RUNS },
        );
    });

    it("report a valid config with one place replaced by a mistake as whole problems, or accept it", () => {
        fc.assert(
            fc.property(fc.constantFrom(...paths(validConfig).filter((p) => p.length)), mistake, (path, value) =>
                check(replaced(validConfig, path, value) as Record<string, unknown>),
            ),
            { numRuns: RUNS * 2 },
        );
    });
});
