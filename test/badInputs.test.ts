// Bad input of every kind ends in problems people can act on, never a crash: each class of
// mistake a new user makes, a table each. (The config's secrets, unknown keys and scalar types
// are in config.test.ts; FME dependency cycles in experiments.test.ts.)
import { featureFlagArgs } from "../catalog/flags";
import { groupsByEnvironment } from "../catalog/targets";
import type { CatalogInput } from "../catalog/types";
import { parseCatalog } from "../catalog/validate";
import { parseSettings } from "../config";
import type { Problem } from "../lib/problems";
import { catalog, catalogProblems, modelExperiment, parsed, stack } from "./catalogFixtures";

type Change = (c: any) => void;
const problemsAfter = (change: Change, settings = stack) => {
    const changed: any = catalog();
    change(changed);
    return catalogProblems(changed, settings);
};
/** Every problem is whole: a subject, what was found, a non-empty rule, and a concrete fix. */
function expectActionable(problems: Problem[]) {
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
        for (const field of [p.subject, p.found, p.allowed, p.fix]) expect(field).toMatch(/\S/);
        expect(p.allowed).not.toMatch(/one of: ?$/);
        expect(p.fix).not.toMatch(/fix the value|fix .* in flags\.ts$/);
    }
}

describe("a wrong shape is a problem, not a TypeError", () => {
    it.each<[string, unknown, string, string]>([
        ["a catalog that is null", null, "the catalog in flags.ts", "null is null, not an object"],
        ["a catalog that is text", "flags", "the catalog in flags.ts", '"flags" is text, not an object'],
        ["a catalog without flags", { targetGroups: [] }, "flags", "missing"],
        ["flags that are null", { flags: null }, "flags", "null is null, not a list"],
        ["flags given as an object", { flags: { chat_model: {} } }, "flags", '{"chat_model":{}} is an object, not a list'],
        ["a flag that is null", { flags: [null] }, "flag 'flags[0]'", "null is null, not an object"],
        ["a flag that is text", { flags: ["chat_model"] }, "flag 'flags[0]'", '"chat_model" is text, not an object'],
        ["target groups that are null", { flags: [], targetGroups: null }, "targetGroups", "null is null, not a list"],
        [
            "environments that are a list",
            { flags: [{ ...catalog().flags[0], environments: [{ state: "on" }] }] },
            "flag 'chat_model' environments",
            "is a list, not a map of names to values",
        ],
        [
            "an environment that is null",
            { flags: [{ ...catalog().flags[0], environments: { dev: null } }] },
            "flag 'chat_model' environments.dev",
            "null is null, not an object",
        ],
        [
            "rules that are text",
            { flags: [], experiments: [{ ...modelExperiment(), environments: { dev: { split: {}, rules: "testers" } } }] },
            "experiment 'chat-model-ab' environments.dev.rules",
            '"testers" is text, not a list',
        ],
    ])("%s", (_label, input, subject, found) => {
        const problems = catalogProblems(input);
        expect(problems).toContainEqual(expect.objectContaining({ subject, found: expect.stringContaining(found) }));
        expectActionable(problems);
    });

    it.each<[string, Change, string]>([
        ["variations given as one string", (c) => (c.flags[0].variations = "baseline,candidate"), "flag 'chat_model' variations"],
        ["tags given as one string", (c) => (c.flags[0].tags = "llm"), "flag 'chat_model' tags"],
        ["included targets given as one string", (c) => (c.targetGroups[0].included = "user_1"), "target group 'testers' included"],
    ])("reports %s once, not once per character", (_label, change, subject) => {
        expect(problemsAfter(change).filter((p) => p.subject.startsWith(subject))).toEqual([
            expect.objectContaining({ subject, found: expect.stringContaining("is text, not a list") }),
        ]);
    });
});

