// The rollout state file, rollouts/<stack>.json: read by the program and generate, written by
// npm run rollout. Tests that run the program stand their own state in for this module.
import * as fs from "fs";
import * as path from "path";
import type { Problem } from "../lib/problems";
import { PROJECT_DIR, shown } from "../project/files";
import type { Catalog } from "../catalog/types";
import { RolloutState, rolloutStateSchema, withRolloutState } from "./state";

/** Where stack `stack`'s rollout state is kept. */
export const rolloutFile = (stack: string, dir = PROJECT_DIR) => path.join(dir, "rollouts", `${stack}.json`);

/** The rollout state of `stack` (empty when the file does not exist yet), or the problems with its file. */
export function readRolloutState(stack: string, dir = PROJECT_DIR): { state: RolloutState; problems: Problem[] } {
    const file = rolloutFile(stack, dir);
    const where = shown(file, dir);
    const fix = `restore it with git checkout -- ${where}, or correct it (npm run rollout writes it)`;
    if (!fs.existsSync(file)) return { state: {}, problems: [] };
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        return {
            state: {},
            problems: [
                { subject: where, found: `not JSON (${(error as Error).message})`, allowed: "the JSON npm run rollout writes", fix },
            ],
        };
    }
    const parsed = rolloutStateSchema.safeParse(json);
    if (parsed.success) return { state: parsed.data, problems: [] };
    return {
        state: {},
        problems: parsed.error.issues.map((issue) => ({
            subject: `${where} ${issue.path.map(String).join(".")}`,
            found: issue.message,
            allowed: "experiment → environment → {percent, status, since, decision}, as npm run rollout writes it",
            fix,
        })),
    };
}

/** `state` as rollouts/<stack>.json holds it: keys sorted, so an unchanged state is an unchanged file. */
export function rolloutStateText(state: RolloutState): string {
    const sorted = Object.fromEntries(
        Object.keys(state)
            .sort()
            .map((name) => [
                name,
                Object.fromEntries(
                    Object.keys(state[name])
                        .sort()
                        .map((env) => [env, state[name][env]]),
                ),
            ]),
    );
    return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Writes `state` as rollouts/<stack>.json (rolloutStateText). */
export function writeRolloutState(stack: string, state: RolloutState, dir = PROJECT_DIR): void {
    const file = rolloutFile(stack, dir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside it and renamed over it: an interrupted run leaves the old state or the new, never half of one.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, rolloutStateText(state));
    fs.renameSync(partial, file);
}

/**
 * The catalog with its ramps at the stages stack `stack`'s rollout state records (rollouts/state.ts),
 * with that state and where it is kept, as its problems name it.
 */
export function atRolloutStages(catalog: Catalog, stack: string, dir = PROJECT_DIR): StagedCatalog {
    const where = shown(rolloutFile(stack, dir), dir);
    const { state, problems } = readRolloutState(stack, dir);
    if (problems.length) return { catalog, problems, warnings: [], state, where };
    return { ...withRolloutState(catalog, state, where), state, where };
}

export type StagedCatalog = ReturnType<typeof withRolloutState> & { state: RolloutState; where: string };
