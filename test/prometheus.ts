// A real Prometheus for the rollout tests: metrics written as OpenMetrics text, backfilled into a
// TSDB with promtool (`promtool tsdb create-blocks-from openmetrics`), served on 127.0.0.1 by the
// prometheus binary, and queried through its HTTP API. Both come from Debian's prometheus package.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

const INSTALL = "Prometheus is not installed: apt-get install prometheus (Debian ships prometheus and promtool; .ci/run installs it).";

/** Throws, saying how to install it, when prometheus or promtool is missing. */
export function requirePrometheus(): void {
    for (const tool of ["prometheus", "promtool"]) {
        try {
            execFileSync(tool, ["--version"], { stdio: "ignore" });
        } catch {
            throw new Error(INSTALL);
        }
    }
}

/** One metric family: its type and its samples, each `[labels, value, unix seconds]`. */
export interface Family {
    name: string;
    type: "counter" | "histogram";
    samples: [string, number, number][];
}

/** Families as OpenMetrics text: each series' samples in time order, then `# EOF`. */
export function openMetrics(families: readonly Family[]): string {
    const lines: string[] = [];
    for (const family of families) {
        lines.push(`# TYPE ${family.name} ${family.type}`);
        for (const [series, value, at] of family.samples) lines.push(`${series} ${value} ${at}`);
    }
    return `${lines.join("\n")}\n# EOF\n`;
}

export interface RunningPrometheus {
    url: string;
    stop: () => Promise<void>;
}

/** A port nothing listens on now. */
export const freePort = () =>
    new Promise<number>((resolve, reject) => {
        const server = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
        server.on("error", reject);
    });

/** Backfills `text` into a new TSDB and serves it on 127.0.0.1; `stop` ends it and removes its files. */
export async function startPrometheus(text: string): Promise<RunningPrometheus> {
    requirePrometheus();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-prometheus-"));
    const data = path.join(dir, "data");
    fs.writeFileSync(path.join(dir, "metrics.txt"), text);
    fs.writeFileSync(path.join(dir, "prometheus.yml"), "global: {}\n");
    execFileSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", path.join(dir, "metrics.txt"), data], { stdio: "pipe" });
    const port = await freePort();
    const child: ChildProcess = spawn(
        "prometheus",
        [
            `--config.file=${path.join(dir, "prometheus.yml")}`,
            `--storage.tsdb.path=${data}`,
            // Backfilled blocks are old: keep them whatever their age.
            "--storage.tsdb.retention.time=100y",
            `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: "ignore" },
    );
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
        if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill();
            await exited;
        }
        fs.rmSync(dir, { recursive: true, force: true });
    };
    for (let attempt = 0; ; attempt++) {
        const ready = await fetch(`${url}/-/ready`).then(
            (r) => r.ok,
            () => false,
        );
        if (ready) return { url, stop };
        if (attempt > 300 || child.exitCode !== null) {
            await stop();
            throw new Error(`prometheus did not become ready on ${url}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
