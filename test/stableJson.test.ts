import { stableStringify } from "../lib/stableJson";

describe("stableStringify", () => {
    it("writes object keys in sorted order at every depth", () => {
        expect(stableStringify({ temperature: 0.2, model: "m", extra: { z: 1, a: [{ y: 2, b: 3 }] } })).toBe(
            '{"extra":{"a":[{"b":3,"y":2}],"z":1},"model":"m","temperature":0.2}',
        );
    });

    it("gives the same text however the keys were written", () => {
        expect(stableStringify({ a: 1, b: { c: 2, d: 3 } })).toBe(stableStringify({ b: { d: 3, c: 2 }, a: 1 }));
    });

    it("keeps array order, which is meaningful", () => {
        expect(stableStringify([3, 1, 2])).toBe("[3,1,2]");
    });

    it.each<[string, unknown, string]>([
        ["undefined", { a: undefined }, "$.a is undefined"],
        ["a function", [() => 1], "$[0] is function"],
        ["NaN", { t: NaN }, "$.t is NaN"],
        ["Infinity", { t: Infinity }, "$.t is Infinity"],
        ["a bigint", { n: BigInt(2) }, "$.n is bigint"],
        ["a Date", { at: new Date(0) }, "$.at is a Date object"],
        ["a Map", new Map(), "$ is a Map object"],
    ])("refuses %s, naming where it is", (_label, value, message) => {
        expect(() => stableStringify(value)).toThrow(message);
    });

    it("refuses a cycle but accepts a shared (acyclic) reference", () => {
        const shared = { x: 1 };
        expect(stableStringify({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        expect(() => stableStringify(cyclic)).toThrow("$.self refers back to itself");
    });
});