describe("a misspelt key is refused, with the key it was probably meant to be", () => {
    it.each<[string, Change, string, string]>([
        [
            "expiresOnn on a flag",
            (c) => (c.flags[1].expiresOnn = "2027-01-01"),
            "flag 'assistant_enabled' expiresOnn",
            "did you mean 'expiresOn'? rename expiresOnn to expiresOn on flag 'assistant_enabled' in flags.ts",
        ],
        [
            "defaultoff on a flag",
            (c) => (c.flags[1].defaultoff = "off"),
            "flag 'assistant_enabled' defaultoff",
            "did you mean 'defaultOff'?",
        ],
        [
            "targetgroups in a flag environment",
            (c) => (c.flags[0].environments.prod.targetgroups = {}),
            "flag 'chat_model' environments.prod.targetgroups",
            "did you mean 'targetGroups'? rename environments.prod.targetgroups to environments.prod.targetGroups",
        ],
        [
            "include on a target group",
            (c) => (c.targetGroups[0].include = ["user_1"]),
            "target group 'testers' include",
            "did you mean 'included'?",
        ],
        [
            "trafficAlocation in an experiment environment",
            (c) => (c.experiments[0].environments.prod.trafficAlocation = 50),
            "experiment 'chat-model-ab' environments.prod.trafficAlocation",
            "did you mean 'trafficAllocation'?",
        ],
        [
            "startWith in a condition",
            (c) => (c.experiments[0].environments.prod.rules[0].when = [{ attribute: "email", startWith: ["a"] }]),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].startWith",
            "did you mean 'startsWith'?",
        ],
        [
            "an unrelated key",
            (c) => (c.flags[0].colour = "red"),
            "flag 'chat_model' colour",
            "remove colour on flag 'chat_model' in flags.ts",
        ],
    ])("%s", (_label, change, subject, fix) => {
        expect(problemsAfter(change)).toContainEqual(
            expect.objectContaining({ subject, found: expect.stringMatching(/^unknown key '/), fix: expect.stringContaining(fix) }),
        );
    });
});

describe("true and false given as text are refused, not taken as truthy", () => {
    // The fix writes the boolean the text meant: never one that flips it.
    it.each<[string, Change, string, boolean]>([
        ['permanent: "true"', (c) => (c.flags[0].permanent = "true"), "flag 'chat_model' permanent", true],
        ['allowReplace: "false"', (c) => (c.flags[0].allowReplace = "false"), "flag 'chat_model' allowReplace", false],
        ['archived: "no"', (c) => (c.flags[1].archived = "no"), "flag 'assistant_enabled' archived", false],
        [
            'negate: "yes" on a group rule',
            (c) => (c.targetGroups[1].rules[0].negate = "yes"),
            "target group 'enterprise' rules[0].negate",
            true,
        ],
        [
            'not: "false" on a condition',
            (c) => (c.experiments[0].environments.prod.rules[0].when[0].not = "false"),
            "experiment 'chat-model-ab' environments.prod.rules[0].when[0].not",
            false,
        ],
        ["allowReplace: 1 on an experiment", (c) => (c.experiments[0].allowReplace = 1), "experiment 'chat-model-ab' allowReplace", true],
    ])("%s", (_label, change, subject, meant) => {
        const [problem] = problemsAfter(change);
        expect(problem).toMatchObject({ subject, found: expect.stringMatching(/, not true or false$/), allowed: expect.any(String) });
        expect(problem.fix).toMatch(new RegExp(`^set \\S+: ${meant} on `));
    });
});

describe("json variations given as text are checked as JSON and sent like objects", () => {
    const asText = (text: string) => {
        const input = catalog();
        (input.flags[0].variations[0] as any).value = text;
        return input;
    };
    const inputsOf = (input: CatalogInput) => {
        const c = parsed(input);
        return featureFlagArgs(c.flags[0], ["dev", "prod"], groupsByEnvironment(c.targetGroups, ["dev", "prod"]));
    };

    it.each([
        ["the same object as text", '{"model":"gpt-4o-mini","temperature":0.2}'],
        ["keys in another order", '{"temperature":0.2,"model":"gpt-4o-mini"}'],
        ["with whitespace and newlines", '{\n  "temperature": 0.2,\n  "model": "gpt-4o-mini"\n}'],
    ])("%s compiles to the inputs of the object", (_label, text) => {
        expect(JSON.stringify(inputsOf(asText(text)))).toBe(JSON.stringify(inputsOf(catalog())));
    });

    it.each([
        ["unquoted keys", "{model: 'gpt'}"],
        ["a trailing comma", '{"model":"gpt",}'],
        ["plain text meant as a string value", "gpt-4o-mini"],
    ])("refuses %s, naming the variation", (_label, text) => {
        expect(catalogProblems(asText(text))).toEqual([
            expect.objectContaining({
                subject: "flag 'chat_model' variations[0].value",
                found: expect.stringContaining("is text that is not valid JSON"),
            }),
        ]);
    });
});

describe("FME dependencies Split refuses", () => {
    const twoTypes = { ...stack, fme: { ...stack.fme, trafficTypes: { user: "tt_user", account: "tt_account" } } };
    const dependent = (on: string, extra: object = {}) => ({
        ...modelExperiment(),
        name: "summary-ab",
        environments: {
            prod: { split: {}, rules: [{ when: [{ experiment: on, treatments: ["candidate"] }], split: { candidate: 100 } }] },
        },
        ...extra,
    });
    it.each<[string, Change, string]>([
        [
            "a cycle of two",
            (c) =>
                (c.experiments = [
                    dependent("chat-model-ab"),
                    {
                        ...modelExperiment(),
                        environments: {
                            prod: { split: {}, rules: [{ when: [{ experiment: "summary-ab", treatments: ["baseline"] }], split: {} }] },
                        },
                    },
                ]),
            "closes a circular dependency",
        ],
        [
            "a dependency on an experiment only in dev",
            (c) => (c.experiments = [{ ...modelExperiment(), environments: { dev: { split: {} } } }, dependent("chat-model-ab")]),
            "'chat-model-ab' does not run in 'prod'",
        ],
        [
            "a dependency on an experiment of another traffic type",
            (c) => c.experiments.push(dependent("chat-model-ab", { trafficType: "account" })),
            "'chat-model-ab' splits 'user' traffic, this experiment 'account'",
        ],
    ])("refuses %s", (_label, change, found) => {
        expect(problemsAfter(change, twoTypes)).toContainEqual(expect.objectContaining({ found: expect.stringContaining(found) }));
    });
});

describe("messages say what to do", () => {
    it("says which fields a whole entry of the wrong shape needs", () => {
        expect(catalogProblems({ flags: [null] })).toEqual([
            expect.objectContaining({
                fix: "write flags[0] as a flag: { identifier, name, description, owner, defaultOn, defaultOff, kind, variations, … } in flags.ts",
            }),
        ]);
    });

    it("lists what is allowed even when nothing is declared yet", () => {
        const noEnvironments = { ...stack, environments: [] };
        const problems = problemsAfter(() => undefined, noEnvironments);
        expectActionable(problems);
        expect(problems[0].allowed).toBe("an environment listed in the stack's environments config (none is configured)");
    });

    it("suggests the nearest name for a misspelt reference", () => {
        expect(problemsAfter((c) => (c.flags[0].environments.prd = { state: "on" }))).toContainEqual(
            expect.objectContaining({
                subject: "flag 'chat_model' environments.prd",
                fix: expect.stringMatching(/^did you mean 'prod'\? /),
            }),
        );
        expect(problemsAfter((c) => (c.flags[0].defaultOn = "candidat"))).toContainEqual(
            expect.objectContaining({ fix: expect.stringMatching(/^did you mean 'candidate'\? /) }),
        );
        expect(problemsAfter((c) => (c.flags[0].environments.prod.targetGroups = { candidate: ["tester"] }))).toContainEqual(
            expect.objectContaining({ fix: expect.stringMatching(/^did you mean 'testers'\? /) }),
        );
    });

    it("writes the field's documented example into the fix", () => {
        expect(problemsAfter((c) => delete c.flags[0].owner)).toEqual([
            expect.objectContaining({ fix: "set owner: \"ml-platform@example.com\" on flag 'chat_model' in flags.ts" }),
        ]);
        expect(problemsAfter((c) => (c.flags[0].identifier = "chat-model"))).toContainEqual(
            expect.objectContaining({ fix: "set identifier: \"chat_model\" on flag 'chat-model' in flags.ts" }),
        );
        expect(problemsAfter((c) => (c.flags[0].environments.dev.state = "On"))).toContainEqual(
            expect.objectContaining({ fix: "set environments.dev.state: \"on\" on flag 'chat_model' in flags.ts" }),
        );
    });

    it("names the legacy key only as the alternative when no environment is configured", () => {
        const result = parseSettings({
            values: { "ai-feature-flags:orgId": "default", "ai-feature-flags:projectId": "p" },
            secretKeys: new Set(),
            stack: "dev",
        });
        expect(result.ok ? [] : result.problems.map((p) => [p.subject, p.allowed])).toEqual([
            ["ai-feature-flags:environments", "environments, a list of {id, type, sdkKeys} (or, for a single environment, environmentId)"],
        ]);
    });
});

describe("parseCatalog", () => {
    it("keeps the entries that parse, so the rules across entries still run on them", () => {
        const input: any = catalog();
        input.flags[0].owner = 5;
        const { catalog: partial, broken, problems } = parseCatalog(input);
        expect(partial.flags.map((f) => f.identifier)).toEqual(["assistant_enabled"]);
        expect([...broken.flags]).toEqual(["chat_model"]);
        expect(problems).toHaveLength(1);
    });
});

describe("fixes are written from what was given, never from an example that does not fit", () => {
    it.each<[string, Change, string, string]>([
        [
            "a split over 100: the nearest allowed number",
            (c) => (c.experiments[0].environments.prod.split = { candidate: 150 }),
            "experiment 'chat-model-ab' environments.prod.split.candidate",
            "set environments.prod.split.candidate: 100 on experiment 'chat-model-ab' in flags.ts",
        ],
        [
            "a fraction where a whole percent goes: the nearest whole number",
            (c) => (c.experiments[0].environments.prod.trafficAllocation = 12.6),
            "experiment 'chat-model-ab' environments.prod.trafficAllocation",
            "set environments.prod.trafficAllocation: 13 on experiment 'chat-model-ab' in flags.ts",
        ],
        [
            "JSON text with a trailing comma: the same JSON without it, every field kept",
            (c) => (c.flags[0].variations[0].value = '{"model": "gpt-4o", "temperature": 0.2, "maxTokens": 100,}'),
            "flag 'chat_model' variations[0].value",
            'set variations[0].value: "{\\"model\\": \\"gpt-4o\\", \\"temperature\\": 0.2, \\"maxTokens\\": 100}" on flag \'chat_model\' in flags.ts',
        ],
        [
            "JSON text broken otherwise: what to change, where no exact fix exists",
            (c) => (c.flags[0].variations[0].value = '{"model": gpt-4o}'),
            "flag 'chat_model' variations[0].value",
            "variations[0].value on flag 'chat_model' in flags.ts: make the text valid JSON (the parser stopped at the position above), or write the value itself instead of text",
        ],
        [
            "a misspelt environment: the one meant",
            (c) => {
                c.flags[0].environments.prdo = c.flags[0].environments.prod;
                delete c.flags[0].environments.prod;
            },
            "flag 'chat_model' environments.prdo",
            "did you mean 'prod'? write prod instead of prdo; otherwise remove environments.prdo from flag 'chat_model' in flags.ts, or add 'prdo' to the stack's environments config",
        ],
    ])("%s", (_label, change, subject, fix) => {
        expect(problemsAfter(change)).toEqual([expect.objectContaining({ subject, fix })]);
    });
});
