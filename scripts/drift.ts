// `npm run drift -- <preview.json> [--stack <name>]`: the resources a `pulumi preview --refresh
// --json` would change, as a markdown report for the drift issue (pipeline/drift.ts).
import * as fs from "fs";
import { runCommand, UsageError } from "../cli/command";
import { EXIT, UserFacingError } from "../lib/errors";
import { driftedResources, driftReport } from "../pipeline/drift";

const USAGE = `Usage: npm run drift -- <preview.json> [--stack <name>]   (preview.json from pulumi preview --refresh --json)

Exit codes: 0 nothing drifted, 3 something drifted, 2 the file is not a preview (or a usage error).`;

runCommand({ name: "drift", usage: USAGE, options: { stack: { type: "string", default: "dev" } }, positionals: { name: "preview.json", max: 1 } }, ({ values, positionals }) => {
    const [file] = positionals;
    if (!file) throw new UsageError("drift: give the preview's JSON file.");
    let preview;
    try {
        preview = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new UserFacingError(`drift: ${file} is not the JSON of pulumi preview --json (${(error as Error).message}).`);
    }
    const drifted = driftedResources(preview);
    if (drifted.length) console.log(driftReport(values.stack!, drifted, process.env.RUN_URL));
    return drifted.length ? EXIT.changes : EXIT.ok;
});
