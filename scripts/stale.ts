// `npm run stale [-- --strict] [--since <git ref>] [--today YYYY-MM-DD]`: temporary flags past
// expiresOn and experiments left at 100% on one treatment, with owner and age. With --strict it
// exits 1 when a finding needs action; with --since, only when the finding is about a flag or
// experiment that changed since that ref, so a pull request fails for what it touches (the full
// report runs on a schedule).
import * as path from "path";
import { changedEntries, staleFindings } from "../catalog/hygiene";
import type { Catalog } from "../catalog/types";
import { parseCatalog } from "../catalog/validate";
import { catalog as flagCatalog } from "../flags";
import { dayOf, parseDay } from "../lib/dates";
import { formatProblems } from "../lib/problems";
import { PROJECT_DIR } from "./mockRuntime";
import { withWorktree } from "./worktree";

const USAGE = `Usage: npm run stale -- [--strict] [--since <git ref>] [--today YYYY-MM-DD]

  --strict           exit 1 when a finding needs action (CI)
  --since <git ref>  with --strict: fail only for flags and experiments changed since that ref (a pull request's base)
  --today <day>      report as of another day`;

interface StaleOptions {
    strict: boolean;
    since?: string;
    today: Date;
}

function parseArgs(argv: string[]): StaleOptions | { exit: number; message: string } {
    const options: StaleOptions = { strict: false, today: new Date() };
    for (let i = 0; i < argv.length; i++) {
        const [arg, value] = [argv[i], argv[i + 1]];
        if (arg === "--help" || arg === "-h") return { exit: 0, message: USAGE };
        if (arg === "--strict") options.strict = true;
        else if (arg === "--since" && value && !value.startsWith("--")) options.since = argv[++i];
        else if (arg === "--today" && parseDay(value)) options.today = new Date(`${argv[++i]}T12:00:00Z`);
        else if (arg === "--since" || arg === "--today") return { exit: 2, message: `stale: ${arg} needs a value${arg === "--today" ? " written YYYY-MM-DD" : ""}\n\n${USAGE}` };
        else return { exit: 2, message: `stale: unknown argument '${arg}'\n\n${USAGE}` };
    }
    return options;
}

/** The catalog the program at `ref` declares. */
function catalogAt(ref: string): Promise<Catalog> {
    return withWorktree(PROJECT_DIR, ref, async (dir) => {
        const { catalog, problems } = parseCatalog(require(path.join(dir, "flags.ts")).catalog);
        if (problems.length) throw new Error(`the catalog at ${ref} is invalid, so nothing can be called unchanged:\n${formatProblems("flags.ts catalog", problems)}`);
        return catalog;
    });
}

async function main(argv: string[]): Promise<number> {
    const options = parseArgs(argv);
    if ("exit" in options) {
        (options.exit ? console.error : console.log)(options.message);
        return options.exit;
    }
    const { catalog, problems } = parseCatalog(flagCatalog);
    if (problems.length) {
        console.error(formatProblems("flags.ts catalog", problems));
        return 1;
    }
    const changed = options.since ? changedEntries(await catalogAt(options.since), catalog) : undefined;
    const findings = staleFindings(catalog, options.today);
    const failing = findings.filter((f) => f.failing && (!changed || changed.has(f.entry)));
    const scope = changed ? ` (${changed.size} flags and experiments changed since ${options.since}; only those fail)` : "";
    console.log(`Flag hygiene on ${dayOf(options.today)}: ${catalog.flags.length} flags, ${catalog.experiments.length} experiments; ${failing.length} need action, ${findings.length - failing.length} to note${scope}.`);
    for (const f of findings) {
        const label = failing.includes(f) ? "ACTION" : "NOTE  ";
        console.log(`\n  ${label}  ${f.kind}: ${f.subject}\n          owner: ${f.owner}\n          age:   ${f.age}\n          do:    ${f.action}`);
    }
    return options.strict && failing.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
        console.error(`stale: ${(error as Error).message}`);
        process.exitCode = 2;
    },
);
