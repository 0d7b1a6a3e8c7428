// `npm test`'s checks, run side by side on the machine's cores: the type check (tsc; it emits
// nothing the others read), the layout (Prettier), the lint (ESLint) and the tests (jest). Each
// one's output is printed whole, in that order, as it finishes; the exit code is the first
// failure's, or 0.
import { spawn } from "node:child_process";

const checks = [
    ["tsc", ["-b", ".", "sdks/harness"]],
    ["prettier", ["--check", "--cache", "--log-level", "warn", "."]],
    ["eslint", ["--cache", "--cache-location", "node_modules/.cache/eslint/", "."]],
    ["jest", []],
];

const runs = checks.map(([command, args]) => {
    const child = spawn(command, args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const stop = () => child.kill("SIGTERM");
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return new Promise((resolve) => child.on("close", (code, signal) => resolve({ command, code: code ?? (signal ? 1 : 0), output })));
});

let exitCode = 0;
for (const run of runs) {
    const { command, code, output } = await run;
    process.stdout.write(output);
    if (code !== 0) {
        process.stderr.write(`\n${command} failed (exit ${code})\n`);
        exitCode ||= code;
    }
}
process.exitCode = exitCode;
