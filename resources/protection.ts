// Protection, in one place: which of a stack's resources `protect` keeps from deletion and
// replacement. The stack's Safety is built once, from its settings, with the validated catalog.
import type { EnvironmentSettings, Settings } from "../config";

/** What protection the stack asks for: `protect` from config, and which environments are Production. */
export interface Safety {
    protect?: boolean;
    types: Readonly<Record<string, EnvironmentSettings["type"]>>;
}

export const safetyOf = (settings: Pick<Settings, "protect" | "environments">): Safety => ({
    protect: settings.protect,
    types: Object.fromEntries(settings.environments.map((e) => [e.id, e.type])),
});

/** Whether a resource that touches `environments` is protected: when any of them is Production, unless config's `protect` says otherwise. */
export const protects = (safety: Safety, environments: readonly string[]) =>
    safety.protect ?? environments.some((env) => safety.types[env] === "Production");

/** Whether anything in the stack is protected: then the program checks its last deployment first. */
export const protectsAnything = (safety: Safety) => protects(safety, Object.keys(safety.types));
