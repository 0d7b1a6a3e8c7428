// The GitHub workflows, checked against GitHub's workflow schema (action-validator) before they
// ever run on GitHub.
import * as fs from "fs";
import * as path from "path";
import { validateWorkflow } from "@action-validator/core";

const WORKFLOWS = path.join(__dirname, "..", ".github", "workflows");
const workflows = fs.readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));

it.each(workflows)("%s is a valid workflow", (name) => {
    expect(validateWorkflow(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")).errors).toEqual([]);
});
