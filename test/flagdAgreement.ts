// Compares a stack's flagd files with what the program declares to Harness for the same
// environments: flagd-core evaluates the files for real (with flagd's strict schema), and Harness's
// and FME's serving rules are applied to the declared FeatureFlags and Definitions.
import type { FlagdCore } from "@openfeature/flagd-core";
import { variationValue } from "../catalog/flags";
import type { FlagKind } from "../catalog/types";
import { FLAGD_TYPES } from "../generate/flagdEvaluation";
import { environmentOfName } from "../plan/diff";
import type { ProgramRun, Registration } from "../plan/mockRuntime";
import { HARNESS } from "../resources/identity";

export const KEYS = 10_000;

/** What Harness serves `target` from one environment of a declared FeatureFlag. */
function harnessServes(flag: Registration, env: string, target: string): { variation: string; value: string } {
    const spec = flag.inputs.environments.find((e: any) => e.identifier === env);
    const variation =
        spec.state !== "on"
            ? (spec.defaultOffVariation ?? flag.inputs.defaultOffVariation)
            : ((spec.addTargetRules ?? []).find((r: any) => r.targets.includes(target))?.variation ??
              spec.defaultOnVariation ??
              flag.inputs.defaultOnVariation);
    return { variation, value: flag.inputs.variations.find((v: any) => v.identifier === variation).value };
}

/** Every flag, environment and listed target (and someone else) where the flagd file serves something else than Harness, named. */
export function flagMismatches(run: ProgramRun, cores: ReadonlyMap<string, FlagdCore>) {
    const mismatches: string[] = [];
    let compared = 0;
    for (const flag of run.registrations.filter((r) => r.type === HARNESS.featureFlag)) {
        for (const { identifier: env, addTargetRules = [] } of flag.inputs.environments) {
            for (const target of [...addTargetRules.flatMap((r: any) => r.targets), "someone_else"]) {
                const harness = harnessServes(flag, env, target);
                const flagd = cores.get(env)!.resolve(FLAGD_TYPES[flag.inputs.kind as FlagKind], flag.inputs.identifier, undefined as any, {
                    targetingKey: target,
                });
                compared++;
                if (flagd.variant !== harness.variation || variationValue(flagd.value as any) !== harness.value)
                    mismatches.push(
                        `flag '${flag.inputs.identifier}' in ${env}, target '${target}': Harness serves '${harness.variation}' (${harness.value}), the flagd file '${flagd.variant}' (${JSON.stringify(flagd.value)})`,
                    );
            }
        }
    }
    return { mismatches, compared };
}

/** Each FME definition the program declares, with its stack environment and its parsed JSON. */
export const definitionsOf = (run: ProgramRun) =>
    run.registrations
        .filter((r) => r.type === HARNESS.definition)
        .map((d) => ({
            env: environmentOfName(d.name, "definition"),
            flagName: d.inputs.flagName as string,
            spec: JSON.parse(d.inputs.definition),
        }));

/**
 * Where the shares the flagd file gives `contexts` stray from FME's: each bucket's size of the
 * allocated traffic, plus the unallocated rest for the default treatment. Within 1.5 points over
 * 10,000 contexts; a handful (a segment's keys) is checked exactly where a treatment gets all or none.
 */
export function shareMismatches(
    core: FlagdCore,
    flagName: string,
    spec: any,
    buckets: { treatment: string; size: number }[],
    contexts: Record<string, unknown>[],
    where: string,
): string[] {
    const allocated = spec.trafficAllocation / 100;
    const counts: Record<string, number> = {};
    for (const context of contexts) {
        const { variant } = core.resolveObjectEvaluation(flagName, {}, context as any);
        counts[variant!] = (counts[variant!] ?? 0) + 1;
    }
    return buckets.flatMap((bucket) => {
        const expected = 100 * (allocated * (bucket.size / 100) + (bucket.treatment === spec.defaultTreatment ? 1 - allocated : 0));
        const got = (100 * (counts[bucket.treatment] ?? 0)) / contexts.length;
        const tolerance = contexts.length >= KEYS ? 1.5 : expected === 0 || expected === 100 ? 0 : Infinity;
        return Math.abs(got - expected) > tolerance
            ? [
                  `experiment '${flagName}' ${where}, treatment '${bucket.treatment}': FME ${expected.toFixed(1)}%, the flagd file ${got.toFixed(1)}%`,
              ]
            : [];
    });
}

/** Where each experiment's default split (the traffic no rule matches) strays from its FME definition. */
export function defaultSplitMismatches(run: ProgramRun, cores: ReadonlyMap<string, FlagdCore>): string[] {
    // Keys that no attribute rule can match: only the allocation and the default rule apply.
    const visitors = Array.from({ length: KEYS }, (_, i) => ({ targetingKey: `visitor-${i}` }));
    return definitionsOf(run).flatMap(({ env, flagName, spec }) =>
        shareMismatches(cores.get(env)!, flagName, spec, spec.defaultRule, visitors, `in ${env}`),
    );
}
