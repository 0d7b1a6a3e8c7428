import { identifierProblem, suggestIdentifier } from "../lib/identifiers";

describe("identifierProblem", () => {
    it.each([["ai_experiment_flag"], ["_private"], ["prod2"], ["price$usd"], ["a".repeat(128)]])("accepts %s", (id) =>
        expect(identifierProblem(id)).toBeUndefined(),
    );

    it.each([
        ["my-org", "is not a valid identifier"],
        ["2fast", "is not a valid identifier"],
        ["$money", "is not a valid identifier"],
        ["has space", "is not a valid identifier"],
        ["", "is not a valid identifier"],
        ["a".repeat(129), "is not a valid identifier"],
        ["org", "is a reserved word"],
        ["status", "is a reserved word"],
        ["true", "is a reserved word"],
        ["stepGroup", "is a reserved word"],
    ])("rejects '%s'", (id, reason) => expect(identifierProblem(id)).toContain(reason));
});

describe("suggestIdentifier", () => {
    it.each([
        ["my-org", "my_org"],
        ["2fast", "_2fast"],
        ["AI Platform", "AI_Platform"],
        ["ok_already", "ok_already"],
        ["org", undefined],
        ["", undefined],
    ])("turns '%s' into %s", (input, expected) => expect(suggestIdentifier(input)).toBe(expected));
});
