// A flagd file evaluated as an application's flagd provider evaluates it: flagd-core, with flagd's
// strict schema. adopt compares what Harness serves with it; the tests check generated files with it.
import { FlagdCore, MemoryStorage } from "@openfeature/flagd-core";
import type { FlagKind } from "../catalog/types";

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/** A flagd file loaded into flagd-core; throws where flagd's schema refuses it. */
export function flagdCore(text: string): FlagdCore {
    const storage = new MemoryStorage(silent);
    storage.setConfigurations(text, true);
    return new FlagdCore(storage, silent);
}

/** The flagd type a flag of each kind resolves as. */
export const FLAGD_TYPES = { boolean: "boolean", int: "number", json: "object", string: "string" } as const satisfies Record<
    FlagKind,
    string
>;
