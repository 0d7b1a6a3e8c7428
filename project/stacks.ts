// The project's stacks: names as Pulumi spells them, each read from its Pulumi.<stack>.yaml in the
// project, and its config as the engine would pass it to the program.
import * as fs from "fs";
import * as path from "path";
import { parseSettings, ParseResult, PROJECT } from "../config";
import { EXIT, UserFacingError } from "../lib/errors";
import { PROJECT_DIR, readYaml, shown } from "./files";

/** A Pulumi stack name: letters, digits, `-`, `_` and `.` (Pulumi's rule), never a path. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const ORG_OR_PROJECT = /^[A-Za-z0-9_.-]{1,100}$/;

/** The stacks that have a Pulumi.<stack>.yaml in `dir`. */
export function existingStacks(dir = PROJECT_DIR): string[] {
    return fs
        .readdirSync(dir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined && STACK_NAME.test(stack))
        .sort();
}

/**
 * The stack that `--stack` names, as `<stack>`, `<org>/<stack>` or `<org>/<project>/<stack>`:
 * its name, whose config is Pulumi.<name>.yaml in the project. Anything else, a path among them,
 * is refused.
 */
export function stackOf(name: string, project = PROJECT): string {
    const parts = name.split("/");
    const stack = parts[parts.length - 1];
    const valid =
        parts.length <= 3 &&
        STACK_NAME.test(stack) &&
        stack !== "." &&
        stack !== ".." &&
        parts.slice(0, -1).every((part) => ORG_OR_PROJECT.test(part) && part !== "." && part !== "..");
    if (!valid) {
        throw new UserFacingError(
            `--stack '${name}' is not a Pulumi stack name. Give <stack>, <org>/<stack> or <org>/<project>/<stack>, where a stack is letters, digits, -, _ and . (such as dev, or my-org/dev); its config is read from Pulumi.<stack>.yaml in the project.`,
        );
    }
    if (parts.length === 3 && parts[1] !== project)
        throw new UserFacingError(
            `--stack '${name}' names the project '${parts[1]}', but this is ${project}: give ${parts[0]}/${project}/${stack}, or just ${stack}.`,
        );
    return stack;
}

/** The stack file of `stack` in `dir`; a missing one is refused with the stacks there are and how to add one. */
export function stackFile(stack: string, dir = PROJECT_DIR): string {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(file)) return file;
    const stacks = existingStacks(dir);
    const known = stacks.length ? `The stacks here: ${stacks.join(", ")}.` : "There is no stack file here yet.";
    const from = stacks.includes("dev") ? "dev" : stacks[0];
    const create = from
        ? `To add it: cp Pulumi.${from}.yaml Pulumi.${stack}.yaml, set its orgId, projectId and environments (docs/configuration.md), and pulumi stack init ${stack} when you deploy it.`
        : `To add it: pulumi stack init ${stack} and set its config (docs/configuration.md).`;
    throw new UserFacingError(`There is no stack '${stack}': ${shown(file, dir)} does not exist. ${known} ${create}`, EXIT.invalid);
}

export interface StackConfig {
    /** Fully qualified keys ("ai-feature-flags:orgId") to string values, as the engine passes them. */
    config: Record<string, string>;
    /** The keys whose values are secrets. */
    secretKeys: string[];
}

/** A stand-in for each `secure:` value of a stack file: nothing offline needs the real one. */
export const secretPlaceholder = (key: string) => `mock-secret-for-${key}`;

/**
 * Stack config as the engine would pass it: Pulumi.<stack>.yaml in `dir` with `overrides`
 * applied; an override of `undefined` removes a key. Keys without a namespace get the project's.
 */
export function readStackConfig(project: string, stack: string, overrides: Record<string, unknown> = {}, dir = PROJECT_DIR): StackConfig {
    const file = stackFile(stack, dir);
    const document = readYaml(file, dir) ?? {};
    const fromFile =
        typeof document === "object" && !Array.isArray(document) ? ((document as { config?: unknown }).config ?? {}) : undefined;
    if (!fromFile || typeof fromFile !== "object" || Array.isArray(fromFile)) {
        throw new UserFacingError(
            `${shown(file, dir)} is not a stack file: it should be a map with a config: map of keys, as pulumi config set writes it.`,
            EXIT.invalid,
        );
    }
    const qualified = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
    const values = new Map<string, unknown>();
    for (const [key, value] of [...Object.entries(fromFile), ...Object.entries(overrides)]) values.set(qualified(key), value);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of values) {
        if (value === undefined || value === null) continue;
        if (typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            config[key] = secretPlaceholder(key);
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

/** The settings of `stack` from its Pulumi.<stack>.yaml in `dir`, as the program would read them. */
export function stackSettings(stack: string, dir = PROJECT_DIR): ParseResult {
    const { config, secretKeys } = readStackConfig(PROJECT, stack, {}, dir);
    return parseSettings({ values: config, secretKeys: new Set(secretKeys), stack });
}
