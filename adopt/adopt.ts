// `npm run adopt`: reads a Harness project in full, makes catalog entries and the Pulumi import of
// it, proves that the first deploy after the import serves everyone what Harness serves today, and
// only then writes. Every refusal happens before the first byte is written.
import * as fs from "fs";
import * as path from "path";
import { checkCatalog } from "../catalog/validate";
import type { Settings } from "../config";
import { generationProblems } from "../generate/files";
import { outputDirectory, writeGenerated } from "../generate/outputDirectory";
import { dayOf } from "../lib/dates";
import { EXIT, UserFacingError } from "../lib/errors";
import { formatProblems, type Problem } from "../lib/problems";
import { loadCatalog, shown } from "../project/files";
import { stackSettings } from "../project/stacks";
import { NAMES } from "../resources/identity";
import { type Adoption, adoptionFrom } from "./fromHarness";
import { type ClientOptions, DEFAULT_ENDPOINT, HarnessApi, readHarnessProject } from "./harnessApi";
import { compareServing } from "./serving";
import { catalogFile, collisions, formatted, importFile, mergedFlagsFile } from "./write";

export interface AdoptOptions {
    stack: string;
    /** Where catalog.ts and import.json go, inside the project. */
    out: string;
    /** Also insert the entries into flags.ts. */
    merge: boolean;
    projectDir: string;
    env: NodeJS.ProcessEnv;
    today: Date;
    client?: ClientOptions;
    /** Where the report goes, line by line. */
    print: (line: string) => void;
}

const WRITER = { command: "npm run adopt", example: "adopted" };

/** The Harness API's base URL and key, and the account, from the environment and the stack file. */
function apiScope(options: AdoptOptions, settings: Settings) {
    const apiKey = options.env.HARNESS_PLATFORM_API_KEY?.trim();
    if (!apiKey)
        throw new UserFacingError(
            `adopt: HARNESS_PLATFORM_API_KEY is not set, and adopt reads Harness with an API key: export HARNESS_PLATFORM_API_KEY=<key> (a key whose role has 'Feature Flags: View' and 'Target Management: View' in ${settings.orgId}/${settings.projectId}). Nothing was written.`,
        );
    // As the provider reads them: a key set in the stack file wins over its environment variable.
    const accountId = settings.accountId ?? (options.env.HARNESS_ACCOUNT_ID?.trim() || undefined);
    if (!accountId)
        throw new UserFacingError(
            `adopt: Pulumi.${options.stack}.yaml does not set the Harness account id, which adopt needs: pulumi config set harness:accountId <your account id> (or export HARNESS_ACCOUNT_ID). Nothing was written.`,
            EXIT.invalid,
        );
    const baseUrl = settings.endpoint || options.env.HARNESS_ENDPOINT?.trim() || DEFAULT_ENDPOINT;
    return { baseUrl, apiKey, accountId, orgId: settings.orgId, projectId: settings.projectId };
}

/** A catalog's problems as the program checks it, with the catalog as parsed. */
/** Refuses, as a case adopt does not handle yet, a catalog it made that does not validate. */
function refuseInvalid(problems: Problem[], source: string) {
    if (problems.length)
        throw new UserFacingError(
            `${formatProblems(`The adopted catalog (${source})`, problems)}\nadopt wrote nothing: this is a case it does not handle yet; please report it with the lines above.`,
            EXIT.invalid,
        );
}

/** The adoption's entries as a catalog input. */
const entriesOf = (adoption: Adoption) => ({ ...adoption.catalog, segments: [], experiments: [] });

/**
 * The adoption without the flags the catalog's rules refuse (a variation identifier Harness took
 * that the catalog does not, or a json value that is not an object, which the flagd files cannot
 * carry), each listed as not adopted with the first problem: one odd flag does not hold back the
 * project. With its entries parsed and validated as the program will, checked once unless a flag
 * was refused.
 */
export function checkedAdoption(adoption: Adoption, settings: Settings, today: Date, source = "adopted/catalog.ts") {
    const checked = checkCatalog(entriesOf(adoption), settings, today, source);
    const refused = new Map<string, string>();
    for (const problem of [...checked.problems, ...generationProblems(checked.catalog)]) {
        const flag = /^flag '([^']+)'/.exec(problem.subject)?.[1];
        if (flag && !refused.has(flag))
            refused.set(flag, `the catalog refuses it: ${problem.subject}: ${problem.found} (allowed: ${problem.allowed})`);
    }
    if (!refused.size) {
        refuseInvalid(checked.problems, source);
        return { adoption, catalog: checked.catalog };
    }
    const refusedNames = new Set([...refused.keys()].flatMap((flag) => [NAMES.flag(flag), NAMES.child(NAMES.flag(flag), "flag")]));
    const kept: Adoption = {
        ...adoption,
        catalog: { ...adoption.catalog, flags: adoption.catalog.flags.filter((flag) => !refused.has(flag.identifier)) },
        imports: adoption.imports.filter((entry) => !refusedNames.has(entry.name)),
        harnessOwned: adoption.harnessOwned.filter(({ flag }) => !refused.has(flag)),
        notAdopted: [...adoption.notAdopted, ...[...refused].map(([flag, reason]) => ({ what: `flag '${flag}'`, reason }))],
    };
    const rechecked = checkCatalog(entriesOf(kept), settings, today, source);
    refuseInvalid(rechecked.problems, source);
    return { adoption: kept, catalog: rechecked.catalog };
}

