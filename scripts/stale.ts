// `npm run stale [-- --strict] [--today YYYY-MM-DD]`: temporary flags past expiresOn, flags and
// experiments without an owner, and experiments left at 100% on one treatment, with owner and age.
// With --strict (CI) it exits 1 when any finding needs action.
import { staleFindings } from "../catalog/hygiene";
import { parseCatalog } from "../catalog/validate";
import { catalog as flagCatalog } from "../flags";
import { dayOf, parseDay } from "../lib/dates";
import { formatProblems } from "../lib/problems";

function main(argv: string[]): number {
    let strict = false;
    let today = new Date();
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--strict") strict = true;
        else if (argv[i] === "--today" && parseDay(argv[i + 1])) today = new Date(`${argv[++i]}T12:00:00Z`);
        else {
            console.error(`stale: unknown argument '${argv[i]}'. Usage: npm run stale -- [--strict] [--today YYYY-MM-DD]`);
            return 2;
        }
    }
    const { catalog, problems } = parseCatalog(flagCatalog);
    if (problems.length) {
        console.error(formatProblems("flags.ts catalog", problems));
        return 1;
    }
    const findings = staleFindings(catalog, today);
    const failing = findings.filter((f) => f.failing);
    console.log(`Flag hygiene on ${dayOf(today)}: ${catalog.flags.length} flags, ${(catalog.experiments ?? []).length} experiments; ${failing.length} need action, ${findings.length - failing.length} to note.`);
    for (const f of findings) {
        console.log(`\n  ${f.failing ? "ACTION" : "NOTE  "}  ${f.kind}: ${f.subject}\n          owner: ${f.owner}\n          age:   ${f.age}\n          do:    ${f.action}`);
    }
    return strict && failing.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
