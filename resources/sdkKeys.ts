// The SDK keys an environment declares: every key type in each generation alive, with the
// identifiers and resource names that keep a key the same resource across a rotation.
import type { EnvironmentSettings, SdkKeyType } from "../config";

/** One SDK key to declare: a key type in a generation. */
export interface SdkKeyPlan {
    type: SdkKeyType;
    generation: number;
    role: "current" | "previous";
    /** Harness identifier: generation 1 keeps the name keys had before rotation existed. */
    identifier: string;
    /** Appended to the component's name to name the resource. */
    suffix: string;
    /** Unix seconds at which the key stops working. */
    expiredAt?: number;
}

/** The keys of an environment: every key type in the current generation and, during a rotation, the previous one. */
export function sdkKeyPlan(environment: Pick<EnvironmentSettings, "sdkKeys" | "keyGenerations">): SdkKeyPlan[] {
    return environment.keyGenerations.flatMap(({ generation, expiresOn }, i) =>
        environment.sdkKeys.map((type) => {
            const generationSuffix = generation === 1 ? "" : `_g${generation}`;
            return {
                type,
                generation,
                role: i === 0 ? ("current" as const) : ("previous" as const),
                identifier: `ai_feature_flags_${type.toLowerCase()}${generationSuffix}`,
                suffix: `${type.toLowerCase()}-key${generationSuffix.replace("_", "-")}`,
                ...(expiresOn ? { expiredAt: Date.parse(expiresOn) / 1000 } : {}),
            };
        }),
    );
}