function report(adoption: Adoption, compared: number, print: (line: string) => void) {
    const { catalog, harnessOwned, notAdopted, chosen } = adoption;
    print(
        `Adopted ${catalog.flags.length} flags, ${catalog.targets.length} targets and ${catalog.targetGroups.length} target groups; ${compared} flag × environment × target decisions compared: Harness serves the same today as the program will.`,
    );
    if (harnessOwned.length) {
        print(`\nTargeting the catalog cannot say, kept in Harness (targeting: "harness", the deploy sends none of it; not compared):`);
        for (const { flag, reasons } of harnessOwned) print(`  flag '${flag}': ${reasons.join("; ")}`);
    }
    print("\nNot adopted:");
    for (const { what, reason } of notAdopted) print(`  ${what}: ${reason}`);
    print(
        "  FME experiments and segments: not read yet; to bring one over, declare it in flags.ts and run pulumi import harness:fmeFeatureFlag/fmeFeatureFlag:FmeFeatureFlag experiment-<name>-flag <org>/<project>/<name>, and the same for each environment's Definition (docs/adopting.md).",
    );
    if (chosen.length) {
        print("\nChosen by adopt (Harness has no such field): review them in the pull request:");
        for (const line of chosen) print(`  ${line}`);
    }
    print(
        "\nSDK keys are not imported: Harness shows a key only when it is created. The stack creates its own keys; move applications to them along the rotation path (docs/operating-safely.md), then delete the old keys in Harness.",
    );
}

/** The whole command; returns its exit code. */
export async function adopt(options: AdoptOptions): Promise<number> {
    const { stack, projectDir, print, today } = options;
    const parsed = stackSettings(stack, projectDir);
    if (!parsed.ok) throw new UserFacingError(formatProblems(`Stack '${stack}' config`, parsed.problems), EXIT.invalid);
    const { settings } = parsed;
    const scope = apiScope(options, settings);
    const directory = outputDirectory(options.out, ["catalog.ts", "import.json"], projectDir, WRITER);
    const flagsFile = path.join(projectDir, "flags.ts");
    const existing = options.merge ? (loadCatalog(projectDir) as Record<string, unknown>) : undefined;

    const api = new HarnessApi(scope, options.client);
    const project = await readHarnessProject(
        api,
        scope,
        settings.environments.map((environment) => environment.id),
    );
    const { adoption, catalog } = checkedAdoption(
        adoptionFrom(project, today),
        settings,
        today,
        shown(path.join(directory, "catalog.ts"), projectDir),
    );

    const serving = compareServing(project, catalog, settings);
    if (serving.differences.length) {
        print(`adopt: the program would serve differently from Harness today in ${serving.differences.length} cases; nothing was written:`);
        for (const line of serving.differences) print(`  ${line}`);
        return EXIT.blocked;
    }

    let merged: string | undefined;
    if (existing) {
        const shared = collisions(adoption, existing);
        if (shared.length)
            throw new UserFacingError(
                `adopt: with --merge, flags.ts already declares ${shared.join(", ")}: remove them there (or adopt without --merge and compare ${shown(directory, projectDir)}/catalog.ts by hand). Nothing was written.`,
                EXIT.invalid,
            );
        merged = mergedFlagsFile(fs.readFileSync(flagsFile, "utf8"), adoption, flagsFile);
        if (!merged)
            throw new UserFacingError(
                "adopt: with --merge, flags.ts does not export its catalog as an object literal with array literals, so adopt cannot insert into it: adopt without --merge and copy the entries by hand. Nothing was written.",
                EXIT.invalid,
            );
        const lists = ["targets", "targetGroups", "flags"] as const;
        const source = "flags.ts with the adopted entries";
        const withAdopted = {
            ...existing,
            ...Object.fromEntries(lists.map((list) => [list, [...((existing[list] as unknown[]) ?? []), ...adoption.catalog[list]]])),
        };
        refuseInvalid(checkCatalog(withAdopted, settings, today, source).problems, source);
    }

    const header = [
        `Adopted from Harness project ${scope.orgId}/${scope.projectId} (stack ${stack}) by npm run adopt on ${dayOf(today)}.`,
        `Merge these entries into flags.ts (or run adopt with --merge), then: pulumi import --file ${shown(directory, projectDir)}/import.json.`,
    ];
    const [catalogText, mergedText] = formatted([
        { text: catalogFile(adoption, directory, header, projectDir), file: path.join(directory, "catalog.ts") },
        ...(merged ? [{ text: merged, file: flagsFile }] : []),
    ]);
    const files = new Map([
        ["catalog.ts", catalogText],
        ["import.json", importFile(adoption.imports)],
    ]);
    writeGenerated(directory, files, `npm run adopt -- --stack ${stack} --out ${options.out}`);
    if (mergedText) fs.writeFileSync(flagsFile, mergedText);
    report(adoption, serving.compared, print);
    print(
        `\nWrote ${shown(directory, projectDir)}/catalog.ts and ${shown(directory, projectDir)}/import.json (${adoption.imports.length} entries)${merged ? " and merged the entries into flags.ts" : ""}. Next: ${merged ? "" : "merge the entries into flags.ts, "}npm run generate, pulumi import --file ${shown(directory, projectDir)}/import.json --generate-code=false, then npm run plan and pulumi preview: docs/adopting.md.`,
    );
    return EXIT.ok;
}
